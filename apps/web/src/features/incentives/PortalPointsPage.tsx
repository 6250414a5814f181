import { Anchor, Button, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { useCan } from "../../auth/session";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { TableSkeleton } from "../../components/Skeletons";
import { DataTable } from "../../components/TableScroll";
import { BalanceCards } from "./BalanceCards";
import { useExpiringSoon } from "./expiring";
import { useBalance, useIncentiveSettings, useProducts, useStatement } from "./incentives.api";
import { ruleKindLabels } from "./incentives.labels";
import { portalClaimLink } from "./links";
import { ruleGives } from "./rule.form";
import { useRules } from "./rules.api";
import { StatementTable } from "./StatementTable";

/** The rules that can earn this rep points today, so it knows what to sell. */
function EarningRules() {
  const rules = useRules();
  const products = useProducts();
  const productName = (id: string | null) => products.data?.find((product) => product.id === id)?.name;
  if (rules.isPending) return <TableSkeleton rows={3} />;
  if (rules.isError) return <ErrorAlert error={rules.error} onRetry={() => void rules.refetch()} />;
  if (rules.data.length === 0)
    return <Empty title="No earning rules right now">The vendor has no rule that earns you points today. Promotions will show up here.</Empty>;
  return (
    <DataTable minWidth={560} caption="Rules that can earn you points today">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Rule</Table.Th>
          <Table.Th>Kind</Table.Th>
          <Table.Th>For</Table.Th>
          <Table.Th>Gives</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rules.data.map((rule) => (
          <Table.Tr key={rule.id}>
            <Table.Td>{rule.name}</Table.Td>
            <Table.Td>{ruleKindLabels[rule.kind]}</Table.Td>
            <Table.Td>
              {rule.productId ? (productName(rule.productId) ?? "One product") : rule.familyId ? "A product family" : "Every product"}
            </Table.Td>
            <Table.Td>
              {ruleGives(rule)}
              {rule.endsOn ? ` (sales until ${rule.endsOn})` : ""}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </DataTable>
  );
}

/** The rep's home in the program: its points, what it can do next, its latest movements. */
export function PortalPointsPage() {
  const canClaim = useCan("incentives:claim");
  const balance = useBalance(undefined, canClaim);
  const settings = useIncentiveSettings();
  const expiring = useExpiringSoon(balance.data?.available, settings.data);
  const statement = useStatement(undefined, 10, canClaim);
  return (
    <Page
      title="My points"
      description={
        canClaim
          ? "Points you earn by claiming your sales. Spend them on rewards from the catalog."
          : "The vendor's incentive program: how sales reps earn points."
      }
      actions={
        canClaim ? (
          <>
            <Button component={Link} to="/portal/points/claim">
              Claim a sale
            </Button>
            <Button component={Link} to="/portal/rewards" variant="default">
              Rewards catalog
            </Button>
          </>
        ) : null
      }
    >
      {balance.isError ? <ErrorAlert error={balance.error} onRetry={() => void balance.refetch()} /> : null}
      {canClaim ? <BalanceCards balance={balance.data} settings={settings.data} expiring={expiring.isError ? null : expiring.data} /> : null}
      {canClaim ? (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={2} size="h4">
                Latest movements
              </Title>
              <Anchor component={Link} to="/portal/points/statement" size="sm">
                Full statement and downloads
              </Anchor>
            </Group>
            {statement.isPending ? (
              <TableSkeleton rows={4} />
            ) : statement.isError ? (
              <ErrorAlert error={statement.error} onRetry={() => void statement.refetch()} />
            ) : statement.items.length === 0 ? (
              <Empty
                title="No points yet"
                actions={
                  <Button component={Link} to="/portal/points/claim" variant="default">
                    Claim your first sale
                  </Button>
                }
              >
                Claim a sale of the vendor's products with its invoice and serial numbers. Once it is approved, its points show here.
              </Empty>
            ) : (
              <StatementTable lines={statement.items.slice(0, 10)} claimLink={portalClaimLink} />
            )}
          </Stack>
        </Paper>
      ) : (
        <Text size="sm" c="dimmed">
          Sales reps and partner admins earn points. You can still browse the rewards catalog and the leaderboard.
        </Text>
      )}
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            How you earn points
          </Title>
          <EarningRules />
        </Stack>
      </Paper>
    </Page>
  );
}
