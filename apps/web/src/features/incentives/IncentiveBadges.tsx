import { Badge } from "@mantine/core";
import type { RedemptionStatus } from "@trellis/shared";
import type { ClaimStatus } from "../../api/incentives-types";
import { claimStatusColors, claimStatusLabels, redemptionStatusColors, redemptionStatusLabels } from "./incentives.labels";

export function ClaimStatusBadge({ status, autoApproved }: { status: ClaimStatus; autoApproved?: boolean }) {
  return (
    <Badge color={claimStatusColors[status]} variant="light">
      {status === "approved" && autoApproved ? "Approved automatically" : claimStatusLabels[status]}
    </Badge>
  );
}

export function RedemptionStatusBadge({ status }: { status: RedemptionStatus }) {
  return (
    <Badge color={redemptionStatusColors[status]} variant="light">
      {redemptionStatusLabels[status]}
    </Badge>
  );
}
