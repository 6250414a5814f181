import { Anchor, Badge, Button, Group, Switch, Table, Text, TextInput } from "@mantine/core";
import { Link } from "react-router";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Page } from "../../components/Page";
import { TableSkeleton } from "../../components/Skeletons";
import { DataTable } from "../../components/TableScroll";
import { useSearchState } from "../../lib/useSearchState";
import { useFamilies, useProducts } from "./incentives.api";
import { ruleKindLabels } from "./incentives.labels";
import { vendorRuleLink } from "./links";
import { ruleGives } from "./rule.form";
import { useRules } from "./rules.api";

/** Earning rules: base points, promotions and launch bonuses, with their versions. */
export function RulesPage() {
  const { values, set, clear } = useSearchState(["all", "asOf"] as const);
  const includeInactive = values.all === "1";
  const rules = useRules({ includeInactive, asOf: values.asOf });
  const products = useProducts();
  const families = useFamilies();
  const reach = (productId: string | null, familyId: string | null) =>
    productId
      ? (products.data?.find((p) => p.id === productId)?.name ?? "One product")
      : familyId
        ? `${families.data?.find((f) => f.id === familyId)?.name ?? "A family"} (family)`
        : "Every product";
  return (
    <Page
      title="Incentive rules"
      description="What earns points: per unit, per revenue, promotions that multiply them, and launch bonuses. Editing a rule writes a new version from now."
      actions={
        <Button component={Link} to="/incentives/rules/new">
          New rule
        </Button>
      }
    >
      <Group align="flex-end" gap="md" wrap="wrap">
        <Switch
          label="Include switched-off and ended rules"
          checked={includeInactive}
          onChange={(event) => set({ all: event.currentTarget.checked ? "1" : null })}
          mb={8}
        />
        <TextInput
          label="In force on a sale date"
          description="The versions that scored that day's sales"
          type="date"
          value={values.asOf ?? ""}
          onChange={(event) => set({ asOf: event.currentTarget.value || null })}
          w={240}
        />
      </Group>
      {rules.isPending ? (
        <TableSkeleton />
      ) : rules.isError ? (
        <ErrorAlert error={rules.error} onRetry={() => void rules.refetch()} />
      ) : rules.data.length === 0 ? (
        values.asOf || includeInactive ? (
          <Empty
            title="No rules match"
            actions={
              <Button variant="default" onClick={clear}>
                Show today's rules
              </Button>
            }
          >
            No rule was in force then.
          </Empty>
        ) : (
          <Empty
            title="No rules yet"
            actions={
              <Button component={Link} to="/incentives/rules/new">
                Create the first rule
              </Button>
            }
          >
            Without a rule, claims are worth 0 points. Start with points per unit for your main products.
          </Empty>
        )
      ) : (
        <DataTable minWidth={820}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Rule</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>For</Table.Th>
              <Table.Th>Gives</Table.Th>
              <Table.Th>Sale dates</Table.Th>
              <Table.Th>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rules.data.map((rule) => (
              <Table.Tr key={rule.id}>
                <Table.Td>
                  <Anchor component={Link} to={vendorRuleLink(rule.id)} fw={600}>
                    {rule.name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    version {rule.version}
                  </Text>
                </Table.Td>
                <Table.Td>{ruleKindLabels[rule.kind]}</Table.Td>
                <Table.Td>{reach(rule.productId, rule.familyId)}</Table.Td>
                <Table.Td>{ruleGives(rule)}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  {rule.startsOn || rule.endsOn ? `${rule.startsOn ?? "…"} to ${rule.endsOn ?? "…"}` : "Always"}
                </Table.Td>
                <Table.Td>
                  <Badge color={rule.active ? "teal" : "gray"} variant="light">
                    {rule.active ? "Active" : "Off"}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      )}
    </Page>
  );
}
