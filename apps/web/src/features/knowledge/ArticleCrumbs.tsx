import { Anchor, Breadcrumbs, Text } from "@mantine/core";
import { Link } from "react-router";

/** Knowledge base > article: the way back to the search, on the portal and in the vendor console. */
export function ArticleCrumbs({ listPath, title }: { listPath: string; title?: string }) {
  return (
    <Breadcrumbs>
      <Anchor component={Link} to={listPath} size="sm">
        Knowledge base
      </Anchor>
      <Text size="sm" lineClamp={1}>
        {title ?? "Article"}
      </Text>
    </Breadcrumbs>
  );
}
