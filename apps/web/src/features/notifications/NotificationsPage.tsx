import { Button, Group, Paper, SegmentedControl, Stack } from "@mantine/core";
import { Link } from "react-router";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadMore } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { TableSkeleton } from "../../components/Skeletons";
import { useSearchState } from "../../lib/useSearchState";
import { NotificationItem } from "./NotificationItem";
import { useMarkAllRead, useNotifications, useUnreadCount } from "./notifications.api";

/** Every notification, newest first; the bell shows the latest ten. */
export function NotificationsPage() {
  const { values, set } = useSearchState(["show"] as const);
  const unreadOnly = values.show === "unread";
  const list = useNotifications({ unread: unreadOnly });
  const count = useUnreadCount();
  const markAll = useMarkAllRead();
  const unread = count.data ?? 0;

  return (
    <Page
      title="Notifications"
      description={unread ? `${unread} unread. Open one to go to what it is about; it is then marked read.` : "Events for you, newest first."}
      actions={
        <>
          <Button variant="default" disabled={unread === 0} loading={markAll.isPending} onClick={() => markAll.mutate()}>
            Mark all read
          </Button>
          <Button component={Link} to="/account/notifications" variant="default">
            Settings
          </Button>
        </>
      }
    >
      <Group>
        <SegmentedControl
          aria-label="Which notifications"
          value={unreadOnly ? "unread" : "all"}
          onChange={(value) => set({ show: value === "unread" ? "unread" : null })}
          data={[
            { value: "all", label: "All" },
            { value: "unread", label: "Unread" },
          ]}
        />
      </Group>
      {list.isPending ? (
        <TableSkeleton rows={4} />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.items.length === 0 ? (
        <Empty title={unreadOnly ? "You are all caught up" : "No notifications yet"}>
          {unreadOnly
            ? "Every notification is read. Choose All to see older ones."
            : "Replies to your tickets, answers to your questions, must-read news and other events for you appear here. Choose which also reach you by mail under Settings."}
        </Empty>
      ) : (
        <Stack gap="xs">
          <Paper withBorder p={4}>
            <Stack gap={2} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label="Notifications">
              {list.items.map((item) => (
                <li key={item.id}>
                  <NotificationItem item={item} />
                </li>
              ))}
            </Stack>
          </Paper>
          <LoadMore
            hasNextPage={list.hasNextPage}
            isFetchingNextPage={list.isFetchingNextPage}
            fetchNextPage={list.fetchNextPage}
            shown={list.items.length}
          />
        </Stack>
      )}
    </Page>
  );
}
