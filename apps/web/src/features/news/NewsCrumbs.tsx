import { Anchor, Breadcrumbs, Text } from "@mantine/core";
import { Link } from "react-router";
import { useCan } from "../../auth/session";

/** News › title; finance (figures only, no editing) goes back to the read share instead of the editors' list. */
export function NewsCrumbs({ title }: { title?: string }) {
  const canWrite = useCan("news:write");
  return (
    <Breadcrumbs separator="›">
      <Anchor component={Link} to={canWrite ? "/news" : "/news/read-share"} size="sm">
        {canWrite ? "News" : "News read share"}
      </Anchor>
      <Text size="sm" c="dimmed" lineClamp={1}>
        {title ?? "Post"}
      </Text>
    </Breadcrumbs>
  );
}
