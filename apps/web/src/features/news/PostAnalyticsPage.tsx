import "@mantine/charts/styles.css";
import { BarChart } from "@mantine/charts";
import { Anchor, Box, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { Link, useParams } from "react-router";
import type { PostAnalytics, PostDetail } from "../../api/types";
import { useCan } from "../../auth/session";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { PageSkeleton } from "../../components/Skeletons";
import { DataTable } from "../../components/TableScroll";
import { formatDateTime } from "../../lib/format";
import { NewsCrumbs } from "./NewsCrumbs";
import { usePost, usePostAnalytics } from "./news.api";
import { formatRate } from "./news.labels";
import { PostComments } from "./PostComments";

const chartLimit = 20;

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text fw={700} fz="xl">
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </Paper>
  );
}

function Figures({ analytics, mustRead }: { analytics: PostAnalytics; mustRead: boolean }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: mustRead ? 5 : 3 }} spacing="xs">
      <Figure label="Reach" value={String(analytics.reach)} hint="Partner users in the audience" />
      <Figure label="Read" value={String(analytics.reads)} hint="Opened the post" />
      <Figure label="Read rate" value={formatRate(analytics.readRate)} />
      {mustRead ? (
        <>
          <Figure label="Acknowledged" value={String(analytics.acknowledgements)} />
          <Figure label="Acknowledgement rate" value={formatRate(analytics.acknowledgementRate)} />
        </>
      ) : null}
    </SimpleGrid>
  );
}

function PartnerChart({ analytics, mustRead }: { analytics: PostAnalytics; mustRead: boolean }) {
  const phone = useMediaQuery("(max-width: 36em)");
  const rows = analytics.partners.slice(0, chartLimit).map((row) => ({
    partner: row.partnerName,
    read: row.reads,
    unread: Math.max(0, row.reach - row.reads),
    acknowledged: row.acknowledgements,
  }));
  const described = rows.map((row) => `${row.partner}: ${row.read} of ${row.read + row.unread} read`).join("; ");
  const series = [
    { name: "read", label: "Read", color: "teal.6", stackId: "reach" },
    { name: "unread", label: "Not read yet", color: "gray.4", stackId: "reach" },
    ...(mustRead ? [{ name: "acknowledged", label: "Acknowledged", color: "orange.6", stackId: "ack" }] : []),
  ];
  return (
    <Box
      role="figure"
      aria-label={`Readers per partner${analytics.partners.length > chartLimit ? `, the ${chartLimit} lowest read rates` : ""}. ${described}.`}
    >
      <BarChart
        h={Math.max(200, rows.length * (mustRead ? 52 : 40))}
        data={rows}
        dataKey="partner"
        orientation="vertical"
        series={series}
        withLegend
        legendProps={{ verticalAlign: "bottom" }}
        yAxisProps={{ width: phone ? 96 : 180 }}
        xAxisProps={{ allowDecimals: false }}
        maxBarWidth={20}
        gridAxis="x"
        tickLine="x"
      />
    </Box>
  );
}

function PartnerTable({ analytics, mustRead }: { analytics: PostAnalytics; mustRead: boolean }) {
  return (
    <DataTable minWidth={520}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Partner</Table.Th>
          <Table.Th ta="right">Reach</Table.Th>
          <Table.Th ta="right">Read</Table.Th>
          <Table.Th ta="right">Read rate</Table.Th>
          {mustRead ? <Table.Th ta="right">Acknowledged</Table.Th> : null}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {analytics.partners.map((row) => (
          <Table.Tr key={row.partnerId}>
            <Table.Td>
              <Anchor component={Link} to={`/partners/${row.partnerId}`}>
                {row.partnerName}
              </Anchor>
            </Table.Td>
            <Table.Td ta="right">{row.reach}</Table.Td>
            <Table.Td ta="right">{row.reads}</Table.Td>
            <Table.Td ta="right">{formatRate(row.reach ? row.reads / row.reach : 0)}</Table.Td>
            {mustRead ? <Table.Td ta="right">{row.acknowledgements}</Table.Td> : null}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </DataTable>
  );
}

function Reach({ post }: { post: PostDetail }) {
  const analytics = usePostAnalytics(post.id);
  if (analytics.isPending) return <Skeleton height={240} aria-label="Loading the figures" />;
  if (analytics.isError) return <ErrorAlert error={analytics.error} onRetry={() => void analytics.refetch()} />;
  const data = analytics.data;
  return (
    <Stack gap="md">
      <Figures analytics={data} mustRead={post.mustRead} />
      {data.partners.length === 0 ? (
        <Paper withBorder>
          <Empty title="No partner in the audience">
            No active partner user matches the post's tiers, regions, partners and roles. Widen the audience on the post to reach someone.
          </Empty>
        </Paper>
      ) : (
        <>
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="xs">
              Per partner
            </Title>
            <PartnerChart analytics={data} mustRead={post.mustRead} />
          </Paper>
          <PartnerTable analytics={data} mustRead={post.mustRead} />
        </>
      )}
    </Stack>
  );
}

/** How far one post reached (reads, acknowledgements per partner) and the questions under it. */
export function PostAnalyticsPage() {
  const { id = "" } = useParams();
  const post = usePost(id);
  const canModerate = useCan("news:moderate");
  const canWrite = useCan("news:write");
  if (post.isPending) return <PageSkeleton />;
  if (post.isError || !post.data) {
    return (
      <Page title="Reach and questions" description={<NewsCrumbs />}>
        <ErrorAlert error={post.error} onRetry={() => void post.refetch()} />
      </Page>
    );
  }
  const data = post.data;
  return (
    <Page
      title={data.title}
      description={
        <Group gap="xs">
          <NewsCrumbs title={data.title} />
          <Text size="sm" c="dimmed">
            Published {formatDateTime(data.publishAt)}
          </Text>
        </Group>
      }
      actions={
        canWrite ? (
          <Button component={Link} to={`/news/${data.id}/edit`} variant="default">
            Edit post
          </Button>
        ) : null
      }
    >
      <Reach post={data} />
      {canModerate ? <PostComments post={data} mode="moderator" /> : null}
    </Page>
  );
}
