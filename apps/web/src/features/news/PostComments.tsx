import { Badge, Button, Group, Paper, Radio, Stack, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { CommentVisibility } from "@trellis/shared";
import { type FormEvent, useState } from "react";
import { errorMessage, fieldErrors } from "../../api/client";
import type { NewsComment, PostDetail } from "../../api/types";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TableSkeleton } from "../../components/Skeletons";
import { formatDateTime } from "../../lib/format";
import { HideCommentButton } from "./HideCommentButton";
import { useAddComment, useComments } from "./news.api";

type Mode = "reader" | "moderator";

interface ComposerProps {
  postId: string;
  parentId?: string;
  mode: Mode;
  initialVisibility: CommentVisibility;
  onDone?: () => void;
}

/** Ask a question (partner) or answer one (vendor); the choice of who sees it is always explicit. */
function Composer({ postId, parentId, mode, initialVisibility, onDone }: ComposerProps) {
  const add = useAddComment(postId);
  const [body, setBody] = useState("");
  const [visibility, setVisibility] = useState<CommentVisibility>(initialVisibility);
  const [error, setError] = useState<string | undefined>();
  const answering = Boolean(parentId);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!body.trim()) {
      setError(answering ? "Write the answer first" : "Write your question first");
      return;
    }
    add.mutate(
      { body: body.trim(), visibility, ...(parentId ? { parentId } : {}) },
      {
        onSuccess: () => {
          setBody("");
          notifications.show({
            color: "teal",
            message: answering ? "Your answer is posted." : "Your question is posted. The vendor will answer here.",
          });
          onDone?.();
        },
        onError: (failure) => setError(fieldErrors(failure).body ?? errorMessage(failure)),
      },
    );
  };
  const labels =
    mode === "moderator"
      ? { audience: "Publicly: everyone the post is for", partner: "Privately: only the asker's organisation" }
      : { audience: "Everyone this post is for", partner: "Ask privately: only my organisation and the vendor" };
  return (
    <form onSubmit={submit} noValidate aria-label={answering ? "Answer" : "Ask a question"}>
      <Stack gap="xs">
        <Textarea
          label={answering ? "Answer" : "Your question"}
          autosize
          minRows={3}
          maxLength={5000}
          value={body}
          error={error}
          onChange={(event) => {
            setBody(event.currentTarget.value);
            setError(undefined);
          }}
        />
        <Radio.Group
          label="Who sees it"
          value={visibility}
          onChange={(value) => setVisibility(value as CommentVisibility)}
          description={answering && initialVisibility === "audience" && visibility === "partner" ? "The question becomes private too." : undefined}
        >
          <Stack gap={6} mt={4}>
            <Radio value="audience" label={labels.audience} />
            <Radio value="partner" label={labels.partner} />
          </Stack>
        </Radio.Group>
        <Group justify="flex-end">
          {onDone ? (
            <Button variant="default" onClick={onDone}>
              Cancel
            </Button>
          ) : null}
          <Button type="submit" loading={add.isPending}>
            {answering ? "Post answer" : "Ask"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CommentCard({ comment, postId, mode, replies }: { comment: NewsComment; postId: string; mode: Mode; replies: NewsComment[] }) {
  const [answering, setAnswering] = useState(false);
  const fromVendor = comment.author.side === "vendor";
  const hidden = comment.status === "hidden";
  const kind = comment.parentId ? "Answer" : "Question";
  return (
    <Paper
      component="article"
      withBorder
      p="sm"
      aria-label={`${kind} from ${comment.author.name}`}
      bg={hidden ? "var(--mantine-color-gray-light)" : fromVendor ? "var(--mantine-color-blue-light)" : undefined}
      style={hidden ? { borderStyle: "dashed" } : undefined}
    >
      <Group justify="space-between" gap="xs" mb={6}>
        <Group gap={6}>
          <Text fw={600} size="sm">
            {comment.author.name}
          </Text>
          <Badge size="xs" variant="outline" color={fromVendor ? "blue" : "gray"}>
            {fromVendor ? "Vendor" : (comment.partnerName ?? "Partner")}
          </Badge>
          {comment.visibility === "partner" ? (
            <Badge size="xs" color="grape" variant="light">
              Private
            </Badge>
          ) : null}
          {hidden ? (
            <Badge size="xs" color="gray" variant="filled">
              Hidden
            </Badge>
          ) : null}
        </Group>
        <Text size="xs" c="dimmed">
          {formatDateTime(comment.createdAt)}
        </Text>
      </Group>
      <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }} c={hidden ? "dimmed" : undefined}>
        {comment.body}
      </Text>
      {hidden && comment.moderationReason ? (
        <Text size="xs" c="dimmed" mt={4}>
          Hidden because: {comment.moderationReason}
        </Text>
      ) : null}
      {mode === "moderator" ? (
        <Group gap="xs" mt="xs">
          {comment.parentId ? null : (
            <Button size="compact-sm" variant="light" onClick={() => setAnswering((value) => !value)} aria-expanded={answering}>
              Answer
            </Button>
          )}
          <HideCommentButton postId={postId} comment={comment} />
        </Group>
      ) : null}
      {replies.length ? (
        <Stack gap="xs" mt="sm" pl={{ base: "xs", sm: "lg" }}>
          {replies.map((reply) => (
            <CommentCard key={reply.id} comment={reply} postId={postId} mode={mode} replies={[]} />
          ))}
        </Stack>
      ) : null}
      {answering ? (
        <Paper withBorder p="sm" mt="sm">
          <Composer postId={postId} parentId={comment.id} mode={mode} initialVisibility={comment.visibility} onDone={() => setAnswering(false)} />
        </Paper>
      ) : null}
    </Paper>
  );
}

