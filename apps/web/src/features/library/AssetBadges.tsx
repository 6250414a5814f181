import { Badge, Group } from "@mantine/core";
import type { AssetStatus, AssetType } from "@trellis/shared";
import type { AssetSummary } from "../../api/types";
import { statusColors, statusLabels, typeLabel } from "./library.labels";

export function TypeBadge({ type }: { type: AssetType }) {
  return (
    <Badge variant="light" color="indigo" radius="sm">
      {typeLabel(type)}
    </Badge>
  );
}

export function AssetStatusBadge({ status }: { status: AssetStatus }) {
  return (
    <Badge variant="light" color={statusColors[status]}>
      {statusLabels[status]}
    </Badge>
  );
}

interface AssetBadgesProps {
  asset: AssetSummary;
  /** Partner side: "New" and "Updated" for this reader. Vendor side: status and "Needs review". */
  side: "portal" | "vendor";
}

/** The small facts a reader scans for: what kind, whether it is new to them, whether it takes their logo. */
export function AssetBadges({ asset, side }: AssetBadgesProps) {
  return (
    <Group gap={6}>
      <TypeBadge type={asset.type} />
      {side === "vendor" ? <AssetStatusBadge status={asset.status} /> : null}
      {side === "vendor" && asset.needsReview ? (
        <Badge color="orange" variant="filled">
          Needs review
        </Badge>
      ) : null}
      {side === "portal" && asset.openedVersion === null ? (
        <Badge color="blue" variant="filled">
          New
        </Badge>
      ) : null}
      {side === "portal" && asset.openedVersion !== null && asset.updatedSinceOpened ? (
        <Badge color="grape" variant="filled">
          Updated
        </Badge>
      ) : null}
      {asset.coBrandable ? (
        <Badge color="teal" variant="outline">
          Co-brandable
        </Badge>
      ) : null}
    </Group>
  );
}
