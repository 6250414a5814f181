import { Alert, Anchor, Button, Skeleton, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import { ApiError } from "../../api/client";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useDocumentTitle } from "../../lib/useDocumentTitle";
import { useUnsubscribe, useUnsubscribeInfo } from "./news-settings.api";

/** The page a digest's "Unsubscribe" link opens: no sign-in, one button, a clear answer. */
export function UnsubscribePage() {
  useDocumentTitle("Unsubscribe from news digests");
  const { token = "" } = useParams();
  const info = useUnsubscribeInfo(token);
  const unsubscribe = useUnsubscribe(token);

  let content: ReactNode;
  if (info.isPending) {
    content = <Skeleton height={80} aria-label="Loading" />;
  } else if (info.isError) {
    content =
      info.error instanceof ApiError && info.error.status === 404 ? (
        <Alert color="orange" title="This link no longer works" role="alert">
          It may be old or already replaced. Sign in and choose your digest under Notification settings instead.
        </Alert>
      ) : (
        <ErrorAlert error={info.error} onRetry={() => void info.refetch()} />
      );
  } else if (unsubscribe.isSuccess || info.data.digestFrequency === "off") {
    content = (
      <Alert color="teal" title="You are unsubscribed" role="status">
        {info.data.email} gets no more news digests. News stays in the partner portal; you can turn digests on again under Notification settings.
      </Alert>
    );
  } else {
    content = (
      <Stack gap="sm">
        <Text>
          Stop the news digests sent to <strong>{info.data.email}</strong>?
        </Text>
        <Text size="sm" c="dimmed">
          Other mail (ticket replies, account messages) is not affected. You can turn digests on again after signing in.
        </Text>
        <ErrorAlert error={unsubscribe.error} />
        <Button onClick={() => unsubscribe.mutate()} loading={unsubscribe.isPending} style={{ alignSelf: "flex-start" }}>
          Unsubscribe
        </Button>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <Title order={1} size="h3">
        Unsubscribe from news digests
      </Title>
      {content}
      <Text size="sm">
        <Anchor component={Link} to="/login">
          Sign in to Trellis
        </Anchor>
      </Text>
    </Stack>
  );
}
