import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { eq } from "drizzle-orm";
import type { PgInsertValue, PgTable } from "drizzle-orm/pg-core";
import type postgres from "postgres";
import type { Database } from "../../db/client";
import { editions, enrolments, memberships, tenants, users } from "../../db/schema";
import { seedEditions } from "../../db/seed/editions";
import { seedReferentials } from "../../db/seed/referential";
import { referentialItems, type SeedItem } from "../../db/seed/referential-data";
import { auditSchedule, type ScheduledAudit } from "../../app/modules/audits/schedule";
import { deriveCategory, type StructureKind } from "../../app/modules/tenancy/categories";
import { completeSiret } from "../../app/modules/tenancy/siret";
import { BenchError } from "./lib";

/*
 * The generated barometer both benchmarks work on: structures enrolled (paid, in audit) in one
 * edition, each with the 13 audits of the default plan and an answer to every item of the audit's
 * channel (~400 answers per structure). Deterministic: the same answers on every run.
 */

/** A closed edition, seeded with the default audit plan and the seed referential. */
export const BENCH_YEAR = 2023;
export const DEFAULT_STRUCTURES = 2000;

/** 2,000 unless BENCH_STRUCTURES asks for fewer or more (a quicker trial run). */
export function structureCount(): number {
  const raw = process.env.BENCH_STRUCTURES;
  const count = raw ? Number(raw) : DEFAULT_STRUCTURES;
  if (!Number.isInteger(count) || count < 1) throw new BenchError(`BENCH_STRUCTURES doit être un entier positif, pas « ${raw} ».`);
  return count;
}

export type BenchStructure = { index: number; tenantId: string; enrolmentId: string; slug: string; siret: string };
export type BenchEdition = { id: string; year: number; schedule: ScheduledAudit[] };
/** One answer as stored in audit_answers.value ("oui", "non", "na", "3", "1.5"). */
export type BenchAnswer = { item: SeedItem; value: string; comment: string | null };

const kinds: StructureKind[] = ["commune", "commune", "commune", "commune", "commune", "commune", "epci", "france_services", "departement", "service_social"];
const comments = [
  "Constaté à deux reprises pendant le contact.",
  "Réponse « à voir » ; rappel promis, jamais reçu.",
  'L\'agent a répondu "rappelez demain", sans plus.',
];

const pad = (n: number) => String(n).padStart(4, "0");

/** A small linear congruential generator: the same data on every run. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Seeds the editions and referentials as the app does, one staff user (the publisher), and
 * `count` structures, each with an owner (who gets the results e-mail) and a paid enrolment in
 * audit, with the on-site visit (13 audits).
 */
export async function createEnrolledStructures(database: Database, count: number) {
  await seedEditions(database);
  await seedReferentials(database);
  const [edition] = await database.select().from(editions).where(eq(editions.year, BENCH_YEAR));
  if (!edition) throw new Error(`bench : pas d'édition ${BENCH_YEAR} après le seed`);
  const schedule = auditSchedule(edition.auditPlan, { withOnsiteVisit: true, startsOn: edition.auditStartsOn, endsOn: edition.auditEndsOn });

  const [admin] = await database.insert(users).values({ email: "admin@banc.example", name: "Administratrice du banc" }).returning({ id: users.id });
  const totalHt = 149_000 + edition.onsiteVisitPriceCents;
  const vat = Math.round(totalHt / 5);
  const structures: BenchStructure[] = [];
  const tenantRows: (typeof tenants.$inferInsert)[] = [];
  const userRows: (typeof users.$inferInsert)[] = [];
  const membershipRows: (typeof memberships.$inferInsert)[] = [];
  const enrolmentRows: (typeof enrolments.$inferInsert)[] = [];
  for (let index = 1; index <= count; index++) {
    const rand = random(index * 104729);
    const kind = kinds[index % kinds.length]!;
    const population = kind === "commune" ? Math.round(500 + rand() ** 3 * 150_000) : null;
    const category = deriveCategory(kind, population);
    const structure: BenchStructure = {
      index,
      tenantId: randomUUID(),
      enrolmentId: randomUUID(),
      slug: `banc-${pad(index)}`,
      siret: completeSiret(String(200_000_000 + index * 11), "0001"),
    };
    structures.push(structure);
    const userId = randomUUID();
    tenantRows.push({
      id: structure.tenantId,
      slug: structure.slug,
      name: `Structure de banc n° ${index}`,
      kind,
      category,
      siret: structure.siret,
      population,
      certifications: index % 4 === 0 ? ["Qualivilles"] : [],
    });
    userRows.push({ id: userId, email: `qualite@${structure.slug}.example`, name: `Responsable qualité ${index}` });
    membershipRows.push({ tenantId: structure.tenantId, userId, role: "owner" });
    enrolmentRows.push({
      tenantId: structure.tenantId,
      id: structure.enrolmentId,
      editionId: edition.id,
      status: "in_audit",
      category,
      basePriceHtCents: 149_000,
      onsiteVisit: true,
      onsiteVisitHtCents: edition.onsiteVisitPriceCents,
      totalHtCents: totalHt,
      vatCents: vat,
      totalTtcCents: totalHt + vat,
      paymentPath: "invoice",
      billingContactName: "Service qualité",
      billingContactEmail: `qualite@${structure.slug}.example`,
      billingAddress: `1 place de la Mairie, structure de banc n° ${index}`,
      payerSiret: structure.siret,
      termsVersion: edition.termsVersion,
      termsAcceptedAt: new Date(`${BENCH_YEAR}-03-01T10:00:00Z`),
      paidAt: new Date(`${BENCH_YEAR}-04-01T10:00:00Z`),
    });
  }
  await insertInChunks(database, tenants, tenantRows);
  await insertInChunks(database, users, userRows);
  await insertInChunks(database, memberships, membershipRows);
  await insertInChunks(database, enrolments, enrolmentRows);
  return { edition: { id: edition.id, year: edition.year, schedule } satisfies BenchEdition, structures, adminUserId: admin!.id };
}

