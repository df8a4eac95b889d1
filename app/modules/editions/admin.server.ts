import { asc, desc, eq, sql } from "drizzle-orm";
import { db, type Executor } from "../../../db/client";
import { editionPrices, editions } from "../../../db/schema";
import { recordAudit } from "../audit-log/audit-log.server";
import { copyLatestReferential, syncReferentialVersion } from "../referential/referential.server";
import { barometerCategories, isBarometerCategory, type BarometerCategory } from "../tenancy/categories";
import { isUniqueViolation } from "../tenancy/tenants.server";
import { defaultAuditPlan } from "./audit-plan";
import { editionRuleIssues, nextEditionFrom, type EditionValues } from "./edition-schema";
import type { Edition } from "./editions.server";
import { referenceOnsiteVisitCents, referencePriceGrid } from "./price-grid";

export type EditionWithPrices = Edition & { pricesHtCents: Partial<Record<BarometerCategory, number>> };

type SaveOutcome = { ok: true; edition: Edition } | { ok: false; fieldErrors: Record<string, string[]> };
type StatusOutcome = { ok: true; edition: Edition; message: string } | { ok: false; message: string };

const yearTaken = { ok: false as const, fieldErrors: { year: ["Une édition existe déjà pour cette année."] } };

/** The cross-field rules again, for callers that did not go through the form. */
function ruleErrors(input: EditionValues): SaveOutcome | null {
  const issues = editionRuleIssues(input);
  if (issues.length === 0) return null;
  const fieldErrors: Record<string, string[]> = {};
  for (const { path, message } of issues) (fieldErrors[path[0]] ??= []).push(message);
  return { ok: false, fieldErrors };
}

function editionColumns(input: EditionValues) {
  const { pricesHtCents: _prices, ...columns } = input;
  return columns;
}

async function writePrices(tx: Executor, editionId: string, pricesHtCents: EditionValues["pricesHtCents"]) {
  await tx
    .insert(editionPrices)
    .values(barometerCategories.map((category) => ({ editionId, category, priceHtCents: pricesHtCents[category] })))
    .onConflictDoUpdate({ target: [editionPrices.editionId, editionPrices.category], set: { priceHtCents: sql`excluded.price_ht_cents` } });
}

async function readPrices(executor: Executor, editionId: string) {
  const rows = await executor.select().from(editionPrices).where(eq(editionPrices.editionId, editionId));
  const prices: Partial<Record<BarometerCategory, number>> = {};
  for (const row of rows) if (isBarometerCategory(row.category)) prices[row.category] = row.priceHtCents;
  return prices;
}

/** A new edition, in draft: enrolment opens only when staff open it. */
export async function createEdition(actorUserId: string, input: EditionValues): Promise<SaveOutcome> {
  const invalid = ruleErrors(input);
  if (invalid) return invalid;
  try {
    const edition = await db().transaction(async (tx) => {
      const [created] = await tx.insert(editions).values(editionColumns(input)).returning();
      if (!created) throw new Error("edition insert failed");
      await writePrices(tx, created.id, input.pricesHtCents);
      // The new edition starts from the previous edition's referential, as an editable draft.
      const referential = await copyLatestReferential(tx, created);
      await recordAudit(tx, {
        tenantId: null,
        actorUserId,
        action: "edition.created",
        targetType: "edition",
        targetId: created.id,
        details: { year: input.year, auditPlan: input.auditPlan, pricesHtCents: input.pricesHtCents, referentialCopiedFrom: referential?.fromYear ?? null },
      });
      return created;
    });
    return { ok: true, edition };
  } catch (error) {
    if (isUniqueViolation(error)) return yearTaken;
    throw error;
  }
}

type Change = { from: unknown; to: unknown };

function changesBetween(before: EditionWithPrices, after: EditionValues): Record<string, Change> {
  const changes: Record<string, Change> = {};
  const { pricesHtCents, ...columns } = after;
  for (const [field, to] of Object.entries(columns)) {
    const from = before[field as keyof typeof columns];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  }
  for (const category of barometerCategories) {
    const from = before.pricesHtCents[category] ?? null;
    if (from !== pricesHtCents[category]) changes[`prix.${category}`] = { from, to: pricesHtCents[category] };
  }
  return changes;
}

/**
 * Edits an edition and its price grid. Enrolments keep the price they copied when they were
 * submitted: only `edition_prices` changes here.
 */
