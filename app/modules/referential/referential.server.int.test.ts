import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { auditLog, determinants, editions, enrolments, referentialItems, referentials } from "../../../db/schema";
import { seedEditions } from "../../../db/seed/editions";
import { seedReferentials } from "../../../db/seed/referential";
import { referentialItems as seedItems } from "../../../db/seed/referential-data";
import { makeTenant, makeUser } from "../../../db/testing/factories";
import { referentialFixtureCsv, referentialFixtureItems } from "../../../db/testing/referential-fixture";
import { useTestDatabase } from "../../../db/testing/test-database";
import { importAuditAnswers } from "../audits/import.server";
import { createEdition, getEditionWithPrices, updateEdition } from "../editions/admin.server";
import type { EditionValues } from "../editions/edition-schema";
import { completeSiret } from "../tenancy/siret";
import { exportReferentialCsv, getReferentialView, importReferential, listReferentials, publishReferential, type ReferentialImportResult } from "./referential.server";

useTestDatabase();

let adminId: string;

beforeAll(async () => {
  await seedEditions(db());
  await seedReferentials(db());
  adminId = (await makeUser({ email: "admin-referentiel@afnor.example" })).id;
});

async function editionValues(year: number, overrides: Partial<EditionValues> = {}): Promise<EditionValues> {
  const e = (await getEditionWithPrices(year))!;
  return {
    year: e.year,
    number: e.number,
    title: e.title,
    enrolmentOpensOn: e.enrolmentOpensOn,
    enrolmentClosesOn: e.enrolmentClosesOn,
    auditStartsOn: e.auditStartsOn,
    auditEndsOn: e.auditEndsOn,
    publicationOn: e.publicationOn,
    referentialVersion: e.referentialVersion,
    termsVersion: e.termsVersion,
    auditPlan: e.auditPlan,
    onsiteVisitOptional: e.onsiteVisitOptional,
    onsiteVisitPriceCents: e.onsiteVisitPriceCents,
    pricesHtCents: e.pricesHtCents as EditionValues["pricesHtCents"],
    ...overrides,
  };
}

async function referentialOf(year: number) {
  const [row] = await db()
    .select({ referential: referentials })
    .from(referentials)
    .innerJoin(editions, eq(editions.id, referentials.editionId))
    .where(eq(editions.year, year));
  return row?.referential ?? null;
}

async function itemCount(year: number) {
  const referential = await referentialOf(year);
  const [row] = await db().select({ n: sql<number>`count(*)::int` }).from(referentialItems).where(eq(referentialItems.referentialId, referential!.id));
  return row!.n;
}

const run = (year: number, buffer: Buffer, dryRun = false) => importReferential({ editionYear: year, buffer, actorUserId: adminId, dryRun });

function summaryOf(result: ReferentialImportResult) {
  if (!result.ok) throw new Error(`import refusé :\n${result.errors.join("\n")}`);
  const { added, changed, removed, unchanged, lines } = result.summary;
  return { lines, added: added.length, changed: changed.length, removed: removed.length, unchanged };
}

/** The cause PostgreSQL gave for a refused statement (drizzle wraps it). */
async function databaseRefusal(statement: Promise<unknown>) {
  const error = await statement.then(
    () => null,
    (e: Error & { cause?: Error }) => e,
  );
  expect(error, "the database accepted the statement").not.toBeNull();
  return (error!.cause ?? error!).message;
}

describe("a new edition", () => {
  it("gets an editable copy of the previous edition's referential, at its own version", async () => {
    const outcome = await createEdition(adminId, await editionValues(2027, { year: 2028, number: 13, referentialVersion: "2028.1" }));
    expect(outcome.ok).toBe(true);
    const copy = await referentialOf(2028);
    expect(copy).toMatchObject({ version: "2028.1", publishedAt: null });
    expect(await db().select().from(determinants).where(eq(determinants.referentialId, copy!.id))).toHaveLength(20);
    expect(await itemCount(2028)).toBe(seedItems.length);
    // Same content: the export of both editions is the same file.
    expect((await exportReferentialCsv(2028))!.body).toBe((await exportReferentialCsv(2027))!.body);
    const [logged] = await db().select().from(auditLog).where(and(eq(auditLog.action, "edition.created"), eq(auditLog.targetId, outcome.ok ? outcome.edition.id : "")));
    expect(JSON.parse(logged!.details!)).toMatchObject({ year: 2028, referentialCopiedFrom: 2027 });
  });

  it("keeps a draft referential's version in step with the edition's", async () => {
    const e2028 = (await getEditionWithPrices(2028))!;
    expect(await updateEdition(adminId, e2028.id, await editionValues(2028, { referentialVersion: "2028.2" }))).toMatchObject({ ok: true });
    expect((await referentialOf(2028))?.version).toBe("2028.2");
  });
});

