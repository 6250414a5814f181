import { type AssetStatus, type AssetType, assetStatuses, assetTypes, type Market, markets } from "@trellis/shared";
import { useSearchState } from "../../lib/useSearchState";
import type { AssetFilters, AssetSort } from "./library.api";

const sorts: readonly AssetSort[] = ["relevance", "newest", "most_used", "title"];

function oneOf<T extends string>(list: readonly T[], value: string | null): T | null {
  return list.includes(value as T) ? (value as T) : null;
}

/** Library filters kept in the address bar, so a shared link opens the same list. */
export function useAssetFilters() {
  const { values, set, clear } = useSearchState(["q", "type", "productId", "market", "status", "review", "sort"] as const);
  const filters: AssetFilters = {
    q: values.q ?? "",
    type: oneOf<AssetType>(assetTypes, values.type),
    productId: values.productId,
    market: oneOf<Market>(markets, values.market),
    status: oneOf<AssetStatus>(assetStatuses, values.status),
    needsReview: values.review === "1",
    sort: oneOf(sorts, values.sort),
  };
  return { filters, set, clear };
}
