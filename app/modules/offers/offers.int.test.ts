import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { offers, tenants, trainingSessions } from "../../../db/schema";
import { seed } from "../../../db/seed";
import { seedOffers } from "../../../db/seed/offers";
import { inTenant } from "../../../db/tenant-context";
import { useTestDatabase } from "../../../db/testing/test-database";
import type { TenantContext } from "../tenancy/guard.server";
import { offerCodes } from "./ladder";
import { listCatalogue, recommendationFor } from "./offers.server";

useTestDatabase();

async function contextFor(slug: string): Promise<TenantContext> {
  const [tenant] = await db().select().from(tenants).where(eq(tenants.slug, slug));
  if (!tenant) throw new Error(`tenant ${slug} missing`);
  return {
    user: { id: "00000000-0000-0000-0000-000000000000", email: `qualite@${slug}.example`, name: null },
    tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name, category: tenant.category, kind: tenant.kind, certifications: tenant.certifications },
    role: "owner",
  } as unknown as TenantContext;
}

beforeAll(async () => {
  await seed(db());
  await seed(db()); // idempotent: the catalogue is upserted, sessions replaced
}, 240_000);

describe("seeded catalogue", () => {
  it("holds each offer once, in ladder order, and only upcoming sessions", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const training = (await db().select({ id: offers.id }).from(offers).where(eq(offers.code, offerCodes.phoneTraining)))[0]!;
    // A past session must not be listed.
    await db().insert(trainingSessions).values({ offerId: training.id, startsOn: "2020-01-10", endsOn: "2020-01-10", place: "Lyon", seats: 10, seatsTaken: 10 });

    const catalogue = await listCatalogue();
    expect(catalogue.map((o) => o.code)).toEqual(seedOffers.map((o) => o.code));
    const sessions = catalogue.flatMap((o) => o.sessions);
    expect(sessions.length).toBeGreaterThanOrEqual(8);
    expect(sessions.every((s) => s.startsOn >= today)).toBe(true);
    expect(sessions.some((s) => s.seatsLeft === 1)).toBe(true);
    expect(sessions.some((s) => s.remote && s.place === "À distance")).toBe(true);
    expect(catalogue.find((o) => o.code === offerCodes.diagnostic)?.priceHtCents).toBeNull();
    for (const offer of catalogue.filter((o) => o.kind === "formation")) expect(offer.sessions.length).toBeGreaterThanOrEqual(2);
  });

  it("rejects a session with more seats taken than seats", async () => {
    const [offer] = await db().select({ id: offers.id }).from(offers).where(eq(offers.code, offerCodes.writingTraining));
    await expect(db().insert(trainingSessions).values({ offerId: offer!.id, startsOn: "2030-01-10", endsOn: "2030-01-10", place: "Lyon", seats: 10, seatsTaken: 11 })).rejects.toThrow();
  });

  it("is readable in a tenant context (shared reference data)", async () => {
    const ctx = await contextFor("lambersart");
    const rows = await inTenant(db(), ctx.tenant.id, (tx) => tx.select({ code: offers.code }).from(offers));
    expect(rows).toHaveLength(seedOffers.length);
  });
});

describe("recommendationFor", () => {
  it("tells Villeurbanne, labelled Qualivilles, to prepare its renewal with a flash diagnostic", async () => {
    const step = await recommendationFor(await contextFor("villeurbanne"));
    expect(step.step).toBe("diagnostic_flash");
    expect(step.offer?.code).toBe(offerCodes.flash);
    expect(step.reason).toContain("Qualivilles");
    expect(step.reason).toMatch(/\d+,\d\/100/);
  });

  it("gives Lambersart a step of the ladder past the barometer, backed by its figures", async () => {
    const step = await recommendationFor(await contextFor("lambersart"));
    expect(["diagnostic", "formation", "diagnostic_flash", "certification"]).toContain(step.step);
    expect(step.offer?.code).toBe(step.recommendedOfferCode);
    expect(step.reason).toMatch(/\d+,\d\/100/);
  });
});
