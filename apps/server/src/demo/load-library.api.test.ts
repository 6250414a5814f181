import { readFileSync } from "node:fs";
import { assetTypes } from "@trellis/shared";
import { describe, expect, it } from "vitest";
import { as, createTestApp, login, testEngines } from "../testing/harness.js";
import { loadDemoLibrary } from "./library.js";
import { loadDemoData } from "./load-demo.js";
import { demoPassword } from "./people.js";

interface Listed {
  items: { id: string; title: string; updatedSinceOpened: boolean; contentType: string | null; size: number | null }[];
}

describe.each(testEngines)("demo sales library on %s", (engine) => {
  it("loads once: every asset type, three kits, usage that adds up, and what a rep sees is meant for them", async () => {
    const app = await createTestApp(engine);
    const db = app.ctx.db;
    try {
      await loadDemoData(db);
      expect(await loadDemoLibrary(app.ctx)).toEqual({ loaded: true });

      const assets = await db.selectFrom("assets").selectAll().execute();
      expect(assets.length).toBe(30);
      expect(new Set(assets.map((asset) => asset.type))).toEqual(new Set(assetTypes));
      expect(assets.every((asset) => asset.status === "published" && asset.current_version > 0)).toBe(true);
      const today = new Date().toISOString().slice(0, 10);
      expect(assets.filter((asset) => asset.type === "competitive_data_sheet" && asset.review_by !== null && asset.review_by < today)).toHaveLength(
        1,
      );
      expect((await db.selectFrom("kits").select("title").orderBy("title").execute()).map((kit) => kit.title)).toEqual([
        "Competitive displacement of brand X",
        "Education sector starter",
        "New NVR launch",
      ]);

      // use_count and last_used_at are what insertUsageEvent kept them at: the events' count and latest time.
      const events = await db.selectFrom("asset_events").selectAll().execute();
      expect(events.length).toBeGreaterThan(300);
      for (const asset of assets) {
        const mine = events.filter((event) => event.asset_id === asset.id);
        expect(asset.use_count, asset.title).toBe(mine.length);
        const latest = mine.map((event) => new Date(event.occurred_at).getTime()).sort((a, b) => b - a)[0];
        expect(asset.last_used_at === null ? undefined : new Date(asset.last_used_at).getTime(), asset.title).toBe(latest);
      }
      const quiet = assets.find((asset) => asset.title.includes("AC-C2-DOOR"));
      expect(quiet?.use_count).toBeGreaterThan(0);
      expect(Date.now() - new Date(quiet?.last_used_at ?? 0).getTime()).toBeGreaterThan(90 * 86_400_000);

      const partners = await db.selectFrom("partners").select(["id", "name"]).execute();
      const eventsOf = (name: string) => events.filter((event) => event.partner_id === partners.find((p) => p.name === name)?.id).length;
      expect(eventsOf("Northgate Security Integrators")).toBeGreaterThan(100);
      expect(eventsOf("Vistula Monitoring")).toBeLessThanOrEqual(2);

      const rep = as(app, await login(app, "daniel.cho@northgate.example", demoPassword));
      const listed = await rep.get("/api/v1/library/assets?limit=100");
      expect(listed.statusCode, listed.body).toBe(200);
      const items = (listed.json() as Listed).items;
      const titled = (start: string) => items.find((item) => item.title.startsWith(start));
      expect(titled("Northgate joint marketing plan")).toBeDefined();
      expect(titled("Expo flyer")).toBeUndefined(); // Gulf Shield's own
      expect(titled("Partner price list EMEA")).toBeUndefined(); // another region
      expect(titled("PTZ comparison")).toBeUndefined(); // past its review date, hidden from partners
      expect(titled("Spec sheet: NVR 16 channel")?.updatedSinceOpened).toBe(true);
      expect(titled("Discovery call script")?.updatedSinceOpened).toBe(true);

      // The PDFs' text is in the search index: only version 2 of the NV-16P sheet says 192 W.
      const searched = await rep.get("/api/v1/library/assets?q=192");
      expect((searched.json() as Listed).items.map((item) => item.title)).toContain("Spec sheet: NVR 16 channel PoE, 4 TB (NV-16P-4T)");

      const video = titled("NV series launch teaser");
      const played = await rep.get(`/api/v1/library/assets/${video?.id}/content`);
      expect(played.statusCode).toBe(200);
      expect(played.headers["content-type"]).toBe("video/mp4");
      expect(played.rawPayload.equals(readFileSync(new URL("./files/nvr-launch-teaser.mp4", import.meta.url)))).toBe(true);

      const cobranded = await rep.get(`/api/v1/library/assets/${titled("NV series network video recorders")?.id}/cobranded`);
      expect(cobranded.statusCode, cobranded.body).toBe(200);
      expect(cobranded.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");

      const counts = async () => ({
        assets: (await db.selectFrom("assets").select("id").execute()).length,
        versions: (await db.selectFrom("asset_versions").select("id").execute()).length,
        events: (await db.selectFrom("asset_events").select("id").execute()).length,
        kits: (await db.selectFrom("kits").select("id").execute()).length,
      });
      const before = await counts();
      expect(await loadDemoLibrary(app.ctx)).toEqual({ loaded: false });
      expect(await counts()).toEqual(before);
    } finally {
      await app.close();
    }
  }, 120_000);
});
