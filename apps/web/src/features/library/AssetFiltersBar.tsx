import { Checkbox, Select, SimpleGrid, TextInput } from "@mantine/core";
import { assetStatuses } from "@trellis/shared";
import type { AssetFilters } from "./library.api";
import { useProductOptions } from "./library.api";
import { marketOptions, statusLabels, typeOptions } from "./library.labels";

interface AssetFiltersBarProps {
  filters: AssetFilters;
  /** What is typed; the list follows it after a short pause. */
  search: string;
  onSearch: (value: string) => void;
  set: (changes: Partial<Record<"type" | "productId" | "market" | "status" | "review" | "sort", string | null>>) => void;
  vendor: boolean;
}

export function AssetFiltersBar({ filters, search, onSearch, set, vendor }: AssetFiltersBarProps) {
  const products = useProductOptions();
  const searching = search.trim() !== "";
  const sortOptions = [
    { value: "relevance", label: "Best match", disabled: !searching },
    { value: "newest", label: "Newest" },
    { value: "most_used", label: "Most used" },
    { value: "title", label: "Title A–Z" },
  ];
  const sort = filters.sort === "relevance" && !searching ? null : filters.sort;
  return (
    <search>
      <TextInput
        label="Search sales tools"
        placeholder="Title, summary, tag or words inside a PDF"
        type="search"
        maw={640}
        mb="xs"
        value={search}
        onChange={(event) => onSearch(event.currentTarget.value)}
      />
      <SimpleGrid cols={{ base: 2, md: vendor ? 5 : 4 }} spacing="xs">
        <Select label="Type" placeholder="Any type" clearable data={typeOptions} value={filters.type} onChange={(value) => set({ type: value })} />
        <Select
          label="Product"
          placeholder="Any product"
          clearable
          searchable
          nothingFoundMessage="No product by that name"
          data={products.data ?? []}
          value={filters.productId}
          onChange={(value) => set({ productId: value })}
        />
        <Select
          label="Market"
          placeholder="Any market"
          clearable
          data={marketOptions}
          value={filters.market}
          onChange={(value) => set({ market: value })}
        />
        <Select
          label="Sort"
          data={sortOptions}
          allowDeselect={false}
          value={sort ?? (searching ? "relevance" : "newest")}
          onChange={(value) => set({ sort: value })}
        />
        {vendor ? (
          <Select
            label="Status"
            placeholder="Any status"
            clearable
            data={assetStatuses.map((value) => ({ value, label: statusLabels[value] }))}
            value={filters.status}
            onChange={(value) => set({ status: value })}
          />
        ) : null}
      </SimpleGrid>
      {vendor ? (
        <Checkbox
          mt="sm"
          label="Only assets that need review (past their review-by date)"
          checked={filters.needsReview}
          onChange={(event) => set({ review: event.currentTarget.checked ? "1" : null })}
        />
      ) : null}
    </search>
  );
}
