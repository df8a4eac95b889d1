import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { auditLog, editionPrices, editions, enrolments } from "../../../db/schema";
import { seedEditions } from "../../../db/seed/editions";
import { makeTenant, makeUser } from "../../../db/testing/factories";
import { useTestDatabase } from "../../../db/testing/test-database";
import { barometerCategories } from "../tenancy/categories";
import { createEdition, getEditionWithPrices, setEditionStatus, updateEdition } from "./admin.server";
import type { EditionValues } from "./edition-schema";

useTestDatabase();

let adminId: string;

beforeAll(async () => {
  await seedEditions(db());
  adminId = (await makeUser({ email: "admin-editions@afnor.example" })).id;
});

function edition(year: number, overrides: Partial<EditionValues> = {}): EditionValues {
  return {
    year,
    number: year - 2015,
    title: `Baromètre Expérience Citoyen ${year}`,
    enrolmentOpensOn: `${year}-01-15`,
    enrolmentClosesOn: `${year}-04-15`,
    auditStartsOn: `${year}-05-01`,
    auditEndsOn: `${year}-06-30`,
    publicationOn: `${year}-11-15`,
    referentialVersion: `${year}.1`,
    termsVersion: `CGV-${year}-01`,
    auditPlan: { telephone: 4, courriel: 3, courrier: 1, site: 2, reseaux_sociaux: 2, accueil_physique: 1 },
    onsiteVisitOptional: true,
    onsiteVisitPriceCents: 45_000,
    pricesHtCents: Object.fromEntries(barometerCategories.map((category) => [category, 150_000])) as EditionValues["pricesHtCents"],
    ...overrides,
  };
}

async function auditRows(targetId: string) {
  return db().select().from(auditLog).where(eq(auditLog.targetId, targetId)).orderBy(auditLog.createdAt);
}

