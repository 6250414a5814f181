import { MultiSelect, Paper, Stack, TagsInput, Text } from "@mantine/core";
import type { Product } from "../../api/types";
import { serialMatches } from "./support.format";

export interface ChosenProduct {
  productId: string;
  serials: string[];
}

interface TicketProductsFieldProps {
  products: Product[];
  loading: boolean;
  value: ChosenProduct[];
  onChange: (value: ChosenProduct[]) => void;
  /** Server messages by product index (e.g. from "products.0.serials.1"). */
  serverErrors: Record<number, string | undefined>;
}

/** The serials of a chosen product that do not match its pattern, as the server would reject them. */
export function invalidSerials(product: Product | undefined, serials: string[]): string[] {
  if (!product) return [];
  return serials.filter((serial) => !serialMatches(product.serialPattern, serial));
}

function serialError(product: Product | undefined, serials: string[], server: string | undefined): string | undefined {
  const wrong = invalidSerials(product, serials);
  if (wrong.length === 0) return server;
  const list = wrong.map((serial) => `“${serial}”`).join(", ");
  return `${list} ${wrong.length === 1 ? "does" : "do"} not match the serial format of ${product?.name ?? "this product"}`;
}

/** Products concerned (several), each with its units' serial numbers, checked as they are typed. */
export function TicketProductsField({ products, loading, value, onChange, serverErrors }: TicketProductsFieldProps) {
  const byId = new Map(products.map((product) => [product.id, product]));
  const chosenIds = value.map((item) => item.productId);

  const choose = (ids: string[]) => {
    const kept = new Map(value.map((item) => [item.productId, item]));
    onChange(ids.map((id) => kept.get(id) ?? { productId: id, serials: [] }));
  };

  const setSerials = (productId: string, serials: string[]) => {
    // People paste lists: split on commas, spaces and new lines, and keep each serial once.
    const cleaned = [...new Set(serials.flatMap((serial) => serial.split(/[\s,;]+/)).filter(Boolean))];
    onChange(value.map((item) => (item.productId === productId ? { ...item, serials: cleaned } : item)));
  };

  return (
    <Stack gap="xs">
      <MultiSelect
        label="Products"
        description="The products concerned; add the serial numbers of the affected units below each."
        placeholder={chosenIds.length ? undefined : loading ? "Loading products…" : "Pick products"}
        searchable
        clearable
        data={products.map((product) => ({ value: product.id, label: `${product.name} (${product.sku})` }))}
        value={chosenIds}
        onChange={choose}
        nothingFoundMessage="No product by that name"
        maxValues={20}
        hidePickedOptions
      />
      {value.map((item, index) => {
        const product = byId.get(item.productId);
        return (
          <Paper key={item.productId} withBorder p="sm" radius="md">
            <TagsInput
              label={`Serial numbers: ${product ? `${product.name} (${product.sku})` : "product"}`}
              description={
                product ? (
                  <>
                    Press Enter after each serial, or paste a list. Format:{" "}
                    <Text span ff="monospace" size="xs">
                      {product.serialPattern}
                    </Text>
                  </>
                ) : undefined
              }
              placeholder={item.serials.length ? undefined : "e.g. the label on the unit"}
              value={item.serials}
              onChange={(serials) => setSerials(item.productId, serials)}
              error={serialError(product, item.serials, serverErrors[index])}
              maxTags={50}
              clearable
              splitChars={[",", " ", ";"]}
            />
          </Paper>
        );
      })}
    </Stack>
  );
}
