import { roles } from "@trellis/shared";
import { describe, expect, it } from "vitest";
import { migrateToLatest } from "../db/migrate.js";
import { createTestDatabase, testEngines } from "../testing/harness.js";
import { demoFamilies } from "./catalog.js";
import { loadDemoData } from "./load-demo.js";

describe.each(testEngines)("demo data on %s", (engine) => {
  it("loads once, idempotently, with every role, about 40 products and a dozen resellers", async () => {
    const database = await createTestDatabase(engine);
    const db = database.handle.db;
    try {
      await migrateToLatest(db);
      expect(await loadDemoData(db)).toEqual({ loaded: true });
      const count = async (table: "partners" | "products" | "users" | "applications" | "audit_log") =>
        Number(
          (
            await db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = {
        partners: await count("partners"),
        products: await count("products"),
        users: await count("users"),
        audit: await count("audit_log"),
      };
      expect(before.partners).toBe(12);
      expect(before.products).toBe(40);
      expect(await count("applications")).toBe(3);

      expect(await loadDemoData(db)).toEqual({ loaded: false });
      expect({
        partners: await count("partners"),
        products: await count("products"),
        users: await count("users"),
        audit: await count("audit_log"),
      }).toEqual(before);

      const userRoles = new Set((await db.selectFrom("users").select("role").execute()).map((r) => r.role));
      expect([...userRoles].sort()).toEqual([...roles].sort());
    } finally {
      await database.handle.close();
      await database.drop();
    }
  });
});

describe("demo catalog", () => {
  it("gives every family a serial pattern that its sample serials would match", () => {
    const samples: Record<string, string> = {
      "IP cameras": "LC22D-1234567",
      "Network video recorders": "NV123-12345678",
      "Video management software": "VMS-AB12C-3DE45-F6G78",
      "Access control": "AC10-123456",
      Accessories: "AX12345678",
    };
    for (const family of demoFamilies) {
      expect(new RegExp(`^(?:${family.serialPattern})$`).test(samples[family.name] ?? ""), family.name).toBe(true);
    }
  });
});
