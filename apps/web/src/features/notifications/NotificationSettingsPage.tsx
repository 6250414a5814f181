import { Anchor, Button, Group, Paper, Skeleton, Stack, Switch, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { isPartnerRole, type NotificationKind, roleHas } from "@trellis/shared";
import { useState } from "react";
import { Link } from "react-router";
import { errorMessage } from "../../api/client";
import type { NotificationKindPreference } from "../../api/types";
import { useUser } from "../../auth/session";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { DigestSettings } from "../news/DigestSettings";
import { FeedTokenCard } from "../news/FeedTokenCard";
import { useNotificationPreferences, useSaveNotificationPreferences } from "./notifications.api";

function EmailChoices({ saved }: { saved: NotificationKindPreference[] }) {
  const save = useSaveNotificationPreferences();
  const [email, setEmail] = useState<Record<string, boolean>>(() => Object.fromEntries(saved.map((item) => [item.kind, item.email])));
  const changed = saved.some((item) => email[item.kind] !== item.email);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(
          saved.map((item) => ({ kind: item.kind as NotificationKind, email: Boolean(email[item.kind]) })),
          {
            onSuccess: () => notifications.show({ color: "teal", message: "Your mail choices are saved." }),
            onError: (error) => notifications.show({ color: "red", title: "Not saved", message: errorMessage(error) }),
          },
        );
      }}
    >
      <Stack gap="sm">
        <Stack gap="xs" role="group" aria-labelledby="email-heading">
          {saved.map((item) => (
            <Switch
              key={item.kind}
              label={item.label}
              checked={Boolean(email[item.kind])}
              onChange={(event) => {
                const checked = event.currentTarget.checked;
                setEmail((current) => ({ ...current, [item.kind]: checked }));
              }}
            />
          ))}
        </Stack>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} disabled={!changed}>
            Save mail choices
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Which events also reach the user by mail; for partner users also the news digest and the Atom feed. */
export function NotificationSettingsPage() {
  const user = useUser();
  const preferences = useNotificationPreferences();
  const partner = isPartnerRole(user.role) && roleHas(user.role, "news:read");
  return (
    <Page
      title="Notification settings"
      description={
        <Text size="sm" c="dimmed">
          Everything always appears under the bell and on{" "}
          <Anchor component={Link} to="/notifications">
            Notifications
          </Anchor>
          ; choose what also reaches you by mail at {user.email}.
        </Text>
      }
    >
      <Paper withBorder p="md" component="section" aria-labelledby="email-heading">
        <Stack gap="sm">
          <Title order={2} size="h4" id="email-heading">
            Also email me when
          </Title>
          {preferences.isPending ? (
            <Skeleton height={120} aria-label="Loading" />
          ) : preferences.isError ? (
            <ErrorAlert error={preferences.error} onRetry={() => void preferences.refetch()} />
          ) : preferences.data.kinds.length === 0 ? (
            <Empty title="Nothing to choose">Your role gets no events that could be mailed.</Empty>
          ) : (
            <EmailChoices key={preferences.dataUpdatedAt} saved={preferences.data.kinds} />
          )}
        </Stack>
      </Paper>
      {partner ? (
        <>
          <DigestSettings />
          <FeedTokenCard />
        </>
      ) : null}
    </Page>
  );
}
