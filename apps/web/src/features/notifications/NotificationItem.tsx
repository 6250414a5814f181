import { Box, Group, Stack, Text, UnstyledButton } from "@mantine/core";
import { notificationKindLabels } from "@trellis/shared";
import { useNavigate } from "react-router";
import type { AppNotification } from "../../api/types";
import { formatDateTime } from "../../lib/format";
import { useMarkRead } from "./notifications.api";

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto", style: "short" });

/** "just now", "5 min. ago", "3 days ago"; a full date after a week. */
export function timeAgo(iso: string, now = Date.now()): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  if (Number.isNaN(seconds)) return iso;
  const abs = Math.abs(seconds);
  if (abs < 45) return "just now";
  if (abs < 3600) return relative.format(Math.round(seconds / 60), "minute");
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), "hour");
  if (abs < 7 * 86_400) return relative.format(Math.round(seconds / 86_400), "day");
  return formatDateTime(iso);
}

/** Only same-site app paths are followed, never another origin. */
export function safeLink(link: string): string | null {
  return link.startsWith("/") && !link.startsWith("//") ? link : null;
}

/** One notification: clicking marks it read and opens what it is about. */
export function NotificationItem({ item, onOpen, compact = false }: { item: AppNotification; onOpen?: () => void; compact?: boolean }) {
  const navigate = useNavigate();
  const markRead = useMarkRead();
  const unread = !item.readAt;
  const open = () => {
    if (unread) markRead.mutate(item.id);
    onOpen?.();
    const to = safeLink(item.link);
    if (to) navigate(to);
  };
  return (
    <UnstyledButton
      onClick={open}
      w="100%"
      p={compact ? "xs" : "sm"}
      aria-label={`${unread ? "Unread: " : ""}${item.title}`}
      style={{
        borderRadius: "var(--mantine-radius-sm)",
        background: unread ? "var(--mantine-color-blue-light)" : undefined,
        display: "block",
      }}
      className="notification-item"
    >
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Box
          aria-hidden
          mt={6}
          w={8}
          h={8}
          style={{ flex: "0 0 8px", borderRadius: 4, background: unread ? "var(--mantine-color-blue-filled)" : "transparent" }}
        />
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Text size="sm" fw={unread ? 700 : 500} lineClamp={2} style={{ overflowWrap: "anywhere" }}>
            {item.title}
          </Text>
          {item.body ? (
            <Text size="xs" c="dimmed" lineClamp={compact ? 2 : 4} style={{ overflowWrap: "anywhere" }}>
              {item.body}
            </Text>
          ) : null}
          <Text size="xs" c="dimmed">
            {notificationKindLabels[item.kind] ?? item.kind} · <time dateTime={item.createdAt}>{timeAgo(item.createdAt)}</time>
          </Text>
        </Stack>
      </Group>
    </UnstyledButton>
  );
}