export async function updateEdition(actorUserId: string, editionId: string, input: EditionValues): Promise<SaveOutcome | null> {
  const invalid = ruleErrors(input);
  if (invalid) return invalid;
  try {
    return await db().transaction(async (tx) => {
      const [before] = await tx.select().from(editions).where(eq(editions.id, editionId)).for("update");
      if (!before) return null;
      const changes = changesBetween({ ...before, pricesHtCents: await readPrices(tx, editionId) }, input);
      if (changes.referentialVersion) {
        const synced = await syncReferentialVersion(tx, editionId, input.referentialVersion);
        if (!synced.ok) return { ok: false as const, fieldErrors: { referentialVersion: [synced.message] } };
      }
      const [updated] = await tx
        .update(editions)
        .set({ ...editionColumns(input), updatedAt: sql`now()` })
        .where(eq(editions.id, editionId))
        .returning();
      await writePrices(tx, editionId, input.pricesHtCents);
      await recordAudit(tx, {
        tenantId: null,
        actorUserId,
        action: "edition.updated",
        targetType: "edition",
        targetId: editionId,
        details: { year: input.year, changes },
      });
      return { ok: true as const, edition: updated! };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return yearTaken;
    throw error;
  }
}

/** Opens or closes an edition's enrolment. At most one edition is open at a time. */
export async function setEditionStatus(actorUserId: string, editionId: string, status: "open" | "closed"): Promise<StatusOutcome | null> {
  return db().transaction(async (tx) => {
    // Locking every edition (a handful of rows) serialises two admins opening two editions at once.
    const all = await tx.select({ id: editions.id, year: editions.year, status: editions.status }).from(editions).orderBy(asc(editions.year)).for("update");
    const target = all.find((edition) => edition.id === editionId);
    if (!target) return null;
    if (target.status === status) {
      const [edition] = await tx.select().from(editions).where(eq(editions.id, editionId));
      return {
        ok: true,
        edition: edition!,
        message:
          status === "open"
            ? `Les inscriptions à l'édition ${target.year} sont déjà ouvertes.`
            : `Les inscriptions à l'édition ${target.year} sont déjà fermées.`,
      };
    }
    if (status === "open") {
      const other = all.find((edition) => edition.status === "open" && edition.id !== editionId);
      if (other)
        return { ok: false, message: `Les inscriptions à l'édition ${other.year} sont encore ouvertes : fermez-les avant d'ouvrir l'édition ${target.year}.` };
    }
    const [edition] = await tx
      .update(editions)
      .set({ status, updatedAt: sql`now()` })
      .where(eq(editions.id, editionId))
      .returning();
    await recordAudit(tx, {
      tenantId: null,
      actorUserId,
      action: status === "open" ? "edition.opened" : "edition.closed",
      targetType: "edition",
      targetId: editionId,
      details: { year: target.year, from: target.status, to: status },
    });
    return {
      ok: true,
      edition: edition!,
      message: status === "open" ? `Inscriptions à l'édition ${target.year} ouvertes.` : `Inscriptions à l'édition ${target.year} fermées.`,
    };
  });
}

export async function getEditionWithPrices(year: number, executor: Executor = db()): Promise<EditionWithPrices | null> {
  const [edition] = await executor.select().from(editions).where(eq(editions.year, year));
  if (!edition) return null;
  return { ...edition, pricesHtCents: await readPrices(executor, edition.id) };
}

/** What the creation form proposes: the latest edition's plan, prices and visit price, one year on. */
export async function newEditionProposal() {
  const [latest] = await db().select({ year: editions.year }).from(editions).orderBy(desc(editions.year)).limit(1);
  const base = latest ? await getEditionWithPrices(latest.year) : null;
  if (base) return nextEditionFrom(base);
  const year = new Date().getFullYear() + 1;
  return {
    year,
    number: 1,
    title: `Baromètre Expérience Citoyen ${year}`,
    enrolmentOpensOn: `${year}-02-01`,
    enrolmentClosesOn: `${year}-04-01`,
    auditStartsOn: `${year}-05-01`,
    auditEndsOn: `${year}-06-30`,
    publicationOn: `${year}-11-15`,
    referentialVersion: `${year}.1`,
    termsVersion: `CGV-${year}-01`,
    auditPlan: defaultAuditPlan,
    onsiteVisitOptional: true,
    onsiteVisitPriceCents: referenceOnsiteVisitCents,
    pricesHtCents: referencePriceGrid,
  };
}
