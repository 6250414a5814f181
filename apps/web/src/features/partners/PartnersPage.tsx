import { Anchor, Badge, Button, Checkbox, Grid, Group, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { type PartnerStatus, partnerStatuses, regions } from "@trellis/shared";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { apiUrl } from "../../api/client";
import { useCan } from "../../auth/session";
import { PartnerStatusBadge } from "../../components/Badges";
import { CsvImport } from "../../components/CsvImport";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadMore } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { TableSkeleton } from "../../components/Skeletons";
import { DataTable } from "../../components/TableScroll";
import { humanize } from "../../lib/format";
import { useSearchState } from "../../lib/useSearchState";
import { useTiers } from "../tiers/tiers.api";
import { CapacityIndicator } from "./CapacityIndicator";
import { useChannelManagerOptions } from "./channelManagers";
import { NewPartnerButton } from "./NewPartnerButton";
import { filterQuery, type PartnerFilters, type PartnerSort, partnersKey, usePartners } from "./partners.api";

const filterKeys = ["q", "tierId", "status", "region", "channelManagerId", "includeArchived", "sort"] as const;

const sortOptions: { value: PartnerSort; label: string }[] = [
  { value: "name", label: "Name A–Z" },
  { value: "-name", label: "Name Z–A" },
  { value: "-createdAt", label: "Newest first" },
  { value: "createdAt", label: "Oldest first" },
  { value: "status", label: "Status" },
  { value: "region", label: "Region" },
];

const importHelp =
  "A header row with name, legal_name, country, region and optionally address_line1, address_line2, city, postal_code, territory, website, phone, tier, status, channel_manager_email (the same columns as Export CSV). A row whose name matches a partner updates it.";