/** Questions under a post, each with the vendor's answers; moderators also answer and hide. */
export function PostComments({ post, mode }: { post: PostDetail; mode: Mode }) {
  const comments = useComments(post.id, post.commentsEnabled || mode === "moderator");
  const all = comments.data ?? [];
  const questions = all.filter((comment) => !comment.parentId);
  const repliesOf = (id: string) => all.filter((comment) => comment.parentId === id);
  const known = new Set(questions.map((comment) => comment.id));
  // An answer whose question the caller may not see (hidden, or private to another partner) still shows.
  const orphans = all.filter((comment) => comment.parentId && !known.has(comment.parentId));
  return (
    <Stack gap="sm" component="section" aria-labelledby="post-questions">
      <Title order={2} size="h4" id="post-questions">
        Questions
      </Title>
      {!post.commentsEnabled && mode === "reader" ? (
        <Text size="sm" c="dimmed">
          Questions are turned off for this post. For anything urgent, contact your channel manager or open a support ticket.
        </Text>
      ) : comments.isPending ? (
        <TableSkeleton rows={2} />
      ) : comments.isError ? (
        <ErrorAlert error={comments.error} onRetry={() => void comments.refetch()} />
      ) : questions.length === 0 && orphans.length === 0 ? (
        <Empty title="No questions yet">
          {mode === "reader"
            ? "Something unclear? Ask below: the vendor answers here, for everyone or only for your organisation."
            : "Partners' questions appear here for you to answer."}
        </Empty>
      ) : (
        <Stack gap="xs">
          {questions.map((comment) => (
            <CommentCard key={comment.id} comment={comment} postId={post.id} mode={mode} replies={repliesOf(comment.id)} />
          ))}
          {orphans.map((comment) => (
            <CommentCard key={comment.id} comment={comment} postId={post.id} mode={mode} replies={[]} />
          ))}
        </Stack>
      )}
      {mode === "reader" && post.canComment ? (
        <Paper withBorder p="md">
          <Composer postId={post.id} mode="reader" initialVisibility="audience" />
        </Paper>
      ) : null}
    </Stack>
  );
}
