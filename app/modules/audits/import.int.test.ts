import { and, eq, sql } from "drizzle-orm";
import iconv from "iconv-lite";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { auditAnswers, auditLog, audits, editions, enrolments, tenants } from "../../../db/schema";
import { seedEditions } from "../../../db/seed/editions";
import { seedReferentials } from "../../../db/seed/referential";
import { makeTenant, makeUser } from "../../../db/testing/factories";
import { useTestDatabase } from "../../../db/testing/test-database";
import { completeSiret, formatSiret } from "../tenancy/siret";
import { planAudits } from "./audits.server";
import { importAuditAnswers, lockImportedStructures, type ImportResult } from "./import.server";

useTestDatabase();

type Tenant = typeof tenants.$inferSelect;
let actorId: string;
let enrolled: Tenant;
let other: Tenant;
let notEnrolled: Tenant;
let drafted: Tenant;

async function enrol(tenant: Tenant, year: number, status = "paid") {
  const [edition] = await db().select().from(editions).where(eq(editions.year, year));
  await db()
    .insert(enrolments)
    .values({
      tenantId: tenant.id,
      editionId: edition!.id,
      status,
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
      termsVersion: "CGV-2027-01",
      termsAcceptedAt: new Date(),
    });
}

beforeAll(async () => {
  await seedEditions(db());
  await seedReferentials(db());
  actorId = (await makeUser()).id;
  enrolled = await makeTenant({ siret: completeSiret("215404153", "0001") });
  other = await makeTenant({ siret: completeSiret("215404153", "0002") });
  notEnrolled = await makeTenant({ siret: completeSiret("215404153", "0003") });
  await enrol(enrolled, 2027);
  await enrol(other, 2027, "in_audit");
  drafted = await makeTenant({ siret: completeSiret("215404153", "0004") });
  await enrol(drafted, 2027, "draft");
});

const header = "siret;numero_audit;canal;date;code_item;valeur;commentaire";
const run = (csv: string | Buffer, dryRun = false) =>
  importAuditAnswers({ buffer: typeof csv === "string" ? Buffer.from(csv, "utf8") : csv, editionYear: 2027, actorUserId: actorId, dryRun });

async function answersOf(tenantId: string) {
  return db()
    .select({
      number: audits.number,
      itemCode: auditAnswers.itemCode,
      value: auditAnswers.value,
      measuredValue: auditAnswers.measuredValue,
      comment: auditAnswers.comment,
    })
    .from(auditAnswers)
    .innerJoin(audits, and(eq(audits.tenantId, auditAnswers.tenantId), eq(audits.id, auditAnswers.auditId)))
    .where(eq(auditAnswers.tenantId, tenantId))
    .orderBy(audits.number, auditAnswers.itemCode);
}

function expectSummary(result: ImportResult) {
  if (!result.ok) throw new Error(`import refusé :\n${result.errors.join("\n")}`);
  return result.summary;
}

