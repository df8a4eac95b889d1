import { and, asc, desc, eq, inArray, lt, sql } from "drizzle-orm";
import { db, type Executor } from "../../../db/client";
import { channels, determinants, editions, referentialItems, referentials, stages } from "../../../db/schema";
import { determinants as standardDeterminants } from "../../../db/seed/referential-data";
import { formatDate } from "../../utils/format";
import { recordAudit } from "../audit-log/audit-log.server";
import { countEditionAnswers } from "../audits/audits.server";
import { scoreStructure, type ChannelCode, type StageCode } from "../scoring/scoring";
import { isUniqueViolation } from "../tenancy/tenants.server";
import { parseReferentialCsv, referentialToCsv, type DeterminantRef, type ReferentialItemInput } from "./csv-format";
import { diffReferential, hasChanges } from "./diff";

/*
 * The audit referential of each edition: its 20 determinants and its items. A new edition gets a
 * copy of the previous edition's referential; staff replace its items by importing a CSV file; an
 * admin publishes it, which freezes it for good. The rules that refuse a change live here, once:
 * - a published referential changes no more (a database trigger refuses it too);
 * - once an audit of the edition has an answer, only an import identical to the stored
 *   referential is accepted, so that no answer ever points at a changed or missing item.
 */

type Edition = { id: string; year: number; referentialVersion: string };
type Referential = { id: string; version: string; publishedAt: Date | null };
type Refusal = { ok: false; errors: string[]; errorCount: number };

const refuse = (message: string): Refusal => ({ ok: false, errors: [message], errorCount: 1 });
const plural = (n: number, word: string) => `${n.toLocaleString("fr-FR")} ${word}${n > 1 ? "s" : ""}`;

export function publishedMessage(year: number, publishedAt: Date) {
  return `Le référentiel ${year} est publié depuis le ${formatDate(publishedAt)} : il est figé et ne peut plus être modifié. L'édition suivante en reçoit une copie modifiable.`;
}

export function answeredMessage(year: number, answers: number) {
  return `Des réponses d'audit sont déjà saisies pour l'édition ${year} (${plural(answers, "réponse")}) : le référentiel ne peut plus être modifié, sinon ces réponses ne correspondraient plus à ses items.`;
}

async function findEdition(executor: Executor, year: number): Promise<Edition | null> {
  const [edition] = await executor
    .select({ id: editions.id, year: editions.year, referentialVersion: editions.referentialVersion })
    .from(editions)
    .where(eq(editions.year, year));
  return edition ?? null;
}

async function findReferential(executor: Executor, editionId: string, lock = false): Promise<Referential | null> {
  const query = executor
    .select({ id: referentials.id, version: referentials.version, publishedAt: referentials.publishedAt })
    .from(referentials)
    .where(eq(referentials.editionId, editionId));
  const [referential] = lock ? await query.for("update") : await query;
  return referential ?? null;
}

async function loadDeterminants(executor: Executor, referentialId: string) {
  return executor.select().from(determinants).where(eq(determinants.referentialId, referentialId)).orderBy(asc(determinants.position));
}

async function loadItems(executor: Executor, referentialId: string): Promise<ReferentialItemInput[]> {
  const rows = await executor
    .select()
    .from(referentialItems)
    .where(eq(referentialItems.referentialId, referentialId))
    .orderBy(asc(referentialItems.position), asc(referentialItems.code));
  return rows.map(({ referentialId: _id, ...item }) => ({ ...item, channel: item.channel as ChannelCode, stage: item.stage as StageCode }));
}

// ── Copy (new edition) ───────────────────────────────────────────────────────────────────

/**
 * Copies the determinants and items of one edition's referential into a new, unpublished
 * referential of another edition (version: that edition's referential version). Null when the
 * source edition has no referential. Call it in the transaction that creates the edition.
 */
