import { roleHas } from "@trellis/shared";
import { useMemo } from "react";
import type { Partner } from "../../api/types";
import { useUser } from "../../auth/session";
import { usePeople, vendorUsersScope } from "../staff/staff.api";

export interface Option {
  value: string;
  label: string;
}

/**
 * Who can own partners: active channel managers and vendor admins. Only a vendor admin may list
 * users, so other roles get themselves (if they can own partners) and the owners already shown.
 */
export function useChannelManagerOptions(seen: Pick<Partner, "channelManagerId" | "channelManagerName">[] = []): Option[] {
  const user = useUser();
  const canList = roleHas(user.role, "vendor_users:manage");
  const people = usePeople(vendorUsersScope, { status: "active" }, canList);
  const listed = canList ? people.data : undefined;
  return useMemo(() => {
    const options = new Map<string, string>();
    for (const person of listed ?? []) {
      if (person.role === "channel_manager" || person.role === "vendor_admin") options.set(person.id, person.name);
    }
    if (user.role === "channel_manager" || user.role === "vendor_admin") options.set(user.id, `${user.name} (you)`);
    for (const partner of seen) {
      if (partner.channelManagerId && partner.channelManagerName && !options.has(partner.channelManagerId)) {
        options.set(partner.channelManagerId, partner.channelManagerName);
      }
    }
    return [...options].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
  }, [listed, seen, user]);
}