async function insertInChunks<T extends PgTable>(database: Database, table: T, rows: PgInsertValue<T>[]) {
  for (let i = 0; i < rows.length; i += 500) await database.insert(table).values(rows.slice(i, i + 500));
}

/**
 * One answer, better as `quality` (0…1) rises; 4 % not applicable. A measure lands anywhere on
 * the item's scale (on a threshold, between two, past the last one), so that a SQL
 * re-computation has to model every threshold to agree.
 */
function answerFor(item: SeedItem, quality: number, rand: () => number): string {
  const roll = rand();
  if (roll < 0.04) return "na";
  if (item.answerType === "yes_no") return roll < quality ? "oui" : "non";
  if (item.answerType === "scale") return String(Math.max(0, Math.min(4, Math.round(quality * 4 + (rand() - 0.5) * 2))));
  const thresholds = item.thresholds ?? [{ upTo: 1, points: 1 }];
  const step = roll < quality ? Math.floor(rand() * thresholds.length) : Math.floor(rand() * (thresholds.length + 1));
  if (step >= thresholds.length) return String(thresholds[thresholds.length - 1]!.upTo + 1);
  const upTo = thresholds[step]!.upTo;
  if (rand() < 0.5) return String(upTo);
  const below = step === 0 ? 0 : thresholds[step - 1]!.upTo;
  return String((below + upTo) / 2);
}

/** A structure's answers, audit by audit, from its own seed. */
export function structureAnswers(structure: Pick<BenchStructure, "index">, schedule: ScheduledAudit[]): { audit: ScheduledAudit; answers: BenchAnswer[] }[] {
  const rand = random(structure.index * 7919 + BENCH_YEAR);
  const quality = 0.45 + rand() * 0.45;
  return schedule.map((audit) => {
    const channelQuality = Math.max(0.05, Math.min(0.98, quality + (audit.channel === "telephone" ? 0.1 : audit.channel === "courrier" ? -0.15 : 0)));
    const answers = itemsByChannel.get(audit.channel)!.map((item) => {
      const value = answerFor(item, channelQuality, rand);
      const comment = value === "non" && rand() < 0.1 ? comments[Math.floor(rand() * comments.length)]! : null;
      return { item, value, comment };
    });
    return { audit, answers };
  });
}

const itemsByChannel = new Map<string, SeedItem[]>();
for (const item of referentialItems) itemsByChannel.set(item.channel, [...(itemsByChannel.get(item.channel) ?? []), item]);

/** When an audit took place: its planned day, 9 a.m. in Paris. */
export const auditedAt = (audit: ScheduledAudit) => `${audit.plannedOn}T09:00:00+02:00`;

/** A field of PostgreSQL's COPY text format (`\N` is NULL). */
export function copyField(value: string | number | null): string {
  if (value === null) return "\\N";
  return String(value).replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

/** Streams lines into `copy <target> from stdin` on the given connection or transaction. */
export async function copyIn(sql: postgres.Sql | postgres.TransactionSql, target: string, lines: Iterable<string>) {
  const writable = await sql.unsafe(`copy ${target} from stdin`).writable();
  await pipeline(Readable.from(chunked(lines)), writable);
}

/** Lines grouped into ~1 MB strings: one stream write per chunk, not per line. */
function* chunked(lines: Iterable<string>) {
  let buffer = "";
  for (const line of lines) {
    buffer += line;
    if (buffer.length > 1_000_000) {
      yield buffer;
      buffer = "";
    }
  }
  if (buffer) yield buffer;
}

export const auditColumns = "audits (tenant_id, id, edition_id, enrolment_id, number, channel, scenario, planned_on, audited_at, status, submitted_at)";
export const answerColumns = "audit_answers (tenant_id, audit_id, item_code, value, measured_value, comment)";

/** COPY lines of one submitted audit and of its answers (the audit id is chosen here). */
export function copyLinesOf(edition: BenchEdition, structure: BenchStructure, audit: ScheduledAudit, answers: BenchAnswer[], auditId = randomUUID()) {
  const auditLine =
    [structure.tenantId, auditId, edition.id, structure.enrolmentId, audit.number, audit.channel, audit.scenario, audit.plannedOn, auditedAt(audit), "submitted", auditedAt(audit)]
      .map(copyField)
      .join("\t") + "\n";
  const answerLines = answers.map(
    ({ item, value, comment }) =>
      [structure.tenantId, auditId, item.code, value, item.answerType === "measure" && value !== "na" ? value : null, comment].map(copyField).join("\t") + "\n",
  );
  return { auditLine, answerLines };
}
