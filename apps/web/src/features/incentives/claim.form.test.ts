import { describe, expect, it } from "vitest";
import type { StatementLine } from "../../api/incentives-types";
import type { Product } from "../../api/types";
import { type ClaimDraft, claimProblems, newLine, pasteSerials, patternExample, toClaimInput, withQuantity } from "./claim.form";
import { expiringSoon } from "./expiring";
import { keyKeeper } from "./idempotency";

const nvr: Product = {
  id: "nvr",
  sku: "NV-16P-4T",
  name: "NVR 16 channel PoE, 4 TB",
  familyId: "fam",
  familyName: "Network video recorders",
  description: "",
  listPrice: { amountMinor: 99900, currency: "USD" },
  lifecycle: "active",
  serialPattern: "NV[0-9]{3}-[0-9]{8}",
  hasImage: false,
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:00:00Z",
};

function draft(serials: string[]): ClaimDraft {
  return {
    repId: "me",
    invoiceNumber: "INV-1",
    invoiceDate: "2026-01-05",
    endCustomer: "Harbour Logistics",
    lines: [{ ...withQuantity(newLine(), serials.length), productId: "nvr", unitPrice: 950, serials }],
  };
}

describe("serial patterns", () => {
  it("reads simple patterns as a format a person can follow", () => {
    expect(patternExample("NV[0-9]{3}-[0-9]{8}")).toBe("NV###-########");
    expect(patternExample("VMS-[A-Z0-9]{5}-[A-Z0-9]{5}")).toBe("VMS-XXXXX-XXXXX");
    expect(patternExample("LC[0-9]{2}[A-Z]-[0-9]{7}")).toBe("LC##A-#######");
    expect(patternExample("(AB|CD)[0-9]+")).toBeNull();
  });

  it("fills the inputs from a pasted list and adds units for the rest", () => {
    const line = withQuantity({ ...newLine(), productId: "nvr" }, 2);
    const pasted = pasteSerials(line, 1, "NV111-00000001\nNV111-00000002, NV111-00000003");
    expect(pasted.quantity).toBe(4);
    expect(pasted.serials).toEqual(["", "NV111-00000001", "NV111-00000002", "NV111-00000003"]);
    expect(pasteSerials(line, 0, "NV111-00000001")).toBe(line);
  });

  it("keeps one serial per unit when the units change", () => {
    const line = { ...newLine(), serials: ["a", "b", "c"], quantity: 3 };
    expect(withQuantity(line, 2).serials).toEqual(["a", "b"]);
    expect(withQuantity(line, 4).serials).toEqual(["a", "b", "c", ""]);
    expect(withQuantity(line, 0).quantity).toBe(1);
  });
});

describe("claim problems", () => {
  it("names a serial that does not fit, one entered twice, and one missing, by the API's field path", () => {
    const problems = claimProblems(draft(["NV12-345", "NV123-12345678", "NV123-12345678", ""]), [nvr]);
    expect(problems["lines.0.serials.0"]).toMatch(/format/);
    expect(problems["lines.0.serials.1"]).toBeUndefined();
    expect(problems["lines.0.serials.2"]).toMatch(/twice/);
    expect(problems["lines.0.serials.3"]).toMatch(/Enter/);
  });

  it("refuses a sale date in the future and builds the request from a clean draft", () => {
    const future = { ...draft(["NV123-12345678"]), invoiceDate: "2999-01-01" };
    expect(claimProblems(future, [nvr]).invoiceDate).toMatch(/future/);
    const clean = draft([" NV123-12345678 ", "NV124-12345678"]);
    expect(claimProblems(clean, [nvr])).toEqual({});
    expect(toClaimInput(clean, [nvr], "me")).toEqual({
      invoiceNumber: "INV-1",
      invoiceDate: "2026-01-05",
      endCustomer: "Harbour Logistics",
      lines: [
        { productId: "nvr", quantity: 2, unitNetAmount: { amountMinor: 95000, currency: "USD" }, serials: ["NV123-12345678", "NV124-12345678"] },
      ],
    });
    expect(toClaimInput({ ...clean, repId: "teammate" }, [nvr], "me").repId).toBe("teammate");
  });
});

describe("expiring soon", () => {
  const earned = (at: string, points: number): StatementLine => ({
    entryId: at,
    at,
    account: "available",
    points,
    balanceAfter: 0,
    transactionId: at,
    kind: "claim_approved",
    sourceType: "claim",
    sourceId: at,
    memo: "",
    reason: null,
  });
  const settings = { expiryMonths: 24, expiryWarningDays: 30 };

  it("counts what the balance holds beyond the points earned since the next cutoff", () => {
    // On 20 March 2027 the next expiry is 1 April 2027: points earned before 1 April 2025 go.
    const now = new Date("2027-03-20T12:00:00Z");
    const lines = [earned("2026-01-10T00:00:00Z", 300), earned("2025-04-02T00:00:00Z", 200), earned("2025-03-15T00:00:00Z", 500)];
    expect(expiringSoon(700, lines, settings, now)).toEqual({ points: 200, firstDate: "2027-04-01", byDate: "2027-04-01" });
    // Spent down to what was earned since: nothing old is left.
    expect(expiringSoon(500, lines, settings, now).points).toBe(0);
  });

  it("says nothing while the next expiry day is beyond the warning days", () => {
    const now = new Date("2027-03-01T12:00:00Z");
    expect(expiringSoon(700, [earned("2025-03-15T00:00:00Z", 700)], settings, now)).toEqual({ points: 0, firstDate: null, byDate: null });
  });
});

describe("idempotency keys", () => {
  it("keeps the key across retries of one action and changes it for another action or after success", () => {
    const keys = keyKeeper();
    const first = keys.keyFor("/rewards/redemptions", { rewardId: "r1", quantity: 1 });
    expect(keys.keyFor("/rewards/redemptions", { rewardId: "r1", quantity: 1 })).toBe(first);
    const other = keys.keyFor("/rewards/redemptions", { rewardId: "r1", quantity: 2 });
    expect(other).not.toBe(first);
    keys.settled();
    expect(keys.keyFor("/rewards/redemptions", { rewardId: "r1", quantity: 2 })).not.toBe(other);
  });
});
