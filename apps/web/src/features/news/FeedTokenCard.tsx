import { Alert, Button, CopyButton, Group, Paper, Skeleton, Stack, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { errorMessage } from "../../api/client";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatDateTime } from "../../lib/format";
import { useCreateFeedToken, useFeedToken, useRevokeFeedToken } from "./news-settings.api";

/** A secret Atom feed URL for the user's feed reader: created, copied once, replaced or revoked. */
export function FeedTokenCard() {
  const token = useFeedToken();
  const create = useCreateFeedToken();
  const revoke = useRevokeFeedToken();
  const [url, setUrl] = useState<string | null>(null);
  const state = token.data;

  const makeUrl = () =>
    create.mutate(undefined, {
      onSuccess: (answer) => setUrl(answer.url),
      onError: (error) => notifications.show({ color: "red", title: "No feed URL created", message: errorMessage(error) }),
    });

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="feed-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="feed-heading">
          News in your feed reader (Atom)
        </Title>
        <Text size="sm" c="dimmed">
          A private address that shows the posts meant for you in Outlook, Thunderbird, Feedly or any feed reader. Anyone with the address can read
          your news, so keep it to yourself; revoke it if it leaks.
        </Text>
        {token.isPending ? (
          <Skeleton height={40} aria-label="Loading" />
        ) : token.isError ? (
          <ErrorAlert error={token.error} onRetry={() => void token.refetch()} />
        ) : (
          <>
            {url ? (
              <Alert color="teal" title="Your feed address" role="status">
                <Stack gap="xs">
                  <Text size="sm">Copy it now: for your safety it is shown only this once.</Text>
                  <Group gap="xs" wrap="nowrap" align="flex-end">
                    <TextInput
                      label="Feed URL"
                      readOnly
                      value={url}
                      onFocus={(event) => event.currentTarget.select()}
                      style={{ flex: 1, minWidth: 0 }}
                      styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
                    />
                    <CopyButton value={url}>
                      {({ copied, copy }) => (
                        <Button variant={copied ? "filled" : "default"} color={copied ? "teal" : undefined} onClick={copy}>
                          {copied ? "Copied" : "Copy"}
                        </Button>
                      )}
                    </CopyButton>
                  </Group>
                </Stack>
              </Alert>
            ) : state?.active ? (
              <Text size="sm">
                A feed address is active{state.prefix ? ` (it starts ${state.prefix}…)` : ""}, created {formatDateTime(state.createdAt)}.
              </Text>
            ) : (
              <Text size="sm">You have no feed address.</Text>
            )}
            <Group gap="xs">
              {state?.active || url ? (
                <>
                  <ConfirmButton
                    variant="default"
                    color="gray"
                    question="Make a new address? The current one stops working at once; update your feed reader."
                    confirmLabel="Make a new one"
                    loading={create.isPending}
                    onConfirm={makeUrl}
                  >
                    Replace the address
                  </ConfirmButton>
                  <ConfirmButton
                    variant="light"
                    question="Revoke the feed address? Feed readers using it stop getting news."
                    confirmLabel="Revoke"
                    loading={revoke.isPending}
                    onConfirm={() =>
                      revoke.mutate(undefined, {
                        onSuccess: () => {
                          setUrl(null);
                          notifications.show({ color: "teal", message: "The feed address is revoked." });
                        },
                        onError: (error) => notifications.show({ color: "red", title: "Not revoked", message: errorMessage(error) }),
                      })
                    }
                  >
                    Revoke
                  </ConfirmButton>
                </>
              ) : (
                <Button onClick={makeUrl} loading={create.isPending}>
                  Create a feed address
                </Button>
              )}
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}
