import { Avatar, Button, Group, Select, SimpleGrid, Stack, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { type ProductLifecycle, productLifecycles } from "@trellis/shared";
import { lazy, Suspense, useState } from "react";
import type { Product } from "../../api/types";
import { useCan } from "../../auth/session";
import { LifecycleBadge } from "../../components/Badges";
import { Empty } from "../../components/Empty";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadMore } from "../../components/LoadMore";
import { TableSkeleton } from "../../components/Skeletons";
import { DataTable } from "../../components/TableScroll";
import { formatMoney, humanize } from "../../lib/format";
import { useSearchState } from "../../lib/useSearchState";
import { imageUrl, type ProductFilters, type ProductSort, useFamilies, useProducts } from "./products.api";

// The library's code loads only when someone asks for a product's sales tools.
const ProductSalesTools = lazy(async () => ({ default: (await import("../library/ProductSalesTools")).ProductSalesTools }));

const sortOptions: { value: ProductSort; label: string }[] = [
  { value: "name", label: "Name A–Z" },
  { value: "-name", label: "Name Z–A" },
  { value: "sku", label: "SKU" },
  { value: "price", label: "Price, low to high" },
  { value: "-price", label: "Price, high to low" },
  { value: "-updatedAt", label: "Recently changed" },
];

interface ProductCatalogProps {
  /** Vendor side: lifecycle filter and edit buttons. Partners see active products only. */
  vendor: boolean;
  onEdit?: (product: Product) => void;
  emptyHint: string;
  onFilters?: (filters: ProductFilters) => void;
}

export function useProductFilters() {
  const { values, set, clear } = useSearchState(["q", "familyId", "lifecycle", "sort"] as const);
  const filters: ProductFilters = {
    q: values.q ?? "",
    familyId: values.familyId,
    lifecycle: productLifecycles.includes(values.lifecycle as ProductLifecycle) ? (values.lifecycle as ProductLifecycle) : null,
    sort: sortOptions.some((option) => option.value === values.sort) ? (values.sort as ProductSort) : "name",
  };
  return { filters, set, clear };
}

export function ProductCatalog({ vendor, onEdit, emptyHint }: ProductCatalogProps) {
  const { filters, set, clear } = useProductFilters();
  const [search, setSearch] = useState(filters.q);
  const [q] = useDebouncedValue(search, 300);
  const products = useProducts({ ...filters, q });
  const families = useFamilies();
  const filtered = Boolean(q || filters.familyId || filters.lifecycle);
  const canSeeSalesTools = useCan("library:read");
  const [salesToolsOf, setSalesToolsOf] = useState<Product | null>(null);
  const withActions = Boolean(onEdit) || canSeeSalesTools;

  return (
    <Stack>
      <search>
        <SimpleGrid cols={{ base: 2, md: vendor ? 4 : 3 }} spacing="xs">
          <TextInput
            label="Search"
            placeholder="SKU, name or description"
            value={search}
            onChange={(event) => {
              setSearch(event.currentTarget.value);
              set({ q: event.currentTarget.value.trim() || null });
            }}
          />
          <Select
            label="Family"
            placeholder="All families"
            clearable
            data={(families.data ?? []).map((family) => ({ value: family.id, label: `${family.name} (${family.productCount})` }))}
            value={filters.familyId}
            onChange={(value) => set({ familyId: value })}
          />
          {vendor ? (
            <Select
              label="Lifecycle"
              placeholder="Any lifecycle"
              clearable
              data={productLifecycles.map((value) => ({ value, label: humanize(value) }))}
              value={filters.lifecycle}
              onChange={(value) => set({ lifecycle: value })}
            />
          ) : null}
          <Select
            label="Sort"
            data={sortOptions}
            allowDeselect={false}
            value={filters.sort}
            onChange={(value) => set({ sort: value === "name" ? null : value })}
          />
        </SimpleGrid>
      </search>
      {products.isPending ? (
        <TableSkeleton />
      ) : products.isError ? (
        <ErrorAlert error={products.error} onRetry={() => void products.refetch()} />
      ) : products.items.length === 0 ? (
        <Empty
          title={filtered ? "No products match" : "No products yet"}
          actions={
            filtered ? (
              <Button
                variant="default"
                onClick={() => {
                  setSearch("");
                  clear();
                }}
              >
                Clear filters
              </Button>
            ) : null
          }
        >
          {filtered ? "Try another search or family." : emptyHint}
        </Empty>
      ) : (
        <Stack gap={0}>
          <DataTable minWidth={720}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Product</Table.Th>
                <Table.Th>SKU</Table.Th>
                <Table.Th>Family</Table.Th>
                <Table.Th ta="right">List price</Table.Th>
                {vendor ? <Table.Th>Lifecycle</Table.Th> : null}
                {withActions ? (
                  <Table.Th>
                    <span className="sr-only">Actions</span>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {products.items.map((product) => (
                <Table.Tr key={product.id}>
                  <Table.Td>
                    <Group gap="sm" wrap="nowrap">
                      <Avatar src={product.hasImage ? imageUrl(product) : null} alt="" size={36} radius="sm">
                        {product.sku.slice(0, 2)}
                      </Avatar>
                      <div>
                        <Text size="sm" fw={600}>
                          {product.name}
                        </Text>
                        {product.description ? (
                          <Text size="xs" c="dimmed" lineClamp={1}>
                            {product.description}
                          </Text>
                        ) : null}
                      </div>
                    </Group>
                  </Table.Td>
                  <Table.Td ff="monospace">{product.sku}</Table.Td>
                  <Table.Td>{product.familyName}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                    {formatMoney(product.listPrice)}
                  </Table.Td>
                  {vendor ? (
                    <Table.Td>
                      <LifecycleBadge lifecycle={product.lifecycle} />
                    </Table.Td>
                  ) : null}
                  {withActions ? (
                    <Table.Td ta="right">
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        {canSeeSalesTools ? (
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            onClick={() => setSalesToolsOf(product)}
                            aria-label={`Sales tools for ${product.sku}`}
                          >
                            Sales tools
                          </Button>
                        ) : null}
                        {onEdit ? (
                          <Button size="compact-sm" variant="subtle" onClick={() => onEdit(product)} aria-label={`Edit ${product.sku}`}>
                            Edit
                          </Button>
                        ) : null}
                      </Group>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </DataTable>
          <LoadMore {...products} shown={products.items.length} />
        </Stack>
      )}
      {salesToolsOf ? (
        <Suspense fallback={null}>
          <ProductSalesTools product={salesToolsOf} onClose={() => setSalesToolsOf(null)} />
        </Suspense>
      ) : null}
    </Stack>
  );
}