export async function copyReferential(executor: Executor, fromEditionId: string, toEditionId: string) {
  const source = await findReferential(executor, fromEditionId);
  if (!source) return null;
  const [target] = await executor.select({ version: editions.referentialVersion }).from(editions).where(eq(editions.id, toEditionId));
  if (!target) throw new Error(`copyReferential: edition ${toEditionId} not found`);
  const [created] = await executor.insert(referentials).values({ editionId: toEditionId, version: target.version }).returning({ id: referentials.id });
  const sourceDeterminants = await loadDeterminants(executor, source.id);
  if (sourceDeterminants.length > 0) await executor.insert(determinants).values(sourceDeterminants.map((d) => ({ ...d, referentialId: created!.id })));
  const items = await loadItems(executor, source.id);
  await insertItems(executor, created!.id, items);
  return { referentialId: created!.id, determinants: sourceDeterminants.length, items: items.length };
}

/** Copies the referential of the latest earlier edition that has one (none for the very first edition). */
export async function copyLatestReferential(executor: Executor, edition: { id: string; year: number }) {
  const [previous] = await executor
    .select({ editionId: editions.id, year: editions.year })
    .from(referentials)
    .innerJoin(editions, eq(editions.id, referentials.editionId))
    .where(lt(editions.year, edition.year))
    .orderBy(desc(editions.year))
    .limit(1);
  if (!previous) return null;
  const copied = await copyReferential(executor, previous.editionId, edition.id);
  return copied && { ...copied, fromYear: previous.year };
}

/** Keeps a draft referential's version equal to its edition's; a published one keeps its version. */
export async function syncReferentialVersion(executor: Executor, editionId: string, version: string): Promise<{ ok: true } | { ok: false; message: string }> {
  const referential = await findReferential(executor, editionId, true);
  if (!referential || referential.version === version) return { ok: true };
  if (referential.publishedAt) return { ok: false, message: `Le référentiel est publié en version ${referential.version} : sa version ne peut plus changer.` };
  await executor.update(referentials).set({ version }).where(eq(referentials.id, referential.id));
  return { ok: true };
}

// ── Reading ──────────────────────────────────────────────────────────────────────────────

/** Every edition with its referential's status and size, latest edition first. */
export async function listReferentials() {
  return db()
    .select({
      year: editions.year,
      title: editions.title,
      editionStatus: editions.status,
      version: referentials.version,
      hasReferential: sql<boolean>`${referentials.id} is not null`,
      publishedAt: referentials.publishedAt,
      determinants: sql<number>`(select count(*) from ${determinants} where ${determinants.referentialId} = ${referentials.id})::int`,
      items: sql<number>`(select count(*) from ${referentialItems} where ${referentialItems.referentialId} = ${referentials.id})::int`,
    })
    .from(editions)
    .leftJoin(referentials, eq(referentials.editionId, editions.id))
    .orderBy(desc(editions.year));
}

