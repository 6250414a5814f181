import { Badge } from "@mantine/core";
import type { PartnerStatus, ProductLifecycle, UserStatus } from "@trellis/shared";
import { humanize } from "../lib/format";

const partnerColors: Record<PartnerStatus, string> = { prospect: "blue", active: "teal", probation: "orange", terminated: "gray" };
const userColors: Record<UserStatus, string> = { invited: "blue", active: "teal", deactivated: "gray" };
const lifecycleColors: Record<ProductLifecycle, string> = { active: "teal", end_of_sale: "orange", end_of_life: "gray" };

export function PartnerStatusBadge({ status }: { status: PartnerStatus }) {
  return (
    <Badge color={partnerColors[status]} variant="light">
      {humanize(status)}
    </Badge>
  );
}

export function UserStatusBadge({ status }: { status: UserStatus }) {
  return (
    <Badge color={userColors[status]} variant="light">
      {humanize(status)}
    </Badge>
  );
}

export function LifecycleBadge({ lifecycle }: { lifecycle: ProductLifecycle }) {
  return (
    <Badge color={lifecycleColors[lifecycle]} variant="light">
      {humanize(lifecycle)}
    </Badge>
  );
}
