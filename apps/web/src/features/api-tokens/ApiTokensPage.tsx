import { Alert, Badge, Button, Code, CopyButton, Group, Modal, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { roleLabels, type VendorRole, vendorRoles } from "@trellis/shared";
import { useState } from "react";
import { api, errorMessage } from "../../api/client";
import type { ApiToken, CreatedApiToken } from "../../api/types";
import { ConfirmButton } from "../../components/ConfirmButton";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { TableSkeleton } from "../../components/Skeletons";
import { DataTable } from "../../components/TableScroll";
import { formatDateTime } from "../../lib/format";
import { useForm } from "../../lib/useForm";

const tokensKey = ["api-tokens"] as const;

function CreateTokenModal({ onClose }: { onClose: () => void }) {
  const client = useQueryClient();
  const form = useForm<{ name: string; role: VendorRole | null }>({ name: "", role: "support_agent" });
  const create = useMutation({
    mutationFn: (input: { name: string; role: VendorRole }) => api<CreatedApiToken>("/api-tokens", { method: "POST", body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: tokensKey }),
  });
  const created = create.data;

  return (
    <Modal opened onClose={onClose} title={created ? "Copy your new token" : "New API token"} closeOnClickOutside={!created}>
      {created ? (
        <Stack>
          <Alert color="orange" title="Shown only once">
            Copy the token now and store it in your system&apos;s secret store. Trellis keeps only a hash: nobody can show it again.
          </Alert>
          <Code block style={{ wordBreak: "break-all", whiteSpace: "pre-wrap" }} aria-label="New API token">
            {created.token}
          </Code>
          <Group justify="flex-end">
            <CopyButton value={created.token}>
              {({ copied, copy }) => (
                <Button color={copied ? "teal" : undefined} variant={copied ? "filled" : "default"} onClick={copy}>
                  {copied ? "Copied" : "Copy token"}
                </Button>
              )}
            </CopyButton>
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form
          onSubmit={form.onSubmit((values) => {
            if (!form.validate({ name: (v) => (String(v ?? "").trim() ? undefined : "Name the system that uses it") })) return;
            if (!values.role) return;
            create.mutate({ name: values.name.trim(), role: values.role }, { onError: (error) => form.setApiErrors(error) });
          })}
        >
          <Stack>
            <ErrorAlert error={create.error} />
            <TextInput label="Name" description="The system that will use it, such as ERP sync" required data-autofocus {...form.text("name")} />
            <Select
              label="Role"
              description="The token can do what this role can do"
              data={vendorRoles.map((value) => ({ value, label: roleLabels[value] }))}
              allowDeselect={false}
              value={form.values.role}
              onChange={(value) => form.setValue("role", value as VendorRole | null)}
              error={form.errors.role}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                Create token
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

export function ApiTokensPage() {
  const client = useQueryClient();
  const tokens = useQuery({ queryKey: tokensKey, queryFn: () => api<{ items: ApiToken[] }>("/api-tokens"), select: (data) => data.items });
  const revoke = useMutation({
    mutationFn: (id: string) => api<void>(`/api-tokens/${id}`, { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: tokensKey }),
    onError: (error) => notifications.show({ color: "red", title: "Not revoked", message: errorMessage(error) }),
  });
  const [creating, setCreating] = useState(false);

  return (
    <Page
      title="API tokens"
      description="For your ERP, CRM and other systems. Send as: Authorization: Bearer <token>."
      actions={<Button onClick={() => setCreating(true)}>New token</Button>}
    >
      {tokens.isPending ? (
        <TableSkeleton rows={3} />
      ) : tokens.isError ? (
        <ErrorAlert error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : tokens.data.length === 0 ? (
        <Empty title="No API tokens" actions={<Button onClick={() => setCreating(true)}>New token</Button>}>
          Create one token per system, with the smallest role that does the job.
        </Empty>
      ) : (
        <DataTable minWidth={720}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Token starts with</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tokens.data.map((token) => (
              <Table.Tr key={token.id} c={token.revokedAt ? "dimmed" : undefined}>
                <Table.Td fw={600}>{token.name}</Table.Td>
                <Table.Td>{roleLabels[token.role]}</Table.Td>
                <Table.Td>
                  <Code>{token.tokenPrefix}…</Code>
                </Table.Td>
                <Table.Td>
                  {formatDateTime(token.createdAt)}
                  <Text size="xs" c="dimmed">
                    by {token.createdByName}
                  </Text>
                </Table.Td>
                <Table.Td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : "Never"}</Table.Td>
                <Table.Td>
                  {token.revokedAt ? (
                    <Badge color="gray" variant="outline">
                      Revoked {formatDateTime(token.revokedAt)}
                    </Badge>
                  ) : (
                    <ConfirmButton
                      size="compact-sm"
                      variant="subtle"
                      question={`Revoke ${token.name}? Systems using it stop working at once.`}
                      confirmLabel="Revoke"
                      loading={revoke.isPending && revoke.variables === token.id}
                      onConfirm={() => revoke.mutate(token.id)}
                    >
                      Revoke
                    </ConfirmButton>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      )}
      {creating ? <CreateTokenModal onClose={() => setCreating(false)} /> : null}
    </Page>
  );
}