/** An edition's referential for its page: determinants, items by channel × stage (one channel or all), and what may be done. */
export async function getReferentialView(year: number, channel: ChannelCode | null) {
  const [edition] = await db().select().from(editions).where(eq(editions.year, year));
  if (!edition) return null;
  const referential = await findReferential(db(), edition.id);
  const channelList = await db().select().from(channels).orderBy(asc(channels.position));
  if (!referential) return { edition, referential: null, channels: channelList, determinants: [], cells: [], itemCount: 0, lockedReason: null, answers: 0 };

  const answers = referential.publishedAt ? 0 : await countEditionAnswers(db(), edition.id);
  const counts = await db()
    .select({ determinant: referentialItems.determinant, items: sql<number>`count(*)::int` })
    .from(referentialItems)
    .where(eq(referentialItems.referentialId, referential.id))
    .groupBy(referentialItems.determinant);
  const countOf = new Map(counts.map((c) => [c.determinant, c.items]));
  const determinantRows = (await loadDeterminants(db(), referential.id)).map((d) => ({ ...d, items: countOf.get(d.code) ?? 0 }));

  const rows = await db()
    .select({ item: referentialItems, channelLabel: channels.label, stageLabel: stages.label })
    .from(referentialItems)
    .innerJoin(channels, eq(channels.code, referentialItems.channel))
    .innerJoin(stages, eq(stages.code, referentialItems.stage))
    .where(and(eq(referentialItems.referentialId, referential.id), channel ? eq(referentialItems.channel, channel) : undefined))
    .orderBy(asc(channels.position), asc(stages.position), asc(referentialItems.position), asc(referentialItems.code));
  const cells: { channel: string; channelLabel: string; stage: string; stageLabel: string; items: (typeof rows)[number]["item"][] }[] = [];
  for (const { item, channelLabel, stageLabel } of rows) {
    let cell = cells.at(-1);
    if (cell?.channel !== item.channel || cell.stage !== item.stage)
      cells.push((cell = { channel: item.channel, channelLabel, stage: item.stage, stageLabel, items: [] }));
    cell.items.push(item);
  }
  const lockedReason = referential.publishedAt ? publishedMessage(year, referential.publishedAt) : answers > 0 ? answeredMessage(year, answers) : null;
  return {
    edition,
    referential,
    channels: channelList,
    determinants: determinantRows,
    cells,
    itemCount: counts.reduce((sum, c) => sum + c.items, 0),
    lockedReason,
    answers,
  };
}

/** The referential as a CSV file in the import format; null when the edition or its referential is missing. */
export async function exportReferentialCsv(year: number) {
  const edition = await findEdition(db(), year);
  const referential = edition && (await findReferential(db(), edition.id));
  if (!referential) return null;
  return { filename: `referentiel-${year}.csv`, body: referentialToCsv(await loadItems(db(), referential.id)) };
}

// ── Import ───────────────────────────────────────────────────────────────────────────────

export type ReferentialImportSummary = { lines: number; added: string[]; changed: string[]; removed: string[]; unchanged: number };
export type ReferentialImportResult = { ok: true; dryRun: boolean; summary: ReferentialImportSummary } | Refusal;

const WRITE_CHUNK = 500;

async function insertItems(executor: Executor, referentialId: string, items: readonly ReferentialItemInput[], upsert = false) {
  for (let start = 0; start < items.length; start += WRITE_CHUNK) {
    const values = items.slice(start, start + WRITE_CHUNK).map((item) => ({ ...item, referentialId }));
    const insert = executor.insert(referentialItems).values(values);
    if (!upsert) await insert;
    else
      await insert.onConflictDoUpdate({
        target: [referentialItems.referentialId, referentialItems.code],
        set: {
          label: sql`excluded.label`,
          channel: sql`excluded.channel`,
          stage: sql`excluded.stage`,
          determinant: sql`excluded.determinant`,
          weight: sql`excluded.weight`,
          answerType: sql`excluded.answer_type`,
          unit: sql`excluded.unit`,
          thresholds: sql`excluded.thresholds`,
          source: sql`excluded.source`,
          position: sql`excluded.position`,
        },
      });
  }
}

/** A referential for an edition that has none (no earlier edition to copy): the 20 standard determinants. */
async function createReferential(executor: Executor, edition: Edition) {
  const [created] = await executor.insert(referentials).values({ editionId: edition.id, version: edition.referentialVersion }).returning({ id: referentials.id });
  await executor.insert(determinants).values(standardDeterminants.map((d, index) => ({ ...d, referentialId: created!.id, position: index + 1 })));
  return created!.id;
}

/**
 * Replaces the items of an edition's referential by those of a CSV file (the file is the whole
 * referential: items it lacks are removed). All or nothing; `dryRun` reports the same counts and
 * refusals and writes nothing. Importing the stored referential again changes nothing.
 */
