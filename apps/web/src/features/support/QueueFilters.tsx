import { MultiSelect, Select, SimpleGrid, TextInput } from "@mantine/core";
import { slaStates, ticketSeverities, ticketSeverityMeanings, ticketStatuses, ticketStatusLabels } from "@trellis/shared";
import type { TicketFilters } from "../../api/types";
import { useCan } from "../../auth/session";
import { PartnerFilter } from "../../components/PartnerFilter";
import { useTiers } from "../tiers/tiers.api";
import { slaStateLabels } from "./support.format";
import { useAgentOptions, useTicketProducts } from "./tickets.api";
import type { QueueKey } from "./useQueueFilters";

const statusOptions = ticketStatuses.map((value) => ({ value, label: ticketStatusLabels[value] }));
const severityOptions = ticketSeverities.map((value) => ({ value, label: `${value} · ${ticketSeverityMeanings[value].split(":")[0]}` }));
const slaOptions = slaStates.map((value) => ({ value, label: slaStateLabels[value] }));
const sortOptions = [
  { value: "sla", label: "SLA: most urgent first" },
  { value: "newest", label: "Newest first" },
  { value: "updated", label: "Recently updated" },
];

interface QueueFiltersProps {
  filters: TicketFilters;
  search: string;
  onSearch: (value: string) => void;
  set: (changes: Partial<Record<QueueKey, string | null>>) => void;
}

export function QueueFilters({ filters, search, onSearch, set }: QueueFiltersProps) {
  const tiers = useTiers();
  const products = useTicketProducts();
  // Only people who work tickets may list the agents.
  const agents = useAgentOptions(useCan("support:work"));
  const assigneeOptions = [{ value: "me", label: "Me" }, { value: "none", label: "Unassigned" }, ...(agents.data ?? [])];
  const list = (values: string[]) => (values.length ? values.join(",") : null);

  return (
    <search>
      <TextInput
        label="Search tickets"
        placeholder="Ticket number, subject or serial"
        type="search"
        maw={560}
        mb="xs"
        value={search}
        onChange={(event) => onSearch(event.currentTarget.value)}
      />
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="xs">
        <MultiSelect
          label="Status"
          placeholder={filters.status?.length ? undefined : "Active tickets"}
          clearable
          data={statusOptions}
          value={filters.status ?? []}
          onChange={(values) => set({ status: list(values) })}
        />
        <MultiSelect
          label="Severity"
          placeholder={filters.severity?.length ? undefined : "Any severity"}
          clearable
          data={severityOptions}
          value={filters.severity ?? []}
          onChange={(values) => set({ severity: list(values) })}
        />
        <Select
          label="Assignee"
          placeholder="Anyone"
          clearable
          searchable
          data={assigneeOptions}
          value={filters.assigneeId ?? null}
          onChange={(value) => set({ assignee: value })}
        />
        <Select
          label="SLA state"
          placeholder="Any state"
          clearable
          data={slaOptions}
          value={filters.slaState ?? null}
          onChange={(value) => set({ sla: value })}
        />
        <PartnerFilter value={filters.partnerId ?? null} onChange={(value) => set({ partnerId: value })} />
        <Select
          label="Tier"
          placeholder="Any tier"
          clearable
          data={(tiers.data ?? []).map((tier) => ({ value: tier.id, label: tier.name }))}
          value={filters.tierId ?? null}
          onChange={(value) => set({ tierId: value })}
        />
        <Select
          label="Product"
          placeholder="Any product"
          clearable
          searchable
          nothingFoundMessage="No product by that name"
          data={(products.data ?? []).map((product) => ({ value: product.id, label: `${product.name} (${product.sku})` }))}
          value={filters.productId ?? null}
          onChange={(value) => set({ productId: value })}
        />
        <Select
          label="Sort"
          allowDeselect={false}
          data={sortOptions}
          value={filters.sort ?? "sla"}
          onChange={(value) => set({ sort: value === "sla" ? null : value })}
        />
      </SimpleGrid>
    </search>
  );
}