describe("all or nothing", () => {
  // The SIRET written the way people type it (spaces), the channel by its French label.
  const lines = (value: string) => [
    header,
    `${formatSiret(enrolled.siret)};1;Téléphone;12/05/2027;TEL-ACC-01;oui;Décroché rapidement`,
    `${enrolled.siret};1;Téléphone;12/05/2027;TEL-ACC-02;${value};`,
    `${enrolled.siret};1;telephone;12/05/2027;TEL-ACC-03;3;`,
    `${enrolled.siret};5;Courriel;20/05/2027;MEL-ACC-01;non;Pas d'accusé de réception`,
  ];

  it("imports nothing when one line is wrong, and names its line and column", async () => {
    const result = await run(lines("peut-être").join("\n"));
    expect(result).toEqual({
      ok: false,
      errors: ["ligne 3, colonne valeur : « peut-être » n'est pas une réponse valable pour TEL-ACC-02 : oui, non ou na."],
      errorCount: 1,
    });
    expect(await answersOf(enrolled.id)).toEqual([]);
    expect(await db().select().from(audits).where(eq(audits.tenantId, enrolled.id))).toEqual([]);
  });

  it("imports the corrected file, then changes nothing when it is imported again", async () => {
    const csv = lines("non").join("\r\n") + "\r\n";
    expect(expectSummary(await run(csv))).toEqual({
      lines: 4,
      tenants: 1,
      audits: { created: 2, updated: 0 },
      answers: { created: 4, updated: 0, unchanged: 0 },
    });
    const imported = await answersOf(enrolled.id);
    expect(imported).toEqual([
      { number: 1, itemCode: "TEL-ACC-01", value: "oui", measuredValue: null, comment: "Décroché rapidement" },
      { number: 1, itemCode: "TEL-ACC-02", value: "non", measuredValue: null, comment: null },
      { number: 1, itemCode: "TEL-ACC-03", value: "3", measuredValue: 3, comment: null },
      { number: 5, itemCode: "MEL-ACC-01", value: "non", measuredValue: null, comment: "Pas d'accusé de réception" },
    ]);
    const [audit] = await db()
      .select()
      .from(audits)
      .where(and(eq(audits.tenantId, enrolled.id), eq(audits.number, 1)));
    expect(audit).toMatchObject({ channel: "telephone", scenario: "Import", status: "submitted" });
    expect(audit!.auditedAt!.toISOString().slice(0, 10)).toBe("2027-05-12");

    const [{ stamp } = { stamp: "" }] = await db()
      .select({ stamp: sql<string>`max(${auditAnswers.updatedAt})::text` })
      .from(auditAnswers);
    expect(expectSummary(await run(csv))).toEqual({
      lines: 4,
      tenants: 1,
      audits: { created: 0, updated: 0 },
      answers: { created: 0, updated: 0, unchanged: 4 },
    });
    expect(await answersOf(enrolled.id)).toEqual(imported);
    const [{ after } = { after: "" }] = await db()
      .select({ after: sql<string>`max(${auditAnswers.updatedAt})::text` })
      .from(auditAnswers);
    expect(after).toBe(stamp);

    const logged = await db().select().from(auditLog).where(eq(auditLog.action, "audits.imported"));
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatchObject({ tenantId: null, actorUserId: actorId, targetId: "2027" });
    expect(JSON.parse(logged[0]!.details!)).toMatchObject({ lines: 4, answers: { created: 4 }, encoding: "utf-8", delimiter: ";" });
  });

  it("updates only the answers that changed", async () => {
    const csv = [...lines("oui").slice(0, 3), `${enrolled.siret};1;Téléphone;12/05/2027;TEL-ACC-03;3;Trois sonneries`].join("\n");
    expect(expectSummary(await run(csv)).answers).toEqual({ created: 0, updated: 2, unchanged: 1 });
  });
});

