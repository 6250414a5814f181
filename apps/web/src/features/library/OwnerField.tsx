import { Select } from "@mantine/core";
import { roleHas, roleLabels } from "@trellis/shared";
import { useMemo } from "react";
import { useUser } from "../../auth/session";
import { usePeople, vendorUsersScope } from "../staff/staff.api";

interface OwnerFieldProps {
  value: string | null;
  /** The saved owner's name, shown even when the user list cannot be read. */
  ownerName: string | null;
  onChange: (id: string | null) => void;
  error?: string;
}

/**
 * The marketing owner who keeps the asset current. Only vendor admins may list users (marketing gets
 * 403), so other roles choose between the saved owner and themselves.
 */
export function OwnerField({ value, ownerName, onChange, error }: OwnerFieldProps) {
  const user = useUser();
  const canList = roleHas(user.role, "vendor_users:manage");
  const people = usePeople(vendorUsersScope, { status: "active" }, canList);
  const listed = people.data;
  const options = useMemo(() => {
    const map = new Map<string, string>();
    for (const person of listed ?? []) map.set(person.id, `${person.name} (${roleLabels[person.role]})`);
    if (value && ownerName && !map.has(value)) map.set(value, ownerName);
    map.set(user.id, `${user.name} (you)`);
    return [...map].map(([id, label]) => ({ value: id, label })).sort((a, b) => a.label.localeCompare(b.label));
  }, [listed, value, ownerName, user]);
  return (
    <Select
      label="Owner"
      description={value ? "Keeps the asset current and gets asked when it needs review." : "Leave empty: you become the owner."}
      placeholder="You"
      searchable
      clearable={!value}
      data={options}
      value={value}
      onChange={onChange}
      error={error ?? (people.isError ? "Could not list users; the owner stays as it is." : undefined)}
    />
  );
}
