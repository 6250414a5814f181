import { Button, Code, ScrollArea, SegmentedControl, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type RedemptionStatus, redemptionStatuses } from "@trellis/shared";
import { Link } from "react-router";
import type { Redemption } from "../../api/incentives-types";
import { useUser } from "../../auth/session";
import { ConfirmButton } from "../../components/ConfirmButton";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadMore } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { TableSkeleton } from "../../components/Skeletons";
import { DataTable } from "../../components/TableScroll";
import { formatDateTime, humanize } from "../../lib/format";
import { useSearchState } from "../../lib/useSearchState";
import { RedemptionStatusBadge } from "../incentives/IncentiveBadges";
import { points, redemptionStatusLabels } from "../incentives/incentives.labels";
import { useCancelRedemption, useRedemptions } from "./rewards.api";

export const redemptionStatusOf = (value: string | null): RedemptionStatus | null =>
  value && (redemptionStatuses as readonly string[]).includes(value) ? (value as RedemptionStatus) : null;

/** How it reaches the rep: tracking number, voucher code (for the rep only), or delivered. */
export function Delivery({ redemption }: { redemption: Redemption }) {
  if (redemption.status === "cancelled") return <Text size="sm">Cancelled{redemption.cancelReason ? `: ${redemption.cancelReason}` : ""}</Text>;
  if (!redemption.fulfilment) return <Text size="sm">{redemption.status === "approved" ? "Approved; being prepared" : "Waiting for approval"}</Text>;
  return (
    <Stack gap={2}>
      <Text size="sm">
        {humanize(redemption.fulfilment)} {formatDateTime(redemption.fulfilledAt)}
      </Text>
      {redemption.trackingNumber ? (
        <Text size="sm">
          Tracking <Code>{redemption.trackingNumber}</Code>
        </Text>
      ) : null}
      {redemption.voucherCode ? (
        <Text size="sm">
          Voucher code <Code fz="sm">{redemption.voucherCode}</Code>
        </Text>
      ) : redemption.hasVoucherCode ? (
        <Text size="sm" c="dimmed">
          Voucher code sent to the rep
        </Text>
      ) : null}
    </Stack>
  );
}

function CancelOwn({ redemption }: { redemption: Redemption }) {
  const cancel = useCancelRedemption(redemption.id, () =>
    notifications.show({ color: "teal", message: `${redemption.reward.name} cancelled; ${points(redemption.points)} are yours to spend again.` }),
  );
  return (
    <Stack gap={4}>
      <ConfirmButton
        size="xs"
        variant="default"
        color="red"
        question={`Cancel ${redemption.reward.name}? The ${points(redemption.points)} come back to you.`}
        confirmLabel="Cancel it"
        onConfirm={() => cancel.mutate({})}
        loading={cancel.isPending}
      >
        Cancel
      </ConfirmButton>
      <ErrorAlert error={cancel.error} title="Not cancelled" />
    </Stack>
  );
}

/** The rep's redemptions (a partner admin's: the team's), newest first. */
export function RedemptionsPage() {
  const user = useUser();
  const admin = user.role === "partner_admin";
  const { values, set } = useSearchState(["status"] as const);
  const status = redemptionStatusOf(values.status);
  const redemptions = useRedemptions({ status });
  return (
    <Page
      title={admin ? "Team redemptions" : "My redemptions"}
      description="Rewards requested with points, and where each one is."
      actions={
        <Button component={Link} to="/portal/rewards" variant="default">
          Rewards catalog
        </Button>
      }
    >
      <ScrollArea type="auto" offsetScrollbars scrollbarSize={6} maw="100%">
        <SegmentedControl
          aria-label="Status"
          value={status ?? "all"}
          onChange={(next) => set({ status: next === "all" ? null : next })}
          data={[{ value: "all", label: "All" }, ...redemptionStatuses.map((value) => ({ value, label: redemptionStatusLabels[value] }))]}
        />
      </ScrollArea>
      {redemptions.isPending ? (
        <TableSkeleton />
      ) : redemptions.isError ? (
        <ErrorAlert error={redemptions.error} onRetry={() => void redemptions.refetch()} />
      ) : redemptions.items.length === 0 ? (
        <Empty
          title={status ? "None with this status" : "No redemptions yet"}
          actions={
            <Button component={Link} to="/portal/rewards">
              Browse rewards
            </Button>
          }
        >
          Turn your points into gift cards, tools, gear, training and event tickets.
        </Empty>
      ) : (
        <>
          <DataTable minWidth={760}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Reward</Table.Th>
                {admin ? <Table.Th>Rep</Table.Th> : null}
                <Table.Th ta="right">Points</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Delivery</Table.Th>
                <Table.Th>Requested</Table.Th>
                <Table.Th>
                  <span className="sr-only">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {redemptions.items.map((redemption) => (
                <Table.Tr key={redemption.id}>
                  <Table.Td>
                    {redemption.quantity} x {redemption.reward.name}
                  </Table.Td>
                  {admin ? <Table.Td>{redemption.rep.name}</Table.Td> : null}
                  <Table.Td ta="right">{redemption.points.toLocaleString()}</Table.Td>
                  <Table.Td>
                    <RedemptionStatusBadge status={redemption.status} />
                  </Table.Td>
                  <Table.Td>
                    <Delivery redemption={redemption} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(redemption.requestedAt)}</Table.Td>
                  <Table.Td>{redemption.allowedActions.includes("cancel") ? <CancelOwn redemption={redemption} /> : null}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </DataTable>
          <LoadMore
            hasNextPage={redemptions.hasNextPage}
            isFetchingNextPage={redemptions.isFetchingNextPage}
            fetchNextPage={redemptions.fetchNextPage}
            shown={redemptions.items.length}
          />
        </>
      )}
    </Page>
  );
}