export async function importReferential(input: { editionYear: number; buffer: Uint8Array; actorUserId: string | null; dryRun: boolean }): Promise<ReferentialImportResult> {
  const edition = await findEdition(db(), input.editionYear);
  if (!edition) return refuse(`L'édition ${input.editionYear} n'existe pas.`);
  const current = await findReferential(db(), edition.id);
  if (current?.publishedAt) return refuse(publishedMessage(edition.year, current.publishedAt));
  const determinantRefs: DeterminantRef[] = current ? await loadDeterminants(db(), current.id) : standardDeterminants;
  const parsed = parseReferentialCsv(input.buffer, determinantRefs);
  if (!parsed.ok) return parsed;

  try {
    return await db().transaction(async (tx): Promise<ReferentialImportResult> => {
      // Locked: a concurrent publication or import waits for this one, then sees its result.
      const referential = await findReferential(tx, edition.id, true);
      if (referential?.publishedAt) return refuse(publishedMessage(edition.year, referential.publishedAt));
      const diff = diffReferential(referential ? await loadItems(tx, referential.id) : [], parsed.items);
      if (hasChanges(diff)) {
        const answers = await countEditionAnswers(tx, edition.id);
        if (answers > 0) return refuse(answeredMessage(edition.year, answers));
      }
      const summary: ReferentialImportSummary = { lines: parsed.items.length, ...diff };
      if (input.dryRun) return { ok: true, dryRun: true, summary };

      const referentialId = referential?.id ?? (await createReferential(tx, edition));
      if (diff.removed.length > 0)
        await tx.delete(referentialItems).where(and(eq(referentialItems.referentialId, referentialId), inArray(referentialItems.code, diff.removed)));
      const touched = new Set([...diff.added, ...diff.changed]);
      await insertItems(
        tx,
        referentialId,
        parsed.items.filter((item) => touched.has(item.code)),
        true,
      );
      await recordAudit(tx, {
        tenantId: null,
        actorUserId: input.actorUserId,
        action: "referential.imported",
        targetType: "edition",
        targetId: edition.id,
        details: {
          year: edition.year,
          lines: summary.lines,
          added: diff.added.length,
          changed: diff.changed.length,
          removed: diff.removed.length,
          unchanged: diff.unchanged,
          encoding: parsed.encoding,
          delimiter: parsed.delimiter,
        },
      });
      return { ok: true, dryRun: false, summary };
    });
  } catch (error) {
    // Two first imports at once for an edition without a referential: the second one lost the race.
    if (isUniqueViolation(error)) return refuse("Un autre import du référentiel vient d'avoir lieu : rechargez la page et recommencez.");
    throw error;
  }
}

// ── Publication ──────────────────────────────────────────────────────────────────────────

/** Freezes an edition's referential for good (admin). Null when the edition does not exist. */
export async function publishReferential(actorUserId: string, year: number): Promise<{ ok: boolean; message: string } | null> {
  const edition = await findEdition(db(), year);
  if (!edition) return null;
  return db().transaction(async (tx) => {
    const referential = await findReferential(tx, edition.id, true);
    if (!referential) return { ok: false, message: `L'édition ${year} n'a pas encore de référentiel : importez-en un avant de le publier.` };
    if (referential.publishedAt) return { ok: false, message: `Le référentiel ${year} est déjà publié depuis le ${formatDate(referential.publishedAt)}.` };
    const items = await loadItems(tx, referential.id);
    if (items.length === 0) return { ok: false, message: `Le référentiel ${year} ne contient aucun item : importez-les avant de le publier.` };
    try {
      scoreStructure(items.map((item) => ({ ...item, thresholds: item.thresholds ?? undefined })), [], []); // the scoring's own checks of every item, before it is frozen
    } catch (error) {
      return { ok: false, message: `Le référentiel ${year} ne peut pas être publié : ${(error as Error).message}` };
    }
    await tx.update(referentials).set({ publishedAt: sql`now()` }).where(eq(referentials.id, referential.id));
    await recordAudit(tx, {
      tenantId: null,
      actorUserId,
      action: "referential.published",
      targetType: "edition",
      targetId: edition.id,
      details: { year, version: referential.version, items: items.length },
    });
    return { ok: true, message: `Référentiel ${year} publié : il est désormais figé.` };
  });
}
