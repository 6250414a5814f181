import "@mantine/charts/styles.css";
import { BarChart } from "@mantine/charts";
import { Anchor, Box, Button, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { Link } from "react-router";
import type { ReadShare } from "../../api/types";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { DataTable } from "../../components/TableScroll";
import { useSearchState } from "../../lib/useSearchState";
import { SupportMonthPicker } from "../support/SupportMonthPicker";
import { formatMonth, thisMonth } from "../support/support-admin.api";
import { useReadShare } from "./news.api";
import { formatRate } from "./news.labels";

function Totals({ data }: { data: ReadShare }) {
  const active = data.partners.reduce((sum, row) => sum + row.activeUsers, 0);
  const readers = data.partners.reduce((sum, row) => sum + row.readers, 0);
  const reading = data.partners.filter((row) => row.readers > 0).length;
  const cells = [
    { label: "Active partner users", value: String(active) },
    { label: "Read at least one post", value: String(readers) },
    { label: "Read share", value: formatRate(active ? readers / active : null) },
    { label: "Partners reading", value: `${reading} of ${data.partners.length}` },
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
      {cells.map((cell) => (
        <Paper key={cell.label} withBorder p="sm">
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            {cell.label}
          </Text>
          <Text fw={700} fz="xl">
            {cell.value}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

function ShareChart({ data }: { data: ReadShare }) {
  const phone = useMediaQuery("(max-width: 36em)");
  const rows = [...data.partners].sort((a, b) => a.share - b.share).map((row) => ({ partner: row.partnerName, share: Math.round(row.share * 100) }));
  return (
    <Box
      role="figure"
      aria-label={`Share of active users who read news, per partner. ${rows.map((row) => `${row.partner}: ${row.share}%`).join("; ")}.`}
    >
      <BarChart
        h={Math.max(200, rows.length * 32)}
        data={rows}
        dataKey="partner"
        orientation="vertical"
        series={[{ name: "share", label: "Read share", color: "teal.6" }]}
        valueFormatter={(value) => `${value}%`}
        xAxisProps={{ domain: [0, 100] }}
        yAxisProps={{ width: phone ? 96 : 180 }}
        maxBarWidth={18}
        gridAxis="x"
        tickLine="x"
      />
    </Box>
  );
}

/** Per partner: how many of its active users read any news in the month. Who is listening, and who is not. */
export function ReadSharePage() {
  const { values, set } = useSearchState(["month"] as const);
  const month = values.month && /^\d{4}-(0[1-9]|1[0-2])$/.test(values.month) ? values.month : thisMonth();
  const share = useReadShare(month);
  const data = share.data;
  return (
    <Page
      title="News read share"
      description="Per partner, the share of its active users who opened at least one news post in the month. A partner that does not read the news misses promotions, training and support notices."
      actions={
        <>
          <Button component={Link} to="/news/digests" variant="default">
            Digests
          </Button>
          <SupportMonthPicker label="Month" value={month} onChange={(next) => set({ month: next === thisMonth() ? null : next })} />
        </>
      }
    >
      {share.isPending ? (
        <Skeleton height={320} aria-label="Loading the read share" />
      ) : share.isError || !data ? (
        <ErrorAlert error={share.error} onRetry={() => void share.refetch()} />
      ) : data.partners.length === 0 ? (
        <Paper withBorder>
          <Empty title="No active partner users">Partner users appear here once they have signed in.</Empty>
        </Paper>
      ) : (
        <Stack gap="lg" style={{ opacity: share.isPlaceholderData ? 0.6 : 1 }}>
          <Totals data={data} />
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="xs">
              Read share in {formatMonth(data.month)}
            </Title>
            <ShareChart data={data} />
          </Paper>
          <DataTable minWidth={520}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Partner</Table.Th>
                <Table.Th ta="right">Active users</Table.Th>
                <Table.Th ta="right">Read news</Table.Th>
                <Table.Th ta="right">Share</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.partners.map((row) => (
                <Table.Tr key={row.partnerId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/partners/${row.partnerId}`}>
                      {row.partnerName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ta="right">{row.activeUsers}</Table.Td>
                  <Table.Td ta="right">{row.readers}</Table.Td>
                  <Table.Td ta="right">{formatRate(row.share)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </DataTable>
        </Stack>
      )}
    </Page>
  );
}
