import { Badge, Group, Paper, SegmentedControl, Select, Stack, Switch, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { isPartnerRole, regions } from "@trellis/shared";
import { useUser } from "../../auth/session";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { PartnerFilter } from "../../components/PartnerFilter";
import { TableSkeleton } from "../../components/Skeletons";
import { DataTable } from "../../components/TableScroll";
import { useSearchState } from "../../lib/useSearchState";
import { currentMonth, currentQuarter } from "../incentives/incentives.labels";
import { useLeaderboard, useLeaderboardOptOut, useSetLeaderboardOptOut } from "./rewards.api";

type Region = (typeof regions)[number];
const regionOf = (value: string | null): Region | null => (value && (regions as readonly string[]).includes(value) ? (value as Region) : null);

function recentQuarters(count: number): { value: string; label: string }[] {
  const now = new Date();
  let year = now.getUTCFullYear();
  let quarter = Math.floor(now.getUTCMonth() / 3) + 1;
  const out: { value: string; label: string }[] = [];
  for (let i = 0; i < count; i++) {
    out.push({ value: `${year}-Q${quarter}`, label: `Q${quarter} ${year}${i === 0 ? " (this quarter)" : ""}` });
    quarter -= 1;
    if (quarter === 0) {
      quarter = 4;
      year -= 1;
    }
  }
  return out;
}

function recentMonths(count: number): { value: string; label: string }[] {
  const now = new Date();
  const name = new Intl.DateTimeFormat(undefined, { month: "long", year: "numeric", timeZone: "UTC" });
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    return { value: at.toISOString().slice(0, 7), label: `${name.format(at)}${i === 0 ? " (this month)" : ""}` };
  });
}

/** A rep may stay off the board by name: it keeps its rank, shown as "A rep of <partner>". */
function OptOutToggle() {
  const preference = useLeaderboardOptOut(true);
  const update = useSetLeaderboardOptOut();
  return (
    <Paper withBorder p="sm">
      <Switch
        label="Show my name on leaderboards"
        description="Turned off, you keep your rank and points but appear as “A rep of” your organisation to everyone else."
        checked={preference.data ? !preference.data.optOut : true}
        disabled={preference.isPending || update.isPending}
        onChange={(event) => {
          const optOut = !event.currentTarget.checked;
          update.mutate(optOut, {
            onSuccess: () =>
              notifications.show({ color: "teal", message: optOut ? "Your name is hidden on leaderboards." : "Your name shows on leaderboards." }),
          });
        }}
      />
      <ErrorAlert error={update.error} title="Not changed" />
    </Paper>
  );
}

const podium = ["yellow.5", "gray.5", "orange.7"];

/** The top reps by points earned in a quarter or a month, by region or partner. */
export function LeaderboardPage() {
  const user = useUser();
  const partnerSide = isPartnerRole(user.role);
  const canEarn = user.role === "sales_rep" || user.role === "partner_admin";
  const { values, set } = useSearchState(["by", "period", "region", "partner"] as const);
  const by = values.by === "month" ? "month" : "quarter";
  const options = by === "month" ? recentMonths(12) : recentQuarters(8);
  const period =
    values.period && options.some((option) => option.value === values.period) ? values.period : by === "month" ? currentMonth() : currentQuarter();
  const region = regionOf(values.region);
  const partnerId = partnerSide ? (values.partner === "mine" ? user.partnerId : null) : values.partner;
  const board = useLeaderboard({ period, region, partnerId });

  return (
    <Page title="Leaderboard" description="The top 100 reps by points earned in the period, net of reversals. Equal points share a rank.">
      {canEarn ? <OptOutToggle /> : null}
      <Group gap="md" align="flex-end" wrap="wrap">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="board-by">
            Period
          </Text>
          <SegmentedControl
            aria-labelledby="board-by"
            value={by}
            onChange={(next) => set({ by: next === "month" ? "month" : null, period: null })}
            data={[
              { value: "quarter", label: "Quarter" },
              { value: "month", label: "Month" },
            ]}
          />
        </Stack>
        <Select
          label={by === "month" ? "Month" : "Quarter"}
          data={options}
          value={period}
          allowDeselect={false}
          onChange={(value) => set({ period: value })}
          w={220}
        />
        <Select
          label="Region"
          placeholder="Every region"
          clearable
          data={[...regions]}
          value={region}
          onChange={(value) => set({ region: value })}
          w={200}
        />
        {partnerSide ? (
          <Switch
            label="My organisation only"
            checked={values.partner === "mine"}
            onChange={(event) => set({ partner: event.currentTarget.checked ? "mine" : null })}
            mb={8}
          />
        ) : (
          <div style={{ width: 260 }}>
            <PartnerFilter value={values.partner} onChange={(id) => set({ partner: id })} />
          </div>
        )}
      </Group>
      {board.isPending ? (
        <TableSkeleton />
      ) : board.isError ? (
        <ErrorAlert error={board.error} onRetry={() => void board.refetch()} />
      ) : board.data.entries.length === 0 ? (
        <Empty title="Nobody on the board yet">No rep has earned points in this period{region || partnerId ? " with these filters" : ""}.</Empty>
      ) : (
        <DataTable minWidth={480} caption={`${board.data.period}: ${board.data.fromMonth} to ${board.data.toMonth}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={80}>Rank</Table.Th>
              <Table.Th>Rep</Table.Th>
              <Table.Th>Partner</Table.Th>
              <Table.Th ta="right">Points</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {board.data.entries.map((entry) => (
              <Table.Tr key={`${entry.rank}:${entry.userId ?? entry.name}:${entry.partner.id}`} bg={entry.isYou ? "teal.0" : undefined}>
                <Table.Td fw={700}>
                  {entry.rank <= 3 ? (
                    <Badge circle size="lg" color={podium[entry.rank - 1]} variant="filled">
                      {entry.rank}
                    </Badge>
                  ) : (
                    <Text fw={700} pl={8}>
                      {entry.rank}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={6}>
                    <Text size="sm" fs={entry.named ? undefined : "italic"}>
                      {entry.name}
                    </Text>
                    {entry.isYou ? (
                      <Badge size="sm" color="teal">
                        You
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>{entry.partner.name}</Table.Td>
                <Table.Td ta="right" fw={600}>
                  {entry.points.toLocaleString()}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      )}
    </Page>
  );
}