describe("checks against the referential and the enrolments", () => {
  it("reports every wrong line, once per unknown or unenrolled structure", async () => {
    const csv = [
      "structure;numero_audit;canal;date;code_item;valeur",
      `${notEnrolled.slug};1;telephone;12/05/2027;TEL-ACC-01;oui`,
      `${notEnrolled.slug};1;telephone;12/05/2027;TEL-ACC-02;oui`,
      "inconnue;1;telephone;12/05/2027;TEL-ACC-01;oui",
      `${other.slug};2;telephone;12/05/2027;MEL-ACC-01;oui`,
      `${other.slug};2;telephone;12/05/2027;XYZ-99;oui`,
      `${other.slug};2;courriel;12/05/2027;TEL-ACC-02;oui`,
      `${other.slug};2;telephone;13/05/2027;TEL-ACC-03;2`,
      `${other.slug};2;telephone;12/05/2027;TEL-ACC-04;12`,
      `${other.slug};2;telephone;12/05/2027;TEL-ACC-04;13`,
      `${other.slug};14;telephone;12/05/2027;TEL-ACC-04;13`,
      `${other.slug};13;Accueil physique;12/05/2027;PHY-ACC-01;oui`,
    ].join("\n");
    const result = await run(csv);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      `ligne 2, colonne structure : « ${notEnrolled.slug} » n'est pas inscrite à l'édition 2027 (2 lignes concernées).`,
      "ligne 4, colonne structure : aucune structure n'a l'identifiant « inconnue ».",
      "ligne 5, colonne canal : l'item MEL-ACC-01 relève du canal Courriel, pas Téléphone.",
      "ligne 6, colonne code_item : « XYZ-99 » n'est pas un item du référentiel 2027.",
      "ligne 7, colonne canal : l'item TEL-ACC-02 relève du canal Téléphone, pas Courriel.",
      `ligne 7, colonne canal : l'audit n° 2 de « ${other.slug} » est un audit Téléphone dans le plan de l'édition 2027.`,
      `ligne 8, colonne date : l'audit n° 2 de « ${other.slug} » est daté du 12/05/2027 à la ligne 5.`,
      `ligne 10, colonne code_item : TEL-ACC-04 est déjà renseigné pour l'audit n° 2 de « ${other.slug} » à la ligne 9.`,
      "ligne 11, colonne numero_audit : « 14 » n'est pas un numéro d'audit valable : un entier de 1 à 13.",
      // Without the on-site visit, the plan has 12 audits.
      `ligne 12, colonne numero_audit : l'édition 2027 prévoit 12 audits pour « ${other.slug} » : pas d'audit n° 13.`,
    ]);
    expect(result.errorCount).toBe(10);
    expect(await answersOf(other.id)).toEqual([]);
  });

  it("refuses a structure whose enrolment is not ordered yet", async () => {
    const csv = [header, `${drafted.siret};1;Téléphone;12/05/2027;TEL-ACC-01;oui;`].join("\n");
    expect(await run(csv)).toEqual({
      ok: false,
      errors: [`ligne 2, colonne siret : l'inscription de « ${drafted.slug} » à l'édition 2027 est « Brouillon » : pas d'audit possible.`],
      errorCount: 1,
    });
  });

  it("numbers audits as the edition's plan does", async () => {
    const csv = [header, `${enrolled.siret};1;Courriel;12/05/2027;MEL-ACC-02;oui;`].join("\n");
    expect(await run(csv)).toEqual({
      ok: false,
      errors: [`ligne 2, colonne canal : l'audit n° 1 de « ${enrolled.slug} » est un audit Téléphone dans le plan de l'édition 2027.`],
      errorCount: 1,
    });
  });

  it("says so when the header or the edition is wrong", async () => {
    const noValue = await run("siret;numero_audit;canal;date;code_item\n1;2;3;4;5");
    expect(noValue.ok === false && noValue.errors[0]).toBe("ligne 1 : la colonne valeur est absente.");
    const result = await importAuditAnswers({ buffer: Buffer.from(`${header}\n`), editionYear: 2040, actorUserId: actorId, dryRun: false });
    expect(result.ok).toBe(false);
  });
});

describe("encodings, delimiters and numbers", () => {
  const accents = "Agent très aimable ; « accueil » à l'écoute, réponse précise";

  it("keeps accents from a Windows-1252 file", async () => {
    const csv = [header, `${other.siret};3;Téléphone;02/06/2027;TEL-INF-01;oui;"${accents}"`].join("\r\n");
    expect(expectSummary(await run(iconv.encode(csv, "win1252"))).answers.created).toBe(1);
    expect((await answersOf(other.id)).find((a) => a.itemCode === "TEL-INF-01")?.comment).toBe(accents);
  });

  it("keeps accents from a UTF-8 file with BOM", async () => {
    const csv = [header, `${other.siret};3;Téléphone;02/06/2027;TEL-INF-02;non;"${accents} — œuvre"`].join("\n");
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, "utf8")]);
    expect(expectSummary(await run(bom)).answers.created).toBe(1);
    expect((await answersOf(other.id)).find((a) => a.itemCode === "TEL-INF-02")?.comment).toBe(`${accents} — œuvre`);
  });

  it("reads a comma-separated file, with a quoted French decimal comma", async () => {
    const csv = ["SIRET,Numéro audit,Canal,Date,Code item,Valeur,Commentaire", `${other.siret},3,Téléphone,02/06/2027,TEL-ACC-04,"12,5",Attente mesurée`].join(
      "\n",
    );
    expect(expectSummary(await run(csv)).answers.created).toBe(1);
    expect((await answersOf(other.id)).find((a) => a.itemCode === "TEL-ACC-04")).toMatchObject({ value: "12.5", measuredValue: 12.5 });
  });

  it("reads a French decimal comma in a semicolon file, and names an unquoted one in a comma file", async () => {
    const csv = [header, `${other.siret};3;Téléphone;02/06/2027;TEL-ACC-03;2,5;`].join("\n");
    expect(expectSummary(await run(csv)).answers.created).toBe(1);
    expect((await answersOf(other.id)).find((a) => a.itemCode === "TEL-ACC-03")).toMatchObject({ value: "2.5", measuredValue: 2.5 });
    const unquoted = ["siret,numero_audit,canal,date,code_item,valeur,commentaire", `${other.siret},3,telephone,02/06/2027,TEL-ACC-03,2,5,`].join("\n");
    expect(await run(unquoted)).toEqual({
      ok: false,
      errors: ["ligne 2 : plus de valeurs que de colonnes : une valeur contenant « , » doit être entre guillemets."],
      errorCount: 1,
    });
  });
});

