import { Anchor, Badge, Group, Paper, Stack, Text, Title, Typography } from "@mantine/core";
import type { TicketAttachment, TicketDetail, TicketReply } from "../../api/types";
import { Empty } from "../../components/Empty";
import { formatDateTime } from "../../lib/format";
import { formatBytes, formatMinutes } from "./support.format";

/** Server-rendered markdown: markdown-it with raw HTML escaped (html: false); no other field is set this way. */
function RenderedMarkdown({ html }: { html: string }) {
  return (
    <Typography>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: server-sanitised markdown output, see the comment above */}
      <div dangerouslySetInnerHTML={{ __html: html }} style={{ overflowWrap: "anywhere" }} />
    </Typography>
  );
}

export function AttachmentLinks({ attachments }: { attachments: TicketAttachment[] }) {
  if (attachments.length === 0) return null;
  return (
    <Stack gap={4} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label="Attachments">
      {attachments.map((file) => (
        <li key={file.id}>
          <Group gap={6} wrap="wrap">
            <Anchor href={file.url} download={file.fileName} size="sm" style={{ overflowWrap: "anywhere" }}>
              {file.fileName}
            </Anchor>
            <Text span size="xs" c="dimmed">
              {formatBytes(file.size)} · {file.uploadedBy.name} · {formatDateTime(file.createdAt)}
            </Text>
            {file.internal ? (
              <Badge size="xs" color="yellow" variant="light">
                Internal
              </Badge>
            ) : null}
          </Group>
        </li>
      ))}
    </Stack>
  );
}

function ReplyCard({ reply, attachments }: { reply: TicketReply; attachments: TicketAttachment[] }) {
  const fromVendor = reply.author.side === "vendor";
  return (
    <Paper
      component="article"
      withBorder
      p="sm"
      radius="md"
      aria-label={`${reply.internal ? "Internal note" : "Reply"} from ${reply.author.name}`}
      bg={reply.internal ? "var(--mantine-color-yellow-light)" : fromVendor ? "var(--mantine-color-blue-light)" : undefined}
      style={reply.internal ? { borderStyle: "dashed", borderColor: "var(--mantine-color-yellow-filled)" } : undefined}
    >
      <Group justify="space-between" gap="xs" mb={6}>
        <Group gap={6}>
          <Text fw={600} size="sm">
            {reply.author.name}
          </Text>
          <Badge size="xs" variant="outline" color={fromVendor ? "blue" : "gray"}>
            {fromVendor ? "Vendor support" : "Partner"}
          </Badge>
          {reply.internal ? (
            <Badge size="xs" color="yellow" variant="filled">
              Internal note — not shown to the partner
            </Badge>
          ) : null}
        </Group>
        <Text size="xs" c="dimmed">
          {formatDateTime(reply.createdAt)}
          {reply.minutes ? ` · ${formatMinutes(reply.minutes)} logged` : ""}
        </Text>
      </Group>
      <RenderedMarkdown html={reply.html} />
      {attachments.length ? (
        <Stack gap={4} mt="xs">
          <AttachmentLinks attachments={attachments} />
        </Stack>
      ) : null}
    </Paper>
  );
}

/** The description, then every reply (and, for agents, internal note) oldest first, files under the message they came with. */
export function TicketConversation({ ticket }: { ticket: TicketDetail }) {
  const byReply = new Map<string, TicketAttachment[]>();
  for (const file of ticket.attachments) {
    if (!file.replyId) continue;
    byReply.set(file.replyId, [...(byReply.get(file.replyId) ?? []), file]);
  }
  const ticketFiles = ticket.attachments.filter((file) => !file.replyId);
  return (
    <Stack gap="sm">
      <Paper component="article" withBorder p="sm" radius="md" aria-label="Description">
        <Group justify="space-between" gap="xs" mb={6}>
          <Text fw={600} size="sm">
            {ticket.requester.name}
          </Text>
          <Text size="xs" c="dimmed">
            Opened {formatDateTime(ticket.createdAt)}
          </Text>
        </Group>
        <RenderedMarkdown html={ticket.descriptionHtml} />
      </Paper>
      {ticketFiles.length ? (
        <section aria-labelledby="ticket-files">
          <Title order={2} size="h5" id="ticket-files" mb={4}>
            Attachments
          </Title>
          <AttachmentLinks attachments={ticketFiles} />
        </section>
      ) : null}
      <Title order={2} size="h4" mt="sm">
        Conversation
      </Title>
      {ticket.replies.length === 0 ? (
        <Empty title="No replies yet">Answers and replies appear here, oldest first.</Empty>
      ) : (
        ticket.replies.map((reply) => <ReplyCard key={reply.id} reply={reply} attachments={byReply.get(reply.id) ?? []} />)
      )}
    </Stack>
  );
}
