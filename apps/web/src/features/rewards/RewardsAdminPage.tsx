import { Avatar, Badge, Button, Group, Select, Switch, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { type RewardKind, rewardKindLabels, rewardKinds } from "@trellis/shared";
import { useEffect, useState } from "react";
import type { Reward } from "../../api/incentives-types";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadMore } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { TableSkeleton } from "../../components/Skeletons";
import { DataTable } from "../../components/TableScroll";
import { useSearchState } from "../../lib/useSearchState";
import { useTiers } from "../incentives/incentives.api";
import { stockText } from "./RewardCard";
import { RewardFormModal } from "./RewardFormModal";
import { rewardImageUrl, useCatalog } from "./rewards.api";

const kindOf = (value: string | null): RewardKind | null =>
  value && (rewardKinds as readonly string[]).includes(value) ? (value as RewardKind) : null;

function useEligibilityText() {
  const tiers = useTiers();
  const roleNames: Record<string, string> = { sales_rep: "sales reps", partner_admin: "partner admins", technician: "technicians" };
  return (reward: Reward) => {
    const parts = [
      reward.eligibility.tierIds.map((id) => tiers.data?.find((tier) => tier.id === id)?.name ?? "a tier").join(" or "),
      reward.eligibility.regions.join(" or "),
      reward.eligibility.roles.map((role) => roleNames[role] ?? role).join(" or "),
    ].filter(Boolean);
    return parts.length ? parts.join("; ") : "Everyone";
  };
}

/** The catalog for rewards:manage: every item, active or not, with its stock and who may redeem it. */
export function RewardsAdminPage() {
  const { values, set } = useSearchState(["kind", "q", "active"] as const);
  const [search, setSearch] = useState(values.q ?? "");
  const [debounced] = useDebouncedValue(search, 300);
  useEffect(() => set({ q: debounced.trim() || null }), [debounced, set]);
  const activeOnly = values.active === "1";
  const kind = kindOf(values.kind);
  const catalog = useCatalog({ kind, q: values.q ?? "", sort: "name", includeInactive: !activeOnly });
  const [editing, setEditing] = useState<Reward | "new" | null>(null);
  const eligibility = useEligibilityText();
  return (
    <Page
      title="Rewards catalog"
      description="What partners can redeem their points for: cost, stock, and which tiers, regions and roles may redeem each item."
      actions={<Button onClick={() => setEditing("new")}>New reward</Button>}
    >
      <Group gap="md" align="flex-end" wrap="wrap">
        <TextInput type="search" label="Search" value={search} onChange={(event) => setSearch(event.currentTarget.value)} w={260} />
        <Select
          label="Kind"
          placeholder="Every kind"
          clearable
          data={rewardKinds.map((value) => ({ value, label: rewardKindLabels[value] }))}
          value={kind}
          onChange={(value) => set({ kind: value })}
          w={220}
        />
        <Switch
          label="Active items only"
          checked={activeOnly}
          onChange={(event) => set({ active: event.currentTarget.checked ? "1" : null })}
          mb={8}
        />
      </Group>
      {catalog.isPending ? (
        <TableSkeleton />
      ) : catalog.isError ? (
        <ErrorAlert error={catalog.error} onRetry={() => void catalog.refetch()} />
      ) : catalog.items.length === 0 ? (
        <Empty
          title={values.q || kind ? "No rewards match" : "The catalog is empty"}
          actions={<Button onClick={() => setEditing("new")}>Add a reward</Button>}
        >
          Gift cards, tools and test equipment, branded gear, training vouchers and event tickets give reps a reason to claim their sales.
        </Empty>
      ) : (
        <>
          <DataTable minWidth={860}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Reward</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th ta="right">Points</Table.Th>
                <Table.Th>Stock</Table.Th>
                <Table.Th>Who may redeem</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>
                  <span className="sr-only">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {catalog.items.map((reward) => (
                <Table.Tr key={reward.id}>
                  <Table.Td>
                    <Group gap="sm" wrap="nowrap">
                      <Avatar src={reward.hasImage ? rewardImageUrl(reward) : null} alt="" radius="sm" size={36}>
                        {reward.name.slice(0, 1)}
                      </Avatar>
                      <Text size="sm" fw={600}>
                        {reward.name}
                      </Text>
                    </Group>
                  </Table.Td>
                  <Table.Td>{rewardKindLabels[reward.kind]}</Table.Td>
                  <Table.Td ta="right">{reward.pointCost.toLocaleString()}</Table.Td>
                  <Table.Td c={reward.inStock ? undefined : "red.7"}>{stockText(reward)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {eligibility(reward)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={reward.active ? "teal" : "gray"} variant="light">
                      {reward.active ? "Active" : "Inactive"}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="default" onClick={() => setEditing(reward)} aria-label={`Edit ${reward.name}`}>
                      Edit
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </DataTable>
          <LoadMore
            hasNextPage={catalog.hasNextPage}
            isFetchingNextPage={catalog.isFetchingNextPage}
            fetchNextPage={catalog.fetchNextPage}
            shown={catalog.items.length}
          />
        </>
      )}
      {editing ? <RewardFormModal reward={editing === "new" ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Page>
  );
}
