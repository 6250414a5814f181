import { ActionIcon, Fieldset, Group, NumberInput, Select, SimpleGrid, Text, TextInput } from "@mantine/core";
import { type KeyboardEvent, useState } from "react";
import type { Product } from "../../api/types";
import { formatMoney } from "../../lib/format";
import { type LineDraft, maxUnitsPerLine, pasteSerials, patternExample, seenBefore, serialState, withQuantity } from "./claim.form";

interface ClaimLineFieldsProps {
  lines: LineDraft[];
  index: number;
  products: Product[];
  errors: Record<string, string | undefined>;
  onChange: (line: LineDraft) => void;
  onRemove: (() => void) | null;
}

const serialId = (key: string, index: number) => `serial-${key}-${index}`;

const stateMessage = {
  "bad-pattern": "Does not fit this product's serial format",
  duplicate: "Entered twice in this claim",
} as const;

/** One product sold: which, how many, at what net price, and one serial per unit checked as it is typed. */
export function ClaimLineFields({ lines, index, products, errors, onChange, onRemove }: ClaimLineFieldsProps) {
  // A half-typed serial is not wrong yet: it is judged once left, or once it is as long as the format.
  const [left, setLeft] = useState<ReadonlySet<number>>(new Set());
  const line = lines[index];
  if (!line) return null;
  const product = products.find((p) => p.id === line.productId);
  const example = product ? patternExample(product.serialPattern) : null;
  const prefix = `lines.${index}`;

  // A barcode scanner ends each serial with Enter: move on to the next input instead of submitting.
  const nextOnEnter = (event: KeyboardEvent<HTMLInputElement>, position: number) => {
    if (event.key !== "Enter") return;
    const next = document.getElementById(serialId(line.key, position + 1));
    if (!next) return;
    event.preventDefault();
    next.focus();
  };

  return (
    <Fieldset legend={lines.length > 1 ? `Product ${index + 1}` : "Product sold"} variant="filled">
      <Group align="flex-start" gap="sm" wrap="wrap">
        <Select
          label="Product"
          placeholder="Search by name or SKU"
          searchable
          required
          data={products.map((p) => ({ value: p.id, label: `${p.name} (${p.sku})` }))}
          value={line.productId}
          onChange={(productId) => {
            const chosen = products.find((p) => p.id === productId);
            onChange({ ...line, productId, unitPrice: line.unitPrice === "" && chosen ? chosen.listPrice.amountMinor / 100 : line.unitPrice });
          }}
          error={errors[`${prefix}.productId`]}
          nothingFoundMessage="No product by that name"
          style={{ flex: "1 1 18rem" }}
        />
        <NumberInput
          label="Units"
          min={1}
          max={maxUnitsPerLine}
          allowDecimal={false}
          value={line.quantity}
          onChange={(value) => onChange(withQuantity(line, Number(value)))}
          error={errors[`${prefix}.quantity`]}
          w={96}
        />
        <NumberInput
          label={`Net price per unit${product ? ` (${product.listPrice.currency})` : ""}`}
          description={product ? `List price ${formatMoney(product.listPrice)}` : undefined}
          min={0}
          decimalScale={2}
          thousandSeparator=","
          value={line.unitPrice}
          onChange={(value) => onChange({ ...line, unitPrice: value })}
          error={errors[`${prefix}.unitNetAmount`] ?? errors[`${prefix}.unitNetAmount.amountMinor`]}
          w={180}
        />
        {onRemove ? (
          <ActionIcon variant="subtle" color="red" size="lg" mt={26} onClick={onRemove} aria-label={`Remove product ${index + 1}`}>
            ×
          </ActionIcon>
        ) : null}
      </Group>
      <Text size="sm" fw={600} mt="md">
        Serial numbers, one per unit
      </Text>
      <Text size="xs" c="dimmed" mb="xs">
        {product
          ? example
            ? `Format ${example} (# a digit, A a letter, X a letter or digit). `
            : `Pattern ${product.serialPattern}. `
          : "Choose the product first. "}
        Paste or scan several at once; Enter moves to the next.
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
        {line.serials.map((serial, position) => {
          const state = serialState(product, serial, seenBefore(lines, index, position));
          const serverError = errors[`${prefix}.serials.${position}`];
          const judged = left.has(position) || (example !== null && serial.trim().length >= example.length);
          const error =
            state === "duplicate" ? stateMessage.duplicate : state === "bad-pattern" && judged ? stateMessage["bad-pattern"] : serverError;
          return (
            <TextInput
              // biome-ignore lint/suspicious/noArrayIndexKey: a serial input is its unit's position
              key={position}
              id={serialId(line.key, position)}
              label={`Serial ${position + 1}`}
              placeholder={example ?? undefined}
              autoComplete="off"
              spellCheck={false}
              value={serial}
              onChange={(event) => {
                const serials = [...line.serials];
                serials[position] = event.currentTarget.value;
                onChange({ ...line, serials });
              }}
              onPaste={(event) => {
                const text = event.clipboardData.getData("text");
                const filled = pasteSerials(line, position, text);
                if (filled === line) return;
                event.preventDefault();
                onChange(filled);
              }}
              onKeyDown={(event) => nextOnEnter(event, position)}
              onBlur={() => setLeft((current) => new Set(current).add(position))}
              error={error}
              rightSection={
                state === "ok" ? (
                  <Text c="teal.7" fw={700} aria-label="Fits the format">
                    ✓
                  </Text>
                ) : null
              }
              styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
            />
          );
        })}
      </SimpleGrid>
    </Fieldset>
  );
}