describe("staff edition admin", () => {
  it("creates the 2028 edition in draft with its price grid, and logs it", async () => {
    const outcome = await createEdition(adminId, edition(2028, { pricesHtCents: { ...edition(2028).pricesHtCents, region: 510_050 } }));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.edition).toMatchObject({ year: 2028, number: 13, status: "draft", onsiteVisitPriceCents: 45_000 });
    const saved = await getEditionWithPrices(2028);
    expect(saved?.auditPlan).toEqual(edition(2028).auditPlan);
    expect(saved?.pricesHtCents).toMatchObject({ region: 510_050, commune_moins_20000: 150_000 });
    expect(Object.keys(saved?.pricesHtCents ?? {})).toHaveLength(barometerCategories.length);
    const [logged] = await auditRows(outcome.edition.id);
    expect(logged).toMatchObject({ tenantId: null, actorUserId: adminId, action: "edition.created", targetType: "edition" });
    expect(JSON.parse(logged!.details!)).toMatchObject({ year: 2028 });
  });

  it("refuses a second edition for the same year, on the year field", async () => {
    expect(await createEdition(adminId, edition(2027))).toEqual({ ok: false, fieldErrors: { year: ["Une édition existe déjà pour cette année."] } });
    expect(await db().select().from(editions).where(eq(editions.year, 2027))).toHaveLength(1);
  });

  it("refuses a plan that does not total 13 audits and a calendar out of order, writing nothing", async () => {
    const plan = { telephone: 4, courriel: 3, courrier: 1, site: 2, reseaux_sociaux: 1, accueil_physique: 1 };
    expect(await createEdition(adminId, edition(2029, { auditPlan: plan }))).toEqual({
      ok: false,
      fieldErrors: { auditPlan: ["Le plan d'audit doit totaliser exactement 13 audits (il en compte 12)."] },
    });
    expect(await createEdition(adminId, edition(2029, { auditStartsOn: "2029-04-01", auditEndsOn: "2029-03-01" }))).toEqual({
      ok: false,
      fieldErrors: {
        auditStartsOn: ["Les audits commencent après la clôture des inscriptions."],
        auditEndsOn: ["La fin des audits ne peut pas précéder leur début."],
      },
    });
    expect(await getEditionWithPrices(2029)).toBeNull();
  });

  it("refuses to move an edition onto a year already taken", async () => {
    const e2028 = (await getEditionWithPrices(2028))!;
    expect(await updateEdition(adminId, e2028.id, edition(2027))).toEqual({ ok: false, fieldErrors: { year: ["Une édition existe déjà pour cette année."] } });
    expect((await getEditionWithPrices(2028))?.id).toBe(e2028.id);
  });

  it("opens 2028 only once 2027 is closed", async () => {
    const e2027 = (await getEditionWithPrices(2027))!;
    const e2028 = (await getEditionWithPrices(2028))!;
    expect(e2027.status).toBe("open");
    expect(await setEditionStatus(adminId, e2028.id, "open")).toEqual({
      ok: false,
      message: "Les inscriptions à l'édition 2027 sont encore ouvertes : fermez-les avant d'ouvrir l'édition 2028.",
    });
    expect((await getEditionWithPrices(2028))?.status).toBe("draft");

    expect(await setEditionStatus(adminId, e2027.id, "closed")).toMatchObject({ ok: true, edition: { status: "closed" } });
    expect(await setEditionStatus(adminId, e2028.id, "open")).toMatchObject({ ok: true, edition: { status: "open" } });
    expect((await auditRows(e2027.id)).map((row) => row.action)).toEqual(["edition.closed"]);
    const opened = (await auditRows(e2028.id)).find((row) => row.action === "edition.opened");
    expect(JSON.parse(opened!.details!)).toEqual({ year: 2028, from: "draft", to: "open" });

    // Back to the demo state for the next tests.
    expect(await setEditionStatus(adminId, e2028.id, "closed")).toMatchObject({ ok: true });
    expect(await setEditionStatus(adminId, e2027.id, "open")).toMatchObject({ ok: true });
  });

  it("keeps a single open edition when two admins open two editions at the same moment", async () => {
    const e2027 = (await getEditionWithPrices(2027))!;
    await setEditionStatus(adminId, e2027.id, "closed");
    const created = await Promise.all([createEdition(adminId, edition(2030)), createEdition(adminId, edition(2031))]);
    const ids = created.map((outcome) => (outcome.ok ? outcome.edition.id : ""));
    const outcomes = await Promise.all(ids.map((id) => setEditionStatus(adminId, id, "open")));
    expect(outcomes.filter((outcome) => outcome?.ok)).toHaveLength(1);
    expect(await db().select().from(editions).where(eq(editions.status, "open"))).toHaveLength(1);

    for (const id of ids) await setEditionStatus(adminId, id, "closed");
    expect(await setEditionStatus(adminId, e2027.id, "open")).toMatchObject({ ok: true });
  });

  it("changes the price grid without repricing an enrolment already priced", async () => {
    const e2027 = (await getEditionWithPrices(2027))!;
    const tenant = await makeTenant({ category: "commune_moins_20000" });
    const frozen = e2027.pricesHtCents.commune_moins_20000!;
    await db()
      .insert(enrolments)
      .values({
        tenantId: tenant.id,
        editionId: e2027.id,
        status: "awaiting_payment",
        category: "commune_moins_20000",
        basePriceHtCents: frozen,
        totalHtCents: frozen,
        vatCents: frozen / 5,
        totalTtcCents: frozen + frozen / 5,
        paymentPath: "invoice",
        billingContactName: "Service finances",
        billingContactEmail: "finances@exemple.fr",
        billingAddress: "1 place de la Mairie, 59000 Commune",
        payerSiret: tenant.siret,
        termsVersion: e2027.termsVersion,
        termsAcceptedAt: new Date(),
      });

    const values = edition(2027, {
      number: e2027.number,
      title: e2027.title,
      enrolmentOpensOn: e2027.enrolmentOpensOn,
      enrolmentClosesOn: e2027.enrolmentClosesOn,
      auditStartsOn: e2027.auditStartsOn,
      auditEndsOn: e2027.auditEndsOn,
      publicationOn: e2027.publicationOn,
      referentialVersion: e2027.referentialVersion,
      termsVersion: e2027.termsVersion,
      pricesHtCents: { ...(e2027.pricesHtCents as EditionValues["pricesHtCents"]), commune_moins_20000: frozen + 10_000 },
    });
    const outcome = await updateEdition(adminId, e2027.id, values);
    expect(outcome?.ok).toBe(true);

    const [price] = await db()
      .select()
      .from(editionPrices)
      .where(and(eq(editionPrices.editionId, e2027.id), eq(editionPrices.category, "commune_moins_20000")));
    expect(price?.priceHtCents).toBe(frozen + 10_000);
    const [enrolment] = await db().select().from(enrolments).where(eq(enrolments.tenantId, tenant.id));
    expect(enrolment).toMatchObject({ basePriceHtCents: frozen, totalHtCents: frozen, totalTtcCents: frozen + frozen / 5 });

    const updated = (await auditRows(e2027.id)).filter((row) => row.action === "edition.updated");
    expect(updated).toHaveLength(1);
    expect(JSON.parse(updated[0]!.details!).changes).toMatchObject({ "prix.commune_moins_20000": { from: frozen, to: frozen + 10_000 } });
  });

  it("answers null for an edition that does not exist", async () => {
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect(await updateEdition(adminId, unknown, edition(2040))).toBeNull();
    expect(await setEditionStatus(adminId, unknown, "open")).toBeNull();
    expect(await getEditionWithPrices(1999)).toBeNull();
  });
});
