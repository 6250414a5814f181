import { Alert, Anchor, List, Text } from "@mantine/core";
import { Link, useLocation } from "react-router";
import { formatDate } from "../../lib/format";
import { useMustRead } from "./news.api";

/**
 * Must-read posts the user has not acknowledged, on every portal page until they are. The post
 * being read is left out: its own page asks for the acknowledgement.
 */
export function MustReadBanner() {
  const mustRead = useMustRead();
  const { pathname } = useLocation();
  const items = (mustRead.data ?? []).filter((post) => pathname !== `/portal/news/${post.id}`);
  if (items.length === 0) return null;
  return (
    <Alert
      color="red"
      variant="light"
      title={items.length === 1 ? "A must-read post is waiting for you" : `${items.length} must-read posts are waiting for you`}
      mb="md"
      role="region"
    >
      <Text size="sm" mb={4}>
        Read {items.length === 1 ? "it" : "each"} and confirm with “I have read this”.
      </Text>
      <List size="sm" spacing={2}>
        {items.slice(0, 5).map((post) => (
          <List.Item key={post.id}>
            <Anchor component={Link} to={`/portal/news/${post.id}`} fw={600} size="sm">
              {post.title}
            </Anchor>{" "}
            <Text span size="xs" c="dimmed">
              {formatDate(post.publishAt)}
            </Text>
          </List.Item>
        ))}
      </List>
      {items.length > 5 ? (
        <Anchor component={Link} to="/portal/news" size="sm">
          and {items.length - 5} more in News
        </Anchor>
      ) : null}
    </Alert>
  );
}
