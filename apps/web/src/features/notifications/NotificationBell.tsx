import { ActionIcon, Anchor, Button, Divider, Group, Indicator, Popover, ScrollArea, Skeleton, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import { ErrorAlert } from "../../components/ErrorAlert";
import { NotificationItem } from "./NotificationItem";
import { useMarkAllRead, useNotifications, useUnreadCount } from "./notifications.api";

function BellIcon() {
  return (
    <svg
      width="20"
      height="20"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

function Latest({ onOpen }: { onOpen: () => void }) {
  const list = useNotifications({ limit: 10 });
  if (list.isPending) {
    return (
      <Stack gap="xs" p="xs" aria-busy="true" aria-label="Loading">
        <Skeleton height={48} />
        <Skeleton height={48} />
      </Stack>
    );
  }
  if (list.isError) return <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  if (list.items.length === 0) {
    return (
      <Text size="sm" c="dimmed" p="md" ta="center">
        Nothing yet. Replies, answers, must-read news and other events for you appear here.
      </Text>
    );
  }
  return (
    <ScrollArea.Autosize mah={360} type="auto">
      <Stack gap={2} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label="Latest notifications">
        {list.items.map((item) => (
          <li key={item.id}>
            <NotificationItem item={item} onOpen={onOpen} compact />
          </li>
        ))}
      </Stack>
    </ScrollArea.Autosize>
  );
}

/** The bell in the header: the unread count (polled), the latest notifications in a popover. */
export function NotificationBell() {
  const [opened, setOpened] = useState(false);
  const count = useUnreadCount();
  const markAll = useMarkAllRead();
  const unread = count.data ?? 0;
  const close = () => setOpened(false);
  return (
    <Indicator label={unread > 99 ? "99+" : unread} size={18} color="red" disabled={unread === 0} offset={4} inline>
      <Popover
        opened={opened}
        onChange={setOpened}
        position="bottom-end"
        withArrow
        shadow="md"
        width="min(380px, calc(100vw - 16px))"
        trapFocus
        returnFocus
      >
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            aria-label={unread ? `Notifications, ${unread} unread` : "Notifications"}
            onClick={() => setOpened((value) => !value)}
          >
            <BellIcon />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown p={0} role="dialog" aria-label="Notifications">
          <Group justify="space-between" px="sm" py="xs">
            <Text fw={700} size="sm">
              Notifications
            </Text>
            <Button size="compact-xs" variant="subtle" disabled={unread === 0} loading={markAll.isPending} onClick={() => markAll.mutate()}>
              Mark all read
            </Button>
          </Group>
          <Divider />
          <div style={{ padding: 4 }}>{opened ? <Latest onOpen={close} /> : null}</div>
          <Divider />
          <Group justify="space-between" px="sm" py="xs">
            <Anchor component={Link} to="/notifications" size="sm" onClick={close}>
              See all notifications
            </Anchor>
            <Anchor component={Link} to="/account/notifications" size="sm" onClick={close}>
              Settings
            </Anchor>
          </Group>
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}