describe("importing a referential", () => {
  it("exports and imports again without changing anything (round trip)", async () => {
    const exported = await exportReferentialCsv(2027);
    expect(exported?.filename).toBe("referentiel-2027.csv");
    expect(summaryOf(await run(2027, Buffer.from(exported!.body, "utf8"), true))).toEqual({ lines: seedItems.length, added: 0, changed: 0, removed: 0, unchanged: seedItems.length });
    expect(summaryOf(await run(2027, Buffer.from(exported!.body, "utf8")))).toMatchObject({ added: 0, changed: 0, removed: 0 });
    expect((await exportReferentialCsv(2027))!.body).toBe(exported!.body);
  });

  it("simulates, then loads AFNOR's full 400 items into a draft referential, and again changes nothing", async () => {
    const file = referentialFixtureCsv(referentialFixtureItems(400));
    const expected = { lines: 400, added: 400 - seedItems.length, changed: 0, removed: 0, unchanged: seedItems.length };
    expect(summaryOf(await run(2028, file, true))).toEqual(expected);
    expect(await itemCount(2028)).toBe(seedItems.length);

    const started = performance.now();
    expect(summaryOf(await run(2028, file))).toEqual(expected);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(await itemCount(2028)).toBe(400);
    expect(summaryOf(await run(2028, file))).toEqual({ lines: 400, added: 0, changed: 0, removed: 0, unchanged: 400 });

    const logged = await db().select().from(auditLog).where(eq(auditLog.action, "referential.imported"));
    expect(logged.map((row) => JSON.parse(row.details!))).toContainEqual(expect.objectContaining({ year: 2028, added: 219, changed: 0, removed: 0, unchanged: 181 }));
    const view = await getReferentialView(2028, "courrier");
    expect(view?.itemCount).toBe(400);
    expect(view?.cells.every((cell) => cell.channel === "courrier")).toBe(true);
    expect(view?.cells.map((cell) => cell.stage)).toEqual(["acces", "information_orientation", "traitement"]);
  });

  it("replaces the referential: items missing from the file are removed, edited ones changed", async () => {
    const items = referentialFixtureItems(400);
    const [first, ...rest] = items;
    const edited = rest.map((item) => (item.code === "TEL-ACC-03" ? { ...item, weight: 3, thresholds: [{ upTo: 3, points: 1 }] } : item));
    // Without the first line, every position moves up by one: all remaining items change.
    expect(summaryOf(await run(2028, referentialFixtureCsv(edited)))).toEqual({ lines: 399, added: 0, changed: 399, removed: 1, unchanged: 0 });
    const view = await getReferentialView(2028, "telephone");
    const item = view!.cells.flatMap((cell) => cell.items).find((i) => i.code === "TEL-ACC-03");
    expect(item).toMatchObject({ weight: 3, thresholds: [{ upTo: 3, points: 1 }], position: 2 });
    expect(view!.cells.flatMap((cell) => cell.items).some((i) => i.code === first!.code)).toBe(false);
    expect(summaryOf(await run(2028, referentialFixtureCsv(items)))).toMatchObject({ added: 1, changed: 399, removed: 0 });
  });

  it("imports nothing when a single line is wrong", async () => {
    const lines = referentialFixtureCsv().toString("utf8").split("\r\n");
    lines[250] = lines[250]!.replace(/;(oui_non|echelle|mesure);/, ";booleen;");
    const result = await run(2028, Buffer.from(lines.join("\r\n"), "utf8"));
    expect(result).toEqual({
      ok: false,
      errorCount: 1,
      errors: ["ligne 251, colonne type : « booleen » n'est pas un type de réponse : oui_non, echelle (note de 0 à 4) ou mesure."],
    });
    expect(await itemCount(2028)).toBe(400);
  });

  it("creates the referential, with the 20 standard determinants, of an edition that has none", async () => {
    const created = await createEdition(adminId, await editionValues(2027, { year: 2018, number: 6, referentialVersion: "2018.1", enrolmentOpensOn: "2018-02-01", enrolmentClosesOn: "2018-04-01", auditStartsOn: "2018-05-01", auditEndsOn: "2018-06-30", publicationOn: "2018-11-15" }));
    expect(created.ok).toBe(true);
    expect(await referentialOf(2018)).toBeNull(); // no earlier edition to copy
    expect(summaryOf(await run(2018, referentialFixtureCsv(referentialFixtureItems(50))))).toMatchObject({ added: 50 });
    expect(await referentialOf(2018)).toMatchObject({ version: "2018.1", publishedAt: null });
  });
});

