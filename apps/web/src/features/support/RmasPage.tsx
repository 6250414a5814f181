import { Anchor, Badge, Button, Select, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { isPartnerRole, type RmaStatus, rmaStatuses, roleHas } from "@trellis/shared";
import { Link } from "react-router";
import type { Rma } from "../../api/types";
import { useUser } from "../../auth/session";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadMore } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { PartnerFilter } from "../../components/PartnerFilter";
import { TableSkeleton } from "../../components/Skeletons";
import { DataTable } from "../../components/TableScroll";
import { formatDate } from "../../lib/format";
import { useSearchState } from "../../lib/useSearchState";
import { RmaActions } from "./RmaActions";
import { useRmas } from "./rmas.api";
import { rmaStatusColors, rmaStatusLabels } from "./support-admin.labels";

const filterKeys = ["status", "partnerId"] as const;

export function RmaStatusBadge({ status }: { status: RmaStatus }) {
  return (
    <Badge color={rmaStatusColors[status]} variant={status === "authorised" ? "filled" : "light"}>
      {rmaStatusLabels[status]}
    </Badge>
  );
}

function RmaRow({ rma, vendor, canWork }: { rma: Rma; vendor: boolean; canWork: boolean }) {
  const ticketPath = vendor ? `/support/tickets/${rma.ticket.id}` : `/portal/support/${rma.ticket.id}`;
  return (
    <Table.Tr>
      <Table.Td>
        <Text fw={700} size="sm">
          RMA {rma.number}
        </Text>
        <Text size="xs" c="dimmed">
          {formatDate(rma.createdAt)} · {rma.authorisedBy.name}
        </Text>
      </Table.Td>
      <Table.Td>
        <RmaStatusBadge status={rma.status} />
        {rma.receivedAt && rma.status !== "received" ? (
          <Text size="xs" c="dimmed">
            Received {formatDate(rma.receivedAt)}
          </Text>
        ) : null}
        {rma.replacedAt ? (
          <Text size="xs" c="dimmed">
            Replaced {formatDate(rma.replacedAt)}
          </Text>
        ) : null}
      </Table.Td>
      {vendor ? (
        <Table.Td>
          <Anchor component={Link} to={`/support?partnerId=${encodeURIComponent(rma.partner.id)}`} fz="sm">
            {rma.partner.name}
          </Anchor>
        </Table.Td>
      ) : null}
      <Table.Td>
        <Text size="sm">{rma.product.name}</Text>
        <Text size="xs" c="dimmed">
          {rma.product.sku}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace" style={{ whiteSpace: "nowrap" }}>
          {rma.serial}
        </Text>
        {rma.replacementSerial ? (
          <Text size="xs" c="teal.8" style={{ whiteSpace: "nowrap" }}>
            → <span style={{ fontFamily: "var(--mantine-font-family-monospace)" }}>{rma.replacementSerial}</span>
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td maw={260}>
        <Text size="sm" lineClamp={2} title={rma.reason}>
          {rma.reason}
        </Text>
      </Table.Td>
      <Table.Td>
        <Anchor component={Link} to={ticketPath} fz="sm">
          #{rma.ticket.number}
        </Anchor>
        <Text size="xs" c="dimmed" lineClamp={1} maw={200}>
          {rma.ticket.subject}
        </Text>
      </Table.Td>
      {canWork ? (
        <Table.Td>
          <RmaActions rma={rma} />
        </Table.Td>
      ) : null}
    </Table.Tr>
  );
}

/** RMAs: the vendor sees every partner's (at /support/rmas), a partner its own (at /portal/support/rmas). */
export function RmasPage() {
  const user = useUser();
  const vendor = !isPartnerRole(user.role);
  const canWork = vendor && roleHas(user.role, "support:work");
  const { values, set, clear } = useSearchState(filterKeys);
  const status = rmaStatuses.find((item) => item === values.status) ?? null;
  const partnerId = vendor ? values.partnerId : null;
  const list = useRmas({ status, partnerId });
  const filtered = Boolean(status || partnerId);
  const statusSelect = (
    <Select
      label="Status"
      placeholder="Any status"
      clearable
      data={rmaStatuses.map((value) => ({ value, label: rmaStatusLabels[value] }))}
      value={status}
      onChange={(value) => set({ status: value })}
    />
  );
  return (
    <Page
      title={vendor ? "RMAs" : "Returns (RMAs)"}
      description={
        vendor
          ? "Returns of defective units, authorised from tickets. Move each on as the unit arrives and its replacement ships; the requester is emailed at each step."
          : "Defective units the vendor has authorised you to return, and where each return stands. Quote the RMA number on the parcel."
      }
    >
      <search>
        <SimpleGrid cols={{ base: 1, sm: vendor ? 2 : 1 }} spacing="xs" maw={vendor ? 640 : 320}>
          {statusSelect}
          {vendor ? <PartnerFilter value={partnerId} onChange={(id) => set({ partnerId: id })} /> : null}
        </SimpleGrid>
      </search>
      {list.isPending ? (
        <TableSkeleton />
      ) : list.isError ? (
        <ErrorAlert error={list.error} title="RMAs could not be loaded" onRetry={() => void list.refetch()} />
      ) : list.items.length === 0 ? (
        filtered ? (
          <Empty
            title="No RMA matches"
            actions={
              <Button variant="default" onClick={clear}>
                Clear filters
              </Button>
            }
          >
            Try another status{vendor ? " or partner" : ""}.
          </Empty>
        ) : (
          <Empty title="No RMAs yet">
            {vendor
              ? "An agent authorises a return from a ticket about a defective unit; it then appears here."
              : "When the vendor's support authorises the return of a defective unit on one of your tickets, it appears here."}
          </Empty>
        )
      ) : (
        <Stack gap="xs" style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
          <DataTable minWidth={vendor ? 980 : 760}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>RMA</Table.Th>
                <Table.Th>Status</Table.Th>
                {vendor ? <Table.Th>Partner</Table.Th> : null}
                <Table.Th>Product</Table.Th>
                <Table.Th>Serial</Table.Th>
                <Table.Th>Reason</Table.Th>
                <Table.Th>Ticket</Table.Th>
                {canWork ? (
                  <Table.Th>
                    <span className="sr-only">Actions</span>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.items.map((rma) => (
                <RmaRow key={rma.id} rma={rma} vendor={vendor} canWork={canWork} />
              ))}
            </Table.Tbody>
          </DataTable>
          <LoadMore
            hasNextPage={list.hasNextPage}
            isFetchingNextPage={list.isFetchingNextPage}
            fetchNextPage={list.fetchNextPage}
            shown={list.items.length}
          />
        </Stack>
      )}
    </Page>
  );
}
