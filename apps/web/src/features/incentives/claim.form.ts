import type { ClaimInput } from "../../api/incentives-types";
import type { Product } from "../../api/types";
import { toMinor } from "../../lib/format";
import { checkSerial } from "../products/products.api";

export const maxUnitsPerLine = 100;

export interface LineDraft {
  key: string;
  productId: string | null;
  quantity: number;
  /** Whole currency units as typed. */
  unitPrice: number | string;
  serials: string[];
}

export interface ClaimDraft {
  repId: string | null;
  invoiceNumber: string;
  invoiceDate: string;
  endCustomer: string;
  lines: LineDraft[];
}

export function newLine(): LineDraft {
  return { key: crypto.randomUUID(), productId: null, quantity: 1, unitPrice: "", serials: [""] };
}

/** Keeps one serial input per unit: more units add empty inputs, fewer drop the last ones. */
export function withQuantity(line: LineDraft, quantity: number): LineDraft {
  const units = Math.max(1, Math.min(maxUnitsPerLine, Math.trunc(quantity) || 1));
  const serials = line.serials.slice(0, units);
  while (serials.length < units) serials.push("");
  return { ...line, quantity: units, serials };
}

/**
 * Pasting or scanning several serials into one input (separated by new lines, commas, semicolons
 * or spaces) fills it and the inputs after it, adding units when there are more serials than inputs.
 */
export function pasteSerials(line: LineDraft, index: number, text: string): LineDraft {
  const found = text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter(Boolean);
  if (found.length <= 1) return line;
  const grown = withQuantity(line, Math.max(line.quantity, index + found.length));
  const serials = [...grown.serials];
  found.slice(0, serials.length - index).forEach((serial, offset) => {
    serials[index + offset] = serial;
  });
  return { ...grown, serials };
}

/**
 * A readable example of a serial pattern when it is made of literals and simple classes:
 * "NV[0-9]{3}-[0-9]{8}" -> "NV###-########" (# a digit, A a letter, X a letter or digit). Null otherwise.
 */
export function patternExample(pattern: string): string | null {
  const classes: Record<string, string> = { "[0-9]": "#", "\\d": "#", "[A-Z]": "A", "[A-Z0-9]": "X", "[0-9A-Z]": "X" };
  let out = "";
  let rest = pattern;
  while (rest.length > 0) {
    const klass = Object.keys(classes).find((name) => rest.startsWith(name));
    if (klass) {
      rest = rest.slice(klass.length);
      const count = /^\{(\d+)\}/.exec(rest);
      const times = count ? Number(count[1]) : 1;
      if (count) rest = rest.slice(count[0].length);
      out += (classes[klass] ?? "").repeat(times);
      continue;
    }
    const literal = /^[A-Za-z0-9_\- ]/.exec(rest) ?? /^\\([.\-/])/.exec(rest);
    if (!literal) return null;
    out += literal[1] ?? literal[0];
    rest = rest.slice(literal[0].length);
  }
  return out || null;
}

export type SerialState = "empty" | "ok" | "bad-pattern" | "duplicate";

/** The state of one serial as the rep types it: its product's pattern and no repeat within the claim. */
export function serialState(product: Product | undefined, serial: string, seenBefore: boolean): SerialState {
  const value = serial.trim();
  if (!value) return "empty";
  if (product && checkSerial(product.serialPattern, value) === "no-match") return "bad-pattern";
  if (seenBefore) return "duplicate";
  return "ok";
}

/** "productId|serial" of every serial entered before position (line, index): repeats are flagged where they repeat. */
export function seenBefore(lines: LineDraft[], lineIndex: number, index: number): boolean {
  const line = lines[lineIndex];
  const value = line?.serials[index]?.trim();
  if (!line || !value) return false;
  return lines.some(
    (other, i) =>
      i <= lineIndex && other.productId === line.productId && other.serials.some((s, j) => (i < lineIndex || j < index) && s.trim() === value),
  );
}

/** Problems the server would name, found before sending; keys as the API's field paths. */
export function claimProblems(draft: ClaimDraft, products: Product[]): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!draft.invoiceNumber.trim()) problems.invoiceNumber = "Enter the invoice number";
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.invoiceDate)) problems.invoiceDate = "Enter the invoice date";
  else if (draft.invoiceDate > new Date().toISOString().slice(0, 10)) problems.invoiceDate = "The sale date cannot be in the future";
  if (!draft.endCustomer.trim()) problems.endCustomer = "Enter the end customer";
  draft.lines.forEach((line, i) => {
    const product = products.find((p) => p.id === line.productId);
    if (!product) problems[`lines.${i}.productId`] = "Choose the product sold";
    if (line.unitPrice === "" || Number(line.unitPrice) < 0) problems[`lines.${i}.unitNetAmount`] = "Enter the net price of one unit";
    line.serials.forEach((serial, j) => {
      const state = serialState(product, serial, seenBefore(draft.lines, i, j));
      if (state === "empty") problems[`lines.${i}.serials.${j}`] = "Enter the serial number";
      if (state === "bad-pattern") problems[`lines.${i}.serials.${j}`] = "Does not fit this product's serial format";
      if (state === "duplicate") problems[`lines.${i}.serials.${j}`] = "Entered twice in this claim";
    });
  });
  return problems;
}

export function toClaimInput(draft: ClaimDraft, products: Product[], selfId: string): ClaimInput {
  return {
    ...(draft.repId && draft.repId !== selfId ? { repId: draft.repId } : {}),
    invoiceNumber: draft.invoiceNumber.trim(),
    invoiceDate: draft.invoiceDate,
    endCustomer: draft.endCustomer.trim(),
    lines: draft.lines.map((line) => {
      const product = products.find((p) => p.id === line.productId);
      return {
        productId: line.productId ?? "",
        quantity: line.serials.length,
        unitNetAmount: { amountMinor: toMinor(line.unitPrice), currency: product?.listPrice.currency ?? "EUR" },
        serials: line.serials.map((serial) => serial.trim()),
      };
    }),
  };
}