describe("audits planned at payment", () => {
  it("fills a planned audit and submits it, keeping its scenario", async () => {
    const tenant = await makeTenant({ siret: completeSiret("215404153", "0005") });
    await enrol(tenant, 2027);
    const [enrolment] = await db().select().from(enrolments).where(eq(enrolments.tenantId, tenant.id));
    await planAudits(db(), { tenantId: tenant.id, enrolmentId: enrolment!.id });
    const csv = [header, `${tenant.siret};2;Téléphone;03/06/2027;TEL-ACC-01;oui;`].join("\n");
    expect(expectSummary(await run(csv))).toMatchObject({ audits: { created: 0, updated: 1 }, answers: { created: 1 } });
    const [audit] = await db().select().from(audits).where(and(eq(audits.tenantId, tenant.id), eq(audits.number, 2)));
    expect(audit).toMatchObject({ channel: "telephone", status: "submitted" });
    expect(audit!.scenario).not.toBe("Import");
    expect(expectSummary(await run(csv)).audits).toEqual({ created: 0, updated: 0 });
  });
});

describe("dry run", () => {
  it("reports what would change and writes nothing", async () => {
    const csv = [header, `${other.siret};9;Site internet;10/06/2027;WEB-ACC-01;oui;`, `${other.siret};3;Téléphone;02/06/2027;TEL-ACC-03;3;`].join("\n");
    const before = await answersOf(other.id);
    const logged = await db().select().from(auditLog);
    const result = await run(csv, true);
    expect(result).toEqual({
      ok: true,
      dryRun: true,
      summary: { lines: 2, tenants: 1, audits: { created: 1, updated: 0 }, answers: { created: 1, updated: 1, unchanged: 0 } },
    });
    expect(await answersOf(other.id)).toEqual(before);
    expect(
      await db()
        .select()
        .from(audits)
        .where(and(eq(audits.tenantId, other.id), eq(audits.number, 9))),
    ).toEqual([]);
    expect(await db().select().from(auditLog)).toHaveLength(logged.length);
  });
});

describe("progress", () => {
  it("reports progress up to the total", async () => {
    const calls: [number, number][] = [];
    const csv = [header, `${other.siret};3;Téléphone;02/06/2027;TEL-ACC-01;oui;`].join("\n");
    await importAuditAnswers({
      buffer: Buffer.from(csv),
      editionYear: 2027,
      actorUserId: null,
      dryRun: true,
      onProgress: (done, total) => calls.push([done, total]),
    });
    expect(calls.at(-1)).toEqual([2, 2]);
    expect(calls.every(([done, total]) => done <= total)).toBe(true);
  });
});

describe("a structure deleted while its file is imported", () => {
  it("stops the import's transaction with the structure's name: its withdrawn audits never come back", async () => {
    const live = await makeTenant({ name: "Commune restante" });
    const gone = await makeTenant({ name: "Commune partie" });
    await db().update(tenants).set({ deletedAt: new Date() }).where(eq(tenants.id, gone.id));
    await expect(db().transaction((tx) => lockImportedStructures(tx, [live.id]))).resolves.toBeUndefined();
    await expect(db().transaction((tx) => lockImportedStructures(tx, [live.id, gone.id]))).rejects.toThrow("structures supprimées pendant l'import : Commune partie");
  });
});
