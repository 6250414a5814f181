import { Anchor, Badge, Breadcrumbs, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title, Typography } from "@mantine/core";
import { type ReactNode, useState } from "react";
import { Link, useParams } from "react-router";
import { isProblem } from "../../api/client";
import type { KnownProblemDetail } from "../../api/types";
import { useCan } from "../../auth/session";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { PageSkeleton } from "../../components/Skeletons";
import { DataTable } from "../../components/TableScroll";
import { formatDate, formatDateTime } from "../../lib/format";
import { KnownProblemForm } from "./KnownProblemForm";
import { KnownProblemStatusBadge } from "./KnownProblemsPage";
import { useKnownProblem } from "./known-problems.api";
import { knownProblemKindHints, knownProblemKindLabels } from "./support-admin.labels";
import { TicketStatusBadge } from "./TicketBadges";

/** Server-rendered markdown: markdown-it with raw HTML escaped (html: false); no other field is set this way. */
function Rendered({ html, empty }: { html: string; empty: string }) {
  if (!html.trim()) {
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  }
  return (
    <Typography>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: server-sanitised markdown output, see the comment above */}
      <div dangerouslySetInnerHTML={{ __html: html }} style={{ overflowWrap: "anywhere" }} />
    </Typography>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

function Section({ title, children, hint }: { title: string; children: ReactNode; hint?: string }) {
  return (
    <Paper withBorder p={{ base: "sm", sm: "md" }} component="section">
      <Title order={2} size="h4" mb={hint ? 0 : "xs"}>
        {title}
      </Title>
      {hint ? (
        <Text size="sm" c="dimmed" mb="xs">
          {hint}
        </Text>
      ) : null}
      {children}
    </Paper>
  );
}

function LinkedTickets({ problem }: { problem: KnownProblemDetail }) {
  if (problem.tickets.length === 0) {
    return (
      <Empty title="No tickets linked yet">
        Agents link a ticket from the ticket&apos;s page. Linked tickets show partners this problem&apos;s workaround and fix version.
      </Empty>
    );
  }
  return (
    <>
      <DataTable minWidth={640}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Ticket</Table.Th>
            <Table.Th>Partner</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Opened</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {problem.tickets.map((ticket) => (
            <Table.Tr key={ticket.id}>
              <Table.Td>
                <Anchor component={Link} to={`/support/tickets/${ticket.id}`} fz="sm" fw={600}>
                  #{ticket.number} {ticket.subject}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/support?partnerId=${encodeURIComponent(ticket.partner.id)}`} fz="sm">
                  {ticket.partner.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <TicketStatusBadge status={ticket.status} />
              </Table.Td>
              <Table.Td>{formatDate(ticket.createdAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </DataTable>
      {problem.ticketCount > problem.tickets.length ? (
        <Text size="sm" c="dimmed" mt="xs">
          The newest {problem.tickets.length} of {problem.ticketCount} linked tickets.
        </Text>
      ) : null}
    </>
  );
}

function ProblemView({ problem }: { problem: KnownProblemDetail }) {
  const canWrite = useCan("support:work");
  const [editing, setEditing] = useState(false);
  return (
    <Page
      title={problem.title}
      description={
        <Stack gap={6}>
          <Breadcrumbs>
            <Anchor component={Link} to="/support/known-problems" size="sm">
              Known problems
            </Anchor>
            <Text size="sm">{problem.title}</Text>
          </Breadcrumbs>
          <Group gap="xs">
            <KnownProblemStatusBadge status={problem.status} />
            <Badge variant="outline" color="gray" title={knownProblemKindHints[problem.kind]}>
              {knownProblemKindLabels[problem.kind]}
            </Badge>
          </Group>
        </Stack>
      }
      actions={canWrite ? <Button onClick={() => setEditing(true)}>Edit</Button> : null}
    >
      <Paper withBorder p={{ base: "sm", sm: "md" }}>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
          <Fact label="Tickets">{problem.ticketCount}</Fact>
          <Fact label="Partners affected">{problem.partnersAffected}</Fact>
          <Fact label="Affected versions">{problem.affectedVersions || "Not recorded"}</Fact>
          <Fact label="Fixed in">{problem.fixVersion ?? "Not fixed yet"}</Fact>
          <Fact label="Products">
            {problem.products.length === 0 ? (
              <Text span c="dimmed" size="sm">
                None named
              </Text>
            ) : (
              problem.products.map((product) => `${product.name} (${product.sku})`).join(", ")
            )}
          </Fact>
          <Fact label="Recorded">
            {formatDate(problem.createdAt)}
            {problem.createdBy ? ` by ${problem.createdBy.name}` : ""}
          </Fact>
          <Fact label="Last changed">{formatDateTime(problem.updatedAt)}</Fact>
          <Fact label="Trend">
            <Anchor component={Link} to="/support/hotspots?dimension=known_problem" size="sm">
              See hot-spots
            </Anchor>
          </Fact>
        </SimpleGrid>
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Section title="Description" hint="Vendor staff only.">
          <Rendered html={problem.descriptionHtml} empty="No description yet." />
        </Section>
        <Section title="Workaround" hint="Partners see this on their linked tickets.">
          <Rendered html={problem.workaroundHtml} empty="No workaround recorded." />
        </Section>
      </SimpleGrid>
      <Section title={`Linked tickets (${problem.ticketCount})`}>
        <LinkedTickets problem={problem} />
      </Section>
      {editing ? <KnownProblemForm problem={problem} onClose={() => setEditing(false)} /> : null}
    </Page>
  );
}

export function KnownProblemPage() {
  const { id = "" } = useParams();
  const problem = useKnownProblem(id);
  if (problem.isPending) return <PageSkeleton />;
  if (problem.isError) {
    if (isProblem(problem.error, "not_found")) {
      return (
        <Page title="Known problem not found">
          <Empty
            title="This known problem does not exist"
            actions={
              <Button component={Link} to="/support/known-problems" variant="default">
                All known problems
              </Button>
            }
          >
            The link may be mistyped.
          </Empty>
        </Page>
      );
    }
    return (
      <Page title="Known problem">
        <ErrorAlert error={problem.error} title="The known problem could not be loaded" onRetry={() => void problem.refetch()} />
      </Page>
    );
  }
  return <ProblemView problem={problem.data} />;
}
