import { Button, Group, ScrollArea, SegmentedControl, Table, Text } from "@mantine/core";
import { redemptionStatuses } from "@trellis/shared";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadMore } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { PartnerFilter } from "../../components/PartnerFilter";
import { TableSkeleton } from "../../components/Skeletons";
import { DataTable } from "../../components/TableScroll";
import { formatDateTime } from "../../lib/format";
import { useSearchState } from "../../lib/useSearchState";
import { RedemptionStatusBadge } from "../incentives/IncentiveBadges";
import { redemptionStatusLabels } from "../incentives/incentives.labels";
import { RedemptionActions } from "./RedemptionActions";
import { Delivery, redemptionStatusOf } from "./RedemptionsPage";
import { useRedemptions } from "./rewards.api";

/** Finance's fulfilment queue: approve, fulfil (shipped, delivered, code sent) or cancel with a reason. */
export function RedemptionsQueuePage() {
  const { values, set, clear } = useSearchState(["status", "partner"] as const);
  // New requests are the default view; "all" is asked for explicitly.
  const status = values.status === "all" ? null : (redemptionStatusOf(values.status) ?? "requested");
  const redemptions = useRedemptions({ status, partnerId: values.partner });
  return (
    <Page
      title="Redemptions"
      description="Rewards reps have redeemed, newest first. Points stay reserved until a redemption is fulfilled or cancelled."
    >
      <Group align="flex-end" gap="md" wrap="wrap">
        <ScrollArea type="auto" offsetScrollbars scrollbarSize={6} maw="100%">
          <SegmentedControl
            aria-label="Status"
            value={status ?? "all"}
            onChange={(next) => set({ status: next })}
            data={[...redemptionStatuses.map((value) => ({ value, label: redemptionStatusLabels[value] })), { value: "all", label: "All" }]}
          />
        </ScrollArea>
        <div style={{ width: 260 }}>
          <PartnerFilter value={values.partner} onChange={(partner) => set({ partner })} />
        </div>
      </Group>
      {redemptions.isPending ? (
        <TableSkeleton />
      ) : redemptions.isError ? (
        <ErrorAlert error={redemptions.error} onRetry={() => void redemptions.refetch()} />
      ) : redemptions.items.length === 0 ? (
        status === "requested" && !values.partner ? (
          <Empty title="Nothing waiting">Every request has been handled. New redemptions show up here.</Empty>
        ) : (
          <Empty
            title="No redemptions match"
            actions={
              <Button variant="default" onClick={clear}>
                Back to new requests
              </Button>
            }
          >
            No redemption has this status{values.partner ? " for this partner" : ""}.
          </Empty>
        )
      ) : (
        <>
          <DataTable minWidth={980}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Reward</Table.Th>
                <Table.Th>Rep</Table.Th>
                <Table.Th ta="right">Points</Table.Th>
                <Table.Th>Ship to</Table.Th>
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
                  <Table.Td>
                    {redemption.rep.name}
                    <Text size="xs" c="dimmed">
                      {redemption.partner.name}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{redemption.points.toLocaleString()}</Table.Td>
                  <Table.Td>
                    <Text size="xs" style={{ whiteSpace: "pre-wrap" }} lineClamp={3}>
                      {redemption.shippingAddress ?? "—"}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <RedemptionStatusBadge status={redemption.status} />
                  </Table.Td>
                  <Table.Td>
                    <Delivery redemption={redemption} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(redemption.requestedAt)}</Table.Td>
                  <Table.Td>
                    <RedemptionActions redemption={redemption} />
                  </Table.Td>
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
