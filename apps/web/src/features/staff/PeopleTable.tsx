import { Button, Group, Modal, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type Role, roleLabels } from "@trellis/shared";
import { useState } from "react";
import { errorMessage, isProblem } from "../../api/client";
import type { User } from "../../api/types";
import { UserStatusBadge } from "../../components/Badges";
import { ConfirmButton } from "../../components/ConfirmButton";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TableSkeleton } from "../../components/Skeletons";
import { DataTable } from "../../components/TableScroll";
import { formatDate, formatDateTime } from "../../lib/format";
import { useForm } from "../../lib/useForm";
import { type PeopleScope, type UserAction, useInvite, usePeople, usePersonAction, useUpdatePerson } from "./staff.api";

interface PeopleTableProps {
  scope: PeopleScope;
  /** Roles that can be given here (partner roles for staff, vendor roles for vendor users). */
  roles: readonly Role[];
  canManage: boolean;
  currentUserId: string;
  /** "staff member" or "user". */
  noun: string;
  emptyHint: string;
  query?: Record<string, string | undefined>;
}

interface PersonForm {
  name: string;
  email: string;
  role: Role | null;
}

function PersonModal({
  scope,
  roles,
  person,
  onClose,
  noun,
}: {
  scope: PeopleScope;
  roles: readonly Role[];
  person: User | "new";
  onClose: () => void;
  noun: string;
}) {
  const isNew = person === "new";
  const form = useForm<PersonForm>(
    isNew ? { name: "", email: "", role: roles[0] ?? null } : { name: person.name, email: person.email, role: person.role },
  );
  const invite = useInvite(scope);
  const update = useUpdatePerson(scope);
  const mutation = isNew ? invite : update;
  const roleOptions = roles.map((role) => ({ value: role, label: roleLabels[role] }));

  const submit = form.onSubmit((values) => {
    if (!form.validate({ name: (v) => (String(v).trim() ? undefined : "Enter a name"), role: (v) => (v ? undefined : "Choose a role") })) return;
    if (!values.role) return;
    const onError = (error: Error) => {
      if (isProblem(error, "duplicate_email")) form.setErrors({ email: "Someone already uses this email" });
      else form.setApiErrors(error);
    };
    if (isNew) {
      invite.mutate(
        { name: values.name.trim(), email: values.email.trim(), role: values.role },
        {
          onSuccess: (created) => {
            notifications.show({ color: "teal", title: "Invitation sent", message: `${created.name} gets an email to set a password.` });
            onClose();
          },
          onError,
        },
      );
    } else {
      update.mutate({ id: person.id, patch: { name: values.name.trim(), role: values.role } }, { onSuccess: onClose, onError });
    }
  });

  return (
    <Modal opened onClose={onClose} title={isNew ? `Invite a ${noun}` : `Edit ${person.name}`}>
      <form onSubmit={submit}>
        <Stack>
          {mutation.isError && !isProblem(mutation.error, "duplicate_email") ? <ErrorAlert error={mutation.error} /> : null}
          <TextInput label="Name" required autoComplete="off" data-autofocus {...form.text("name")} />
          {isNew ? <TextInput label="Email" type="email" required autoComplete="off" {...form.text("email")} /> : null}
          <Select
            label="Role"
            required
            data={roleOptions}
            allowDeselect={false}
            value={form.values.role}
            onChange={(value) => form.setValue("role", value as Role | null)}
            error={form.errors.role}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {isNew ? "Send invitation" : "Save"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

const actionDone: Record<UserAction, string> = {
  deactivate: "deactivated; their sessions have ended",
  reactivate: "reactivated",
  "resend-invitation": "has a new invitation on its way",
};

export function PeopleTable({ scope, roles, canManage, currentUserId, noun, emptyHint, query }: PeopleTableProps) {
  const people = usePeople(scope, query);
  const act = usePersonAction(scope);
  const [editing, setEditing] = useState<User | "new" | null>(null);

  const run = (person: User, action: UserAction) =>
    act.mutate(
      { id: person.id, action },
      {
        onSuccess: () => notifications.show({ color: "teal", message: `${person.name} ${actionDone[action]}.` }),
        onError: (error) => notifications.show({ color: "red", title: "That did not work", message: errorMessage(error) }),
      },
    );
  const busy = (person: User, action: UserAction) => act.isPending && act.variables?.id === person.id && act.variables.action === action;

  return (
    <Stack gap="sm">
      {canManage ? (
        <Group justify="flex-end">
          <Button onClick={() => setEditing("new")}>Invite</Button>
        </Group>
      ) : null}
      {people.isPending ? (
        <TableSkeleton rows={4} />
      ) : people.isError ? (
        <ErrorAlert error={people.error} onRetry={() => void people.refetch()} />
      ) : people.data.length === 0 ? (
        <Empty title={`No ${noun}s yet`}>{emptyHint}</Empty>
      ) : (
        <DataTable minWidth={720}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Last sign-in</Table.Th>
              {canManage ? <Table.Th>Actions</Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {people.data.map((person) => (
              <Table.Tr key={person.id}>
                <Table.Td fw={500}>{person.name}</Table.Td>
                <Table.Td style={{ wordBreak: "break-all" }}>{person.email}</Table.Td>
                <Table.Td>{roleLabels[person.role]}</Table.Td>
                <Table.Td>
                  <UserStatusBadge status={person.status} />
                  {person.status === "invited" && person.invitationExpiresAt ? (
                    <Text size="xs" c="dimmed">
                      until {formatDate(person.invitationExpiresAt)}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{formatDateTime(person.lastLoginAt)}</Table.Td>
                {canManage ? (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="compact-sm" variant="subtle" onClick={() => setEditing(person)} aria-label={`Edit ${person.name}`}>
                        Edit
                      </Button>
                      {person.status === "invited" ? (
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          loading={busy(person, "resend-invitation")}
                          onClick={() => run(person, "resend-invitation")}
                        >
                          Resend invitation
                        </Button>
                      ) : null}
                      {person.status === "deactivated" ? (
                        <Button size="compact-sm" variant="subtle" loading={busy(person, "reactivate")} onClick={() => run(person, "reactivate")}>
                          Reactivate
                        </Button>
                      ) : person.id !== currentUserId ? (
                        <ConfirmButton
                          size="compact-sm"
                          variant="subtle"
                          loading={busy(person, "deactivate")}
                          question={`Deactivate ${person.name}? They are signed out and can no longer sign in. You can reactivate them later.`}
                          confirmLabel="Deactivate"
                          onConfirm={() => run(person, "deactivate")}
                        >
                          Deactivate
                        </ConfirmButton>
                      ) : null}
                    </Group>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      )}
      {editing ? <PersonModal scope={scope} roles={roles} person={editing} noun={noun} onClose={() => setEditing(null)} /> : null}
    </Stack>
  );
}
