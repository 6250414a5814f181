import { Button, SimpleGrid, Skeleton, Stack } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { type ReactNode, useState } from "react";
import type { AssetSummary } from "../../api/types";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadMore } from "../../components/LoadMore";
import { AssetCard } from "./AssetCard";
import { AssetFiltersBar } from "./AssetFiltersBar";
import { useAssets } from "./library.api";
import { useAssetFilters } from "./useAssetFilters";

export function CardsSkeleton({ count = 6 }: { count?: number }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} aria-busy="true" aria-label="Loading">
      {Array.from({ length: count }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
        <Skeleton key={index} height={150} radius="md" />
      ))}
    </SimpleGrid>
  );
}

export function AssetGrid({ assets, linkTo, side }: { assets: AssetSummary[]; linkTo: (asset: AssetSummary) => string; side: "portal" | "vendor" }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
      {assets.map((asset) => (
        <AssetCard key={asset.id} asset={asset} to={linkTo(asset)} side={side} />
      ))}
    </SimpleGrid>
  );
}

interface AssetBrowserProps {
  side: "portal" | "vendor";
  linkTo: (asset: AssetSummary) => string;
  /** Said when nothing exists at all (no filter applied). */
  emptyTitle: string;
  emptyHint: string;
  emptyActions?: ReactNode;
}

/** Search, filters and the asset cards with "Load more": the same on the portal and in the vendor console. */
export function AssetBrowser({ side, linkTo, emptyTitle, emptyHint, emptyActions }: AssetBrowserProps) {
  const { filters, set, clear } = useAssetFilters();
  const [search, setSearch] = useState(filters.q);
  const [q] = useDebouncedValue(search, 300);
  const assets = useAssets({ ...filters, q });
  const filtered = Boolean(q.trim() || filters.type || filters.productId || filters.market || filters.status || filters.needsReview);
  const clearAll = () => {
    setSearch("");
    clear();
  };

  return (
    <Stack>
      <AssetFiltersBar
        filters={filters}
        search={search}
        onSearch={(value) => {
          setSearch(value);
          set({ q: value.trim() || null });
        }}
        set={set}
        vendor={side === "vendor"}
      />
      <div aria-live="polite" className="sr-only">
        {assets.isSuccess ? `${assets.items.length}${assets.hasNextPage ? " or more" : ""} sales tools shown` : ""}
      </div>
      {assets.isPending ? (
        <CardsSkeleton />
      ) : assets.isError ? (
        <ErrorAlert error={assets.error} onRetry={() => void assets.refetch()} />
      ) : assets.items.length === 0 ? (
        filtered ? (
          <Empty
            title="No assets match"
            actions={
              <Button variant="default" onClick={clearAll}>
                Clear the filters
              </Button>
            }
          >
            Try other words, or clear the filters to see every sales tool.
          </Empty>
        ) : (
          <Empty title={emptyTitle} actions={emptyActions}>
            {emptyHint}
          </Empty>
        )
      ) : (
        <Stack gap="xs">
          <AssetGrid assets={assets.items} linkTo={linkTo} side={side} />
          <LoadMore {...assets} shown={assets.items.length} />
        </Stack>
      )}
    </Stack>
  );
}
