import { Select, SimpleGrid, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { roleLabels, userStatuses, vendorRoles } from "@trellis/shared";
import { useState } from "react";
import { useUser } from "../../auth/session";
import { Page } from "../../components/Page";
import { humanize } from "../../lib/format";
import { PeopleTable } from "../staff/PeopleTable";
import { vendorUsersScope } from "../staff/staff.api";

export function UsersPage() {
  const user = useUser();
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search, 300);
  const [role, setRole] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  return (
    <Page title="Users" description="Your own team: who can sign in to the vendor console, and as what.">
      <search>
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs">
          <TextInput label="Search" placeholder="Name or email" value={search} onChange={(event) => setSearch(event.currentTarget.value)} />
          <Select
            label="Filter by role"
            placeholder="Any role"
            clearable
            data={vendorRoles.map((value) => ({ value, label: roleLabels[value] }))}
            value={role}
            onChange={setRole}
          />
          <Select
            label="Filter by status"
            placeholder="Any status"
            clearable
            data={userStatuses.map((value) => ({ value, label: humanize(value) }))}
            value={status}
            onChange={setStatus}
          />
        </SimpleGrid>
      </search>
      <PeopleTable
        scope={vendorUsersScope}
        roles={vendorRoles}
        canManage
        currentUserId={user.id}
        noun="user"
        emptyHint="Invite your channel managers, support agents, marketing and finance colleagues."
        query={{ q: q.trim() || undefined, role: role ?? undefined, status: status ?? undefined }}
      />
    </Page>
  );
}