export function PartnersPage() {
  const { values, set, clear } = useSearchState(filterKeys);
  const [search, setSearch] = useState(values.q ?? "");
  const [debounced] = useDebouncedValue(search, 300);
  useEffect(() => set({ q: debounced.trim() || null }), [debounced, set]);

  const filters: PartnerFilters = {
    q: values.q ?? "",
    tierId: values.tierId,
    status: partnerStatuses.includes(values.status as PartnerStatus) ? (values.status as PartnerStatus) : null,
    region: values.region,
    channelManagerId: values.channelManagerId,
    includeArchived: values.includeArchived === "true",
    sort: sortOptions.some((option) => option.value === values.sort) ? (values.sort as PartnerSort) : "name",
  };
  const filtered = Boolean(filters.q || filters.tierId || filters.status || filters.region || filters.channelManagerId || filters.includeArchived);

  const partners = usePartners(filters);
  const tiers = useTiers();
  const managers = useChannelManagerOptions(partners.items);
  const canWrite = useCan("partners:write");
  const canImport = useCan("partners:import");
  const canReview = useCan("applications:review");
  const exportHref = apiUrl("/partners/export.csv", filterQuery(filters));

  return (
    <Page
      title="Partners"
      description="Fewer partners, supported well."
      actions={
        <>
          <Button component="a" href={exportHref} download variant="default">
            Export CSV
          </Button>
          {canImport ? <CsvImport path="/partners/import" noun="partners" help={importHelp} invalidate={[partnersKey, ["settings"]]} /> : null}
          {canWrite ? <NewPartnerButton /> : null}
        </>
      }
    >
      <CapacityIndicator />
      <search>
        <Stack gap="xs">
          <Grid gap="xs">
            <Grid.Col span={{ base: 12, md: 4, lg: 2 }}>
              <TextInput label="Search" placeholder="Name, city, website" value={search} onChange={(event) => setSearch(event.currentTarget.value)} />
            </Grid.Col>
            <Grid.Col span={{ base: 6, md: 4, lg: 2 }}>
              <Select
                label="Tier"
                placeholder="Any tier"
                clearable
                data={(tiers.data ?? []).map((tier) => ({ value: tier.id, label: tier.name }))}
                value={filters.tierId}
                onChange={(value) => set({ tierId: value })}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, md: 4, lg: 2 }}>
              <Select
                label="Status"
                placeholder="Any status"
                clearable
                data={partnerStatuses.map((status) => ({ value: status, label: humanize(status) }))}
                value={filters.status}
                onChange={(value) => set({ status: value })}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, md: 4, lg: 2 }}>
              <Select
                label="Region"
                placeholder="Any region"
                clearable
                data={[...regions]}
                value={filters.region}
                onChange={(value) => set({ region: value })}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, md: 4, lg: 2 }}>
              <Select
                label="Channel manager"
                placeholder="Anyone"
                clearable
                searchable
                data={managers}
                value={filters.channelManagerId}
                onChange={(value) => set({ channelManagerId: value })}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, md: 4, lg: 2 }}>
              <Select
                label="Sort"
                data={sortOptions}
                allowDeselect={false}
                value={filters.sort}
                onChange={(value) => set({ sort: value === "name" ? null : value })}
              />
            </Grid.Col>
          </Grid>
          <Group justify="space-between">
            <Checkbox
              label="Include archived partners"
              checked={filters.includeArchived}
              onChange={(event) => set({ includeArchived: event.currentTarget.checked ? "true" : null })}
            />
            {filtered ? (
              <Button
                variant="subtle"
                size="compact-sm"
                onClick={() => {
                  setSearch("");
                  clear();
                }}
              >
                Clear filters
              </Button>
            ) : null}
          </Group>
        </Stack>
      </search>

      {partners.isPending ? (
        <TableSkeleton />
      ) : partners.isError ? (
        <ErrorAlert error={partners.error} onRetry={() => void partners.refetch()} />
      ) : partners.items.length === 0 ? (
        filtered ? (
          <Empty
            title="No partners match these filters"
            actions={
              <Button
                variant="default"
                onClick={() => {
                  setSearch("");
                  clear();
                }}
              >
                Clear filters
              </Button>
            }
          >
            Try another search, or include archived partners.
          </Empty>
        ) : (
          <Empty
            title="No partners yet"
            actions={
              canReview ? (
                <Button component={Link} to="/applications" variant="default">
                  Review applications
                </Button>
              ) : null
            }
          >
            No partners yet — approve an application or import a CSV.
          </Empty>
        )
      ) : (
        <Stack gap={0}>
          <DataTable minWidth={820}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Tier</Table.Th>
                <Table.Th>Region</Table.Th>
                <Table.Th>Location</Table.Th>
                <Table.Th>Channel manager</Table.Th>
                <Table.Th ta="right">Staff</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {partners.items.map((partner) => (
                <Table.Tr key={partner.id}>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Anchor component={Link} to={`/partners/${partner.id}`} fw={600}>
                        {partner.name}
                      </Anchor>
                      {partner.archivedAt ? (
                        <Badge color="gray" variant="outline" size="sm">
                          Archived
                        </Badge>
                      ) : null}
                    </Group>
                    {partner.legalName !== partner.name ? (
                      <Text size="xs" c="dimmed">
                        {partner.legalName}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <PartnerStatusBadge status={partner.status} />
                  </Table.Td>
                  <Table.Td>{partner.tierName ?? "—"}</Table.Td>
                  <Table.Td>{partner.region}</Table.Td>
                  <Table.Td>{[partner.city, partner.country].filter(Boolean).join(", ")}</Table.Td>
                  <Table.Td>{partner.channelManagerName ?? <Text c="dimmed">Unassigned</Text>}</Table.Td>
                  <Table.Td ta="right">{partner.staffCount}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </DataTable>
          <LoadMore
            hasNextPage={partners.hasNextPage}
            isFetchingNextPage={partners.isFetchingNextPage}
            fetchNextPage={partners.fetchNextPage}
            shown={partners.items.length}
          />
        </Stack>
      )}
    </Page>
  );
}
