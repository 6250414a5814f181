import { Button, Group, Select, SimpleGrid, Switch, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { type RewardKind, rewardKindLabels, rewardKinds } from "@trellis/shared";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import type { Reward } from "../../api/incentives-types";
import { useCan } from "../../auth/session";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadMore } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { TableSkeleton } from "../../components/Skeletons";
import { useSearchState } from "../../lib/useSearchState";
import { useBalance } from "../incentives/incentives.api";
import { points } from "../incentives/incentives.labels";
import { RedeemModal } from "./RedeemModal";
import { RewardCard } from "./RewardCard";
import { useCatalog } from "./rewards.api";

const kindOf = (value: string | null): RewardKind | null =>
  value && (rewardKinds as readonly string[]).includes(value) ? (value as RewardKind) : null;

function Affordability({ reward, available }: { reward: Reward; available: number | undefined }) {
  if (available === undefined) return null;
  if (!reward.inStock) return null;
  return available >= reward.pointCost ? (
    <Text size="xs" c="teal.8" fw={600}>
      You can afford it
    </Text>
  ) : (
    <Text size="xs" c="dimmed">
      You need {points(reward.pointCost - available)} more
    </Text>
  );
}

/** The rewards catalog as a partner user sees it: what it may redeem, and whether it can afford it. */
export function PortalRewardsPage() {
  const canRedeem = useCan("incentives:claim");
  const { values, set, clear } = useSearchState(["kind", "q", "sort", "affordable"] as const);
  const [search, setSearch] = useState(values.q ?? "");
  const [debounced] = useDebouncedValue(search, 300);
  useEffect(() => set({ q: debounced.trim() || null }), [debounced, set]);
  const kind = kindOf(values.kind);
  const sort = values.sort === "points" ? "points" : "name";
  const affordableOnly = values.affordable === "1";
  const catalog = useCatalog({ kind, q: values.q ?? "", sort });
  const balance = useBalance(undefined, canRedeem);
  const available = balance.data?.available;
  const [redeeming, setRedeeming] = useState<Reward | null>(null);
  const items =
    affordableOnly && available !== undefined ? catalog.items.filter((reward) => reward.inStock && reward.pointCost <= available) : catalog.items;
  const filtered = Boolean(kind || values.q || affordableOnly);

  return (
    <Page
      title="Rewards"
      description={available === undefined ? "What you can turn points into." : `You have ${points(available)} to spend.`}
      actions={
        canRedeem ? (
          <Button component={Link} to="/portal/rewards/redemptions" variant="default">
            My redemptions
          </Button>
        ) : null
      }
    >
      <search>
        <Group gap="md" align="flex-end" wrap="wrap">
          <TextInput
            type="search"
            label="Search rewards"
            placeholder="Words in the name or description"
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            style={{ flex: "1 1 14rem", maxWidth: 360 }}
          />
          <Select
            label="Kind"
            placeholder="Every kind"
            clearable
            data={rewardKinds.map((value) => ({ value, label: rewardKindLabels[value] }))}
            value={kind}
            onChange={(value) => set({ kind: value })}
            w={220}
          />
          <Select
            label="Sort by"
            data={[
              { value: "name", label: "Name" },
              { value: "points", label: "Points, cheapest first" },
            ]}
            value={sort}
            allowDeselect={false}
            onChange={(value) => set({ sort: value === "points" ? "points" : null })}
            w={200}
          />
          {canRedeem ? (
            <Switch
              label="Only what I can afford"
              checked={affordableOnly}
              onChange={(event) => set({ affordable: event.currentTarget.checked ? "1" : null })}
              mb={8}
            />
          ) : null}
        </Group>
      </search>
      {catalog.isPending ? (
        <TableSkeleton rows={4} />
      ) : catalog.isError ? (
        <ErrorAlert error={catalog.error} onRetry={() => void catalog.refetch()} />
      ) : items.length === 0 ? (
        filtered ? (
          <Empty
            title="No rewards match"
            actions={
              <Button
                variant="default"
                onClick={() => {
                  setSearch("");
                  clear();
                }}
              >
                Show every reward
              </Button>
            }
          >
            {affordableOnly
              ? "Nothing you can afford matches yet. Claim more sales, or turn off “Only what I can afford”."
              : "Try other words or another kind."}
          </Empty>
        ) : (
          <Empty title="The catalog is empty">The vendor has not put any reward in the catalog for your organisation yet.</Empty>
        )
      ) : (
        <>
          <SimpleGrid
            cols={{ base: 1, xs: 2, md: 3, lg: 4 }}
            spacing="md"
            component="ul"
            aria-label="Rewards"
            style={{ listStyle: "none", padding: 0, margin: 0 }}
          >
            {items.map((reward) => (
              <RewardCard
                key={reward.id}
                reward={reward}
                note={canRedeem ? <Affordability reward={reward} available={available} /> : null}
                footer={
                  canRedeem ? (
                    <Button
                      fullWidth
                      variant={available !== undefined && available >= reward.pointCost ? "filled" : "default"}
                      disabled={!reward.inStock}
                      onClick={() => setRedeeming(reward)}
                      aria-label={`Redeem ${reward.name}`}
                    >
                      {reward.inStock ? "Redeem" : "Out of stock"}
                    </Button>
                  ) : null
                }
              />
            ))}
          </SimpleGrid>
          <LoadMore
            hasNextPage={catalog.hasNextPage}
            isFetchingNextPage={catalog.isFetchingNextPage}
            fetchNextPage={catalog.fetchNextPage}
            shown={items.length}
          />
        </>
      )}
      {redeeming ? <RedeemModal reward={redeeming} available={available ?? 0} onClose={() => setRedeeming(null)} /> : null}
    </Page>
  );
}
