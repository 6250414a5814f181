import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { roleLabels } from "@trellis/shared";
import { Link, useNavigate } from "react-router";
import { errorMessage } from "../../api/client";
import { useLogoutEverywhere, useRevokeSession, useSessions, useUser } from "../../auth/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { TableSkeleton } from "../../components/Skeletons";
import { DataTable } from "../../components/TableScroll";
import { formatDateTime } from "../../lib/format";

/** "Mozilla/5.0 (X11; Linux x86_64) ... Chrome/130" -> "Chrome on Linux". */
function describeAgent(agent: string): string {
  if (!agent) return "Unknown device";
  const browser = /Edg\//.test(agent)
    ? "Edge"
    : /Firefox\//.test(agent)
      ? "Firefox"
      : /Chrome\//.test(agent)
        ? "Chrome"
        : /Safari\//.test(agent)
          ? "Safari"
          : agent.split(" ")[0];
  const os = /Windows/.test(agent)
    ? "Windows"
    : /Android/.test(agent)
      ? "Android"
      : /iPhone|iPad/.test(agent)
        ? "iOS"
        : /Mac OS X/.test(agent)
          ? "macOS"
          : /Linux/.test(agent)
            ? "Linux"
            : "";
  return os ? `${browser} on ${os}` : (browser ?? "Unknown device");
}

export function AccountPage() {
  const user = useUser();
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const everywhere = useLogoutEverywhere();
  const navigate = useNavigate();

  return (
    <Page title="Account">
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <div>
            <Text size="xs" c="dimmed">
              Name
            </Text>
            <Text fw={600}>{user.name}</Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              Email
            </Text>
            <Text style={{ wordBreak: "break-all" }}>{user.email}</Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              Role
            </Text>
            <Text>
              {roleLabels[user.role]}
              {user.partnerName ? ` · ${user.partnerName}` : ""}
            </Text>
          </div>
        </SimpleGrid>
        <Text size="sm" c="dimmed" mt="md">
          To change your password, sign out and use{" "}
          <Anchor component={Link} to="/forgot-password">
            Forgot password?
          </Anchor>
        </Text>
      </Card>

      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3">
            Sessions
          </Title>
          <Button
            color="red"
            variant="light"
            loading={everywhere.isPending}
            onClick={() => everywhere.mutate(undefined, { onSuccess: () => navigate("/login", { replace: true }) })}
          >
            Sign out everywhere
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          Every browser where you are signed in. End any you do not recognise.
        </Text>
        <ErrorAlert error={everywhere.error} />
        {sessions.isPending ? (
          <TableSkeleton rows={2} />
        ) : sessions.isError ? (
          <ErrorAlert error={sessions.error} onRetry={() => void sessions.refetch()} />
        ) : (
          <DataTable minWidth={560}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Device</Table.Th>
                <Table.Th>Address</Table.Th>
                <Table.Th>Signed in</Table.Th>
                <Table.Th>Last seen</Table.Th>
                <Table.Th>
                  <span className="sr-only">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sessions.data.items.map((session) => (
                <Table.Tr key={session.id}>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <span title={session.userAgent}>{describeAgent(session.userAgent)}</span>
                      {session.current ? (
                        <Badge color="teal" variant="light">
                          Current
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                  <Table.Td>{session.ip}</Table.Td>
                  <Table.Td>{formatDateTime(session.createdAt)}</Table.Td>
                  <Table.Td>{formatDateTime(session.lastSeenAt)}</Table.Td>
                  <Table.Td ta="right">
                    {session.current ? null : (
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red"
                        loading={revoke.isPending && revoke.variables === session.id}
                        onClick={() =>
                          revoke.mutate(session.id, {
                            onError: (error) =>
                              notifications.show({ color: "red", title: "Could not end the session", message: errorMessage(error) }),
                          })
                        }
                      >
                        Revoke
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </DataTable>
        )}
      </Stack>
    </Page>
  );
}