describe("a frozen referential", () => {
  it("refuses imports and a second publication once published, in the module and in the database", async () => {
    const exported = await exportReferentialCsv(2023);
    const published = await run(2023, Buffer.from(exported!.body, "utf8"), true);
    expect(published.ok).toBe(false);
    expect(!published.ok && published.errors[0]).toMatch(/^Le référentiel 2023 est publié depuis le .+ : il est figé et ne peut plus être modifié\./);
    expect(await publishReferential(adminId, 2023)).toMatchObject({ ok: false, message: expect.stringMatching(/^Le référentiel 2023 est déjà publié depuis le /) });

    const referential = await referentialOf(2023);
    const item = referentialFixtureItems(1)[0]!;
    const where = and(eq(referentialItems.referentialId, referential!.id), eq(referentialItems.code, "TEL-ACC-01"));
    expect(await databaseRefusal(db().update(referentialItems).set({ weight: 9 }).where(where))).toMatch(/Référentiel publié : UPDATE refusé sur la table referential_items/);
    expect(await databaseRefusal(db().delete(referentialItems).where(where))).toMatch(/Référentiel publié : DELETE refusé/);
    expect(await databaseRefusal(db().insert(referentialItems).values({ ...item, code: "NOUVEAU-01", referentialId: referential!.id }))).toMatch(/INSERT refusé/);
    expect(await databaseRefusal(db().update(determinants).set({ label: "Autre" }).where(eq(determinants.referentialId, referential!.id)))).toMatch(/table determinants/);
    expect(await databaseRefusal(db().update(referentials).set({ publishedAt: null }).where(eq(referentials.id, referential!.id)))).toMatch(/ni dépublié/);

    // A deleted edition still takes its published referential along (cascade).
    const e2019 = (await getEditionWithPrices(2019))!;
    await db().delete(editions).where(eq(editions.id, e2019.id));
    expect(await referentialOf(2019)).toBeNull();
  });

  it("is published by an admin, once, and then refuses imports", async () => {
    expect(await publishReferential(adminId, 2040)).toBeNull();
    expect(await publishReferential(adminId, 2028)).toEqual({ ok: true, message: "Référentiel 2028 publié : il est désormais figé." });
    expect((await referentialOf(2028))?.publishedAt).toBeInstanceOf(Date);
    const refused = await run(2028, referentialFixtureCsv());
    expect(!refused.ok && refused.errors[0]).toMatch(/^Le référentiel 2028 est publié depuis le /);
    const [logged] = await db().select().from(auditLog).where(eq(auditLog.action, "referential.published"));
    expect(JSON.parse(logged!.details!)).toEqual({ year: 2028, version: "2028.2", items: 400 });

    const e2028 = (await getEditionWithPrices(2028))!;
    expect(await updateEdition(adminId, e2028.id, await editionValues(2028, { referentialVersion: "2028.3" }))).toEqual({
      ok: false,
      fieldErrors: { referentialVersion: ["Le référentiel est publié en version 2028.2 : sa version ne peut plus changer."] },
    });
    const list = await listReferentials();
    expect(list.find((r) => r.year === 2028)).toMatchObject({ hasReferential: true, version: "2028.2", items: 400, determinants: 20 });
    expect(list.find((r) => r.year === 2027)).toMatchObject({ publishedAt: null, items: seedItems.length });
  });

  it("accepts only an identical file once an audit of the edition has an answer", async () => {
    const tenant = await makeTenant({ siret: completeSiret("215404153", "0011") });
    const [e2027] = await db().select().from(editions).where(eq(editions.year, 2027));
    await db().insert(enrolments).values({
      tenantId: tenant.id,
      editionId: e2027!.id,
      status: "paid",
      category: tenant.category,
      basePriceHtCents: 100_000,
      totalHtCents: 100_000,
      vatCents: 20_000,
      totalTtcCents: 120_000,
      paymentPath: "card",
      billingContactName: "Service comptable",
      billingContactEmail: "compta@exemple.fr",
      billingAddress: "1 place de la Mairie, 59000 Lille",
      payerSiret: tenant.siret,
      termsVersion: e2027!.termsVersion,
      termsAcceptedAt: new Date(),
    });
    const answer = "siret;numero_audit;canal;date;code_item;valeur\n" + `${tenant.siret};1;Téléphone;14/05/2027;TEL-ACC-01;oui\n`;
    expect(await importAuditAnswers({ buffer: Buffer.from(answer), editionYear: 2027, actorUserId: adminId, dryRun: false })).toMatchObject({ ok: true });

    const exported = Buffer.from((await exportReferentialCsv(2027))!.body, "utf8");
    expect(summaryOf(await run(2027, exported))).toMatchObject({ added: 0, changed: 0, removed: 0 });
    const changed = await run(2027, referentialFixtureCsv(referentialFixtureItems(182)), true);
    expect(changed).toEqual({
      ok: false,
      errorCount: 1,
      errors: [
        "Des réponses d'audit sont déjà saisies pour l'édition 2027 (1 réponse) : le référentiel ne peut plus être modifié, sinon ces réponses ne correspondraient plus à ses items.",
      ],
    });
    expect((await getReferentialView(2027, null))?.lockedReason).toBe(!changed.ok ? changed.errors[0] : "");
  });
});
