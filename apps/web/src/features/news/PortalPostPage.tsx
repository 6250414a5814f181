import { Alert, Anchor, Breadcrumbs, Button, Grid, Group, List, Paper, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useEffect, useRef } from "react";
import { Link, useParams } from "react-router";
import { errorMessage } from "../../api/client";
import type { PostDetail } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { PageSkeleton } from "../../components/Skeletons";
import { formatDateTime } from "../../lib/format";
import { ArticleBody } from "../knowledge/ArticleBody";
import { formatBytes } from "../support/support.format";
import { PostFlags } from "./FeedCard";
import { useAcknowledge, usePost, useRecordRead } from "./news.api";
import { PostComments } from "./PostComments";

function Crumbs({ title }: { title?: string }) {
  return (
    <Breadcrumbs separator="›">
      <Anchor component={Link} to="/portal/news" size="sm">
        News
      </Anchor>
      <Text size="sm" c="dimmed" lineClamp={1}>
        {title ?? "Post"}
      </Text>
    </Breadcrumbs>
  );
}

function Acknowledge({ post }: { post: PostDetail }) {
  const acknowledge = useAcknowledge(post.id);
  if (!post.mustRead) return null;
  if (post.acknowledged) {
    return (
      <Alert color="teal" title="Acknowledged" role="status">
        You confirmed you read this on {formatDateTime(post.acknowledgedAt)}.
      </Alert>
    );
  }
  return (
    <Alert color="red" title="Must read" role="region" aria-label="Must read">
      <Stack gap="xs">
        <Text size="sm">The vendor asks everyone it is meant for to confirm they read it. Read it through, then confirm.</Text>
        <Group>
          <Button
            color="red"
            loading={acknowledge.isPending}
            onClick={() =>
              acknowledge.mutate(undefined, {
                onSuccess: () => notifications.show({ color: "teal", message: "Thank you: your acknowledgement is recorded." }),
                onError: (error) => notifications.show({ color: "red", title: "Not recorded", message: errorMessage(error) }),
              })
            }
          >
            I have read this
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function SidePanel({ post }: { post: PostDetail }) {
  return (
    <Stack>
      {post.attachments.length ? (
        <Paper withBorder p="md" component="section" aria-labelledby="post-files">
          <Stack gap="xs">
            <Title order={2} size="h4" id="post-files">
              Attachments
            </Title>
            <List size="sm" spacing={4}>
              {post.attachments.map((file) => (
                <List.Item key={file.id}>
                  <Anchor href={file.url} download={file.fileName} size="sm" style={{ overflowWrap: "anywhere" }}>
                    {file.fileName}
                  </Anchor>{" "}
                  <Text span size="xs" c="dimmed">
                    {formatBytes(file.size)}
                  </Text>
                </List.Item>
              ))}
            </List>
          </Stack>
        </Paper>
      ) : null}
      {post.products.length || post.assets.length ? (
        <Paper withBorder p="md" component="section" aria-labelledby="post-links">
          <Stack gap="xs">
            <Title order={2} size="h4" id="post-links">
              Related
            </Title>
            {post.products.length ? (
              <List size="sm" spacing={4} aria-label="Products">
                {post.products.map((product) => (
                  <List.Item key={product.id}>
                    <Anchor component={Link} to={`/portal/products?q=${encodeURIComponent(product.sku)}`} size="sm">
                      {product.name}
                    </Anchor>{" "}
                    <Text span size="xs" c="dimmed">
                      {product.sku}
                    </Text>
                  </List.Item>
                ))}
              </List>
            ) : null}
            {post.assets.length ? (
              <List size="sm" spacing={4} aria-label="Sales tools">
                {post.assets.map((asset) => (
                  <List.Item key={asset.id}>
                    <Anchor component={Link} to={`/portal/library/${asset.id}`} size="sm">
                      {asset.title}
                    </Anchor>
                  </List.Item>
                ))}
              </List>
            ) : null}
          </Stack>
        </Paper>
      ) : null}
    </Stack>
  );
}

/** One post on the portal; opening it records the read (once: the server keeps the first time). */
export function PortalPostPage() {
  const { id = "" } = useParams();
  const post = usePost(id);
  const { mutate: markRead } = useRecordRead(id);
  const recorded = useRef<string | null>(null);
  const data = post.data;

  useEffect(() => {
    if (!data || data.read || recorded.current === data.id) return;
    recorded.current = data.id;
    markRead();
  }, [data, markRead]);

  if (post.isPending) return <PageSkeleton />;
  if (post.isError || !data) {
    return (
      <Page title="News post" description={<Crumbs />}>
        <ErrorAlert error={post.error} onRetry={() => void post.refetch()} />
      </Page>
    );
  }
  return (
    <Page title={data.title} description={<Crumbs title={data.title} />}>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <PostFlags post={{ ...data, read: true }} />
            <Text size="sm" c="dimmed">
              Published {formatDateTime(data.publishAt)}
              {data.author ? ` by ${data.author.name}` : ""}
              {data.expiresAt ? ` · until ${formatDateTime(data.expiresAt)}` : ""}
            </Text>
            {data.mustRead && !data.acknowledged ? (
              <Text size="sm" c="red" fw={600}>
                Must read: please confirm at the end of the post that you read it.
              </Text>
            ) : null}
            <ArticleBody html={data.bodyHtml} emptyText="This post has no text." />
            <Acknowledge post={data} />
            <PostComments post={data} mode="reader" />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <SidePanel post={data} />
        </Grid.Col>
      </Grid>
    </Page>
  );
}
