import { Alert, Button, Group, NumberInput, Paper, SegmentedControl, Select, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type TicketStatus, ticketStatusLabels } from "@trellis/shared";
import { useState } from "react";
import { fieldErrors } from "../../api/client";
import type { TicketDetail } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { AttachmentPicker, useUploadQueue } from "./AttachmentPicker";
import { MarkdownEditor } from "./MarkdownPreview";
import { useRefreshAfterUpload, useReply } from "./tickets.api";

type Kind = "public" | "internal";

interface ReplyComposerProps {
  ticket: TicketDetail;
  /** Agents choose public reply or internal note, log minutes and may set a status with the reply. */
  agent: boolean;
}

export function ReplyComposer({ ticket, agent }: ReplyComposerProps) {
  const reply = useReply(ticket.id);
  const refresh = useRefreshAfterUpload(ticket.id);
  const queue = useUploadQueue();
  const [body, setBody] = useState("");
  const [kind, setKind] = useState<Kind>("public");
  const [minutes, setMinutes] = useState<number | string>("");
  const [status, setStatus] = useState<string | null>(null);
  const [bodyError, setBodyError] = useState<string | undefined>();
  const [failedFiles, setFailedFiles] = useState(0);
  // Files that failed are sent again to the reply they were chosen for.
  const [lastReplyId, setLastReplyId] = useState<string | undefined>();
  const internal = agent && kind === "internal";
  const errors = fieldErrors(reply.error);

  const statusOptions = ticket.allowedStatuses
    .filter((value) => value !== ticket.status)
    .map((value) => ({ value, label: ticketStatusLabels[value] }));

  const send = () => {
    if (!body.trim()) {
      setBodyError(internal ? "Write the note" : "Write your reply");
      return;
    }
    setBodyError(undefined);
    const minutesValue = typeof minutes === "number" ? minutes : 0;
    reply.mutate(
      {
        body: body.trim(),
        ...(agent ? { internal, minutes: minutesValue } : {}),
        ...(agent && status ? { status: status as TicketStatus } : {}),
      },
      {
        onSuccess: async (updated) => {
          const before = new Set(ticket.replies.map((item) => item.id));
          const saved = updated.replies.find((item) => !before.has(item.id)) ?? updated.replies.at(-1);
          setBody("");
          setMinutes("");
          setStatus(null);
          setLastReplyId(saved?.id);
          if (queue.files.length === 0) return;
          const failed = await queue.upload(ticket.id, { replyId: saved?.id, internal });
          setFailedFiles(failed);
          refresh();
          if (failed === 0) queue.clear();
          else notifications.show({ color: "orange", title: "Reply sent", message: "Some files were not attached; the reason is under each file." });
        },
      },
    );
  };

  const busy = reply.isPending || queue.running;

  return (
    <Paper
      component="section"
      aria-labelledby="reply-heading"
      withBorder
      p="sm"
      radius="md"
      bg={internal ? "var(--mantine-color-yellow-light)" : undefined}
    >
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h5" id="reply-heading">
            {internal ? "Internal note" : "Reply"}
          </Title>
          {agent ? (
            <SegmentedControl
              aria-label="Reply or internal note"
              size="xs"
              value={kind}
              onChange={(value) => setKind(value as Kind)}
              data={[
                { value: "public", label: "Public reply" },
                { value: "internal", label: "Internal note" },
              ]}
            />
          ) : null}
        </Group>
        {internal ? (
          <Text size="xs" c="dimmed">
            Only the vendor's team sees internal notes and their files.
          </Text>
        ) : null}
        <MarkdownEditor
          label={internal ? "Note" : "Message"}
          value={body}
          onChange={(value) => {
            setBody(value);
            if (bodyError) setBodyError(undefined);
          }}
          error={bodyError ?? errors.body}
          minRows={4}
        />
        {agent ? (
          <Group grow align="flex-start" gap="sm" wrap="wrap">
            <NumberInput
              label="Minutes spent"
              description="Logged against the partner"
              min={0}
              max={1440}
              step={5}
              allowDecimal={false}
              allowNegative={false}
              value={minutes}
              onChange={setMinutes}
              error={errors.minutes}
              style={{ minWidth: 140 }}
            />
            <Select
              label="And set status"
              placeholder={`Keep ${ticketStatusLabels[ticket.status].toLowerCase()}`}
              clearable
              data={statusOptions}
              value={status}
              onChange={setStatus}
              error={errors.status}
              style={{ minWidth: 180 }}
            />
          </Group>
        ) : null}
        <AttachmentPicker queue={queue} label="Attach files" />
        {failedFiles > 0 && !queue.running ? (
          <Alert color="orange" title="Some files were not attached">
            The message was sent. Remove the failed files or send them again.
            <Button
              size="compact-sm"
              variant="default"
              ml="xs"
              onClick={() => {
                void queue.upload(ticket.id, { replyId: lastReplyId, internal }).then((failed) => {
                  setFailedFiles(failed);
                  refresh();
                  if (failed === 0) queue.clear();
                });
              }}
            >
              Try again
            </Button>
          </Alert>
        ) : null}
        {reply.isError && !errors.body && !errors.minutes && !errors.status ? <ErrorAlert error={reply.error} title="Not sent" /> : null}
        <Group>
          <Button onClick={send} loading={busy} color={internal ? "yellow" : undefined}>
            {internal ? "Add internal note" : "Send reply"}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
