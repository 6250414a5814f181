import { Badge, Button, Group } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { NewsPostStatus } from "@trellis/shared";
import { Link, useParams } from "react-router";
import { errorMessage } from "../../api/client";
import type { PostDetail } from "../../api/types";
import { useCan } from "../../auth/session";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { PageSkeleton } from "../../components/Skeletons";
import { formatDateTime } from "../../lib/format";
import { NewsCrumbs } from "./NewsCrumbs";
import { usePost, useUpdatePost } from "./news.api";
import { postStateColors } from "./news.labels";
import { PostAttachments } from "./PostAttachments";
import { PostForm, showApiErrors } from "./PostForm";
import { patchOf } from "./post.form";

const stateWords: Record<PostDetail["state"], string> = {
  draft: "Draft",
  scheduled: "Scheduled",
  published: "Published",
  expired: "Expired",
  archived: "Archived",
};

function StatusActions({ post }: { post: PostDetail }) {
  const update = useUpdatePost(post.id);
  const setStatus = (status: NewsPostStatus, done: string) =>
    update.mutate(
      { status },
      {
        onSuccess: (saved) => notifications.show({ color: "teal", message: `${saved.title} ${done}` }),
        onError: (error) => notifications.show({ color: "red", title: "Status not changed", message: errorMessage(error) }),
      },
    );
  if (post.status === "archived") {
    return (
      <Button variant="default" loading={update.isPending} onClick={() => setStatus("draft", "is a draft again.")}>
        Restore as draft
      </Button>
    );
  }
  return (
    <>
      {post.status === "published" ? (
        <Button variant="default" loading={update.isPending} onClick={() => setStatus("draft", "is a draft again: partners no longer see it.")}>
          {post.state === "scheduled" ? "Cancel schedule" : "Unpublish"}
        </Button>
      ) : null}
      <ConfirmButton
        variant="light"
        question={`Archive ${post.title}? Partners stop seeing it; its reads, acknowledgements and questions stay.`}
        confirmLabel="Archive"
        loading={update.isPending}
        onConfirm={() => setStatus("archived", "is archived.")}
      >
        Archive
      </ConfirmButton>
    </>
  );
}

export function PostEditPage() {
  const { id = "" } = useParams();
  const post = usePost(id);
  const update = useUpdatePost(id);
  const canSeeFigures = useCan("news:analytics");

  if (post.isPending) return <PageSkeleton />;
  if (post.isError || !post.data) {
    return (
      <Page title="News post" description={<NewsCrumbs />}>
        <ErrorAlert error={post.error} onRetry={() => void post.refetch()} />
      </Page>
    );
  }
  const data = post.data;
  return (
    <Page
      title={data.title}
      description={
        <Group gap="xs">
          <NewsCrumbs title={data.title} />
          <Badge color={postStateColors[data.state]} variant="light">
            {stateWords[data.state]}
            {data.state === "scheduled" ? ` for ${formatDateTime(data.publishAt)}` : ""}
          </Badge>
        </Group>
      }
      actions={
        <>
          {canSeeFigures && data.status !== "draft" ? (
            <Button component={Link} to={`/news/${data.id}/analytics`} variant="default">
              Reach and questions
            </Button>
          ) : null}
          <StatusActions post={data} />
        </>
      }
    >
      <PostForm
        key={data.id}
        post={data}
        pending={update.isPending}
        error={update.error}
        attachments={<PostAttachments post={data} />}
        onSubmit={(values, status, form) => {
          const patch = patchOf(data, values, status);
          if (Object.keys(patch).length === 0) {
            notifications.show({ message: "Nothing changed." });
            return;
          }
          update.mutate(patch, {
            onSuccess: (saved) =>
              notifications.show({
                color: "teal",
                message:
                  saved.state === "scheduled"
                    ? `${saved.title} is scheduled for ${formatDateTime(saved.publishAt)}.`
                    : saved.state === "published" && data.state !== "published"
                      ? `${saved.title} is published.`
                      : `${saved.title} was saved.`,
              }),
            onError: (error) => showApiErrors(form, error),
          });
        }}
      />
    </Page>
  );
}
