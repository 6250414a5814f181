import { Anchor, Badge, Drawer, Group, SegmentedControl, Stack, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue, useMediaQuery } from "@mantine/hooks";
import { type ApplicationStatus, applicationStatuses } from "@trellis/shared";
import { useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadMore } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { PageSkeleton, TableSkeleton } from "../../components/Skeletons";
import { DataTable } from "../../components/TableScroll";
import { formatDate, formatMoney, humanize } from "../../lib/format";
import { useSearchState } from "../../lib/useSearchState";
import { ApplicationReview } from "./ApplicationReview";
import { useApplication, useApplications } from "./applications.api";

const statusColors: Record<ApplicationStatus, string> = { pending: "blue", approved: "teal", declined: "gray" };

function ApplicationDrawer({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const application = useApplication(id);
  const phone = useMediaQuery("(max-width: 48em)");
  return (
    <Drawer
      opened={Boolean(id)}
      onClose={onClose}
      position="right"
      size={phone ? "100%" : "lg"}
      title={application.data?.companyName ?? "Application"}
      styles={{ title: { fontWeight: 700, fontSize: "var(--mantine-font-size-lg)" } }}
    >
      {application.isPending ? (
        <PageSkeleton />
      ) : application.isError ? (
        <ErrorAlert error={application.error} />
      ) : (
        <ApplicationReview application={application.data} />
      )}
    </Drawer>
  );
}

export function ApplicationsPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { values, set } = useSearchState(["status", "q"] as const);
  const status: ApplicationStatus | null =
    values.status === "all"
      ? null
      : applicationStatuses.includes(values.status as ApplicationStatus)
        ? (values.status as ApplicationStatus)
        : "pending";
  const [search, setSearch] = useState(values.q ?? "");
  const [q] = useDebouncedValue(search, 300);
  const applications = useApplications(status, q);
  const suffix = useLocation().search;

  return (
    <Page title="Applications" description="Resellers who asked to join. Approve the ones you can support well.">
      <Group justify="space-between" align="flex-end" gap="sm">
        <SegmentedControl
          aria-label="Show applications"
          value={status ?? "all"}
          onChange={(value) => set({ status: value === "pending" ? null : value })}
          data={[
            { value: "pending", label: "Pending" },
            { value: "approved", label: "Approved" },
            { value: "declined", label: "Declined" },
            { value: "all", label: "All" },
          ]}
        />
        <TextInput
          label="Search"
          placeholder="Company or contact"
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            set({ q: event.currentTarget.value.trim() || null });
          }}
          w={{ base: "100%", xs: 280 }}
        />
      </Group>
      {applications.isPending ? (
        <TableSkeleton />
      ) : applications.isError ? (
        <ErrorAlert error={applications.error} onRetry={() => void applications.refetch()} />
      ) : applications.items.length === 0 ? (
        <Empty title={status === "pending" && !q ? "No applications waiting" : "No applications match"}>
          {status === "pending" && !q
            ? "New applications from the public form at /apply appear here. Share that link with resellers you would like to work with."
            : "Try another status or search."}
        </Empty>
      ) : (
        <Stack gap={0}>
          <DataTable minWidth={720}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Company</Table.Th>
                <Table.Th>Where</Table.Th>
                <Table.Th>Principal</Table.Th>
                <Table.Th ta="right">Expected volume</Table.Th>
                <Table.Th>Submitted</Table.Th>
                <Table.Th>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {applications.items.map((application) => (
                <Table.Tr key={application.id} bg={application.id === id ? "var(--mantine-primary-color-light)" : undefined}>
                  <Table.Td>
                    <Anchor component={Link} to={`/applications/${application.id}${suffix}`} fw={600}>
                      {application.companyName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {[application.city, application.country].filter(Boolean).join(", ")}
                    <Text size="xs" c="dimmed">
                      {application.region}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {application.principal.name}
                    <Text size="xs" c="dimmed" style={{ wordBreak: "break-all" }}>
                      {application.principal.email}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{formatMoney(application.expectedAnnualVolume)}</Table.Td>
                  <Table.Td>{formatDate(application.createdAt)}</Table.Td>
                  <Table.Td>
                    <Badge color={statusColors[application.status]} variant="light">
                      {humanize(application.status)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </DataTable>
          <LoadMore {...applications} shown={applications.items.length} />
        </Stack>
      )}
      <ApplicationDrawer id={id} onClose={() => navigate(`/applications${suffix}`)} />
    </Page>
  );
}
