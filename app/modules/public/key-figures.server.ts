import { and, eq, inArray, like, max, or, sql } from "drizzle-orm";
import { db, type Executor } from "../../../db/client";
import { benchmarks, editionKeyFigures, editions, publications } from "../../../db/schema";
import { recordAudit } from "../audit-log/audit-log.server";
import { MIN_GROUP_SIZE } from "../results/publication.server";
import type { KeyFiguresInput } from "./key-figures-schema";
import {
  computedFigures,
  editionLabelFor,
  emptyEditorialRow,
  keyFigureTrends,
  listEditionFigures,
  neighbours,
  type EditionKeyFigures,
  type EditorialRow,
  type KeyFigureTrends,
  type PublishedEdition,
} from "./key-figures";

export type { EditionKeyFigures, KeyFigureTrends } from "./key-figures";

type EditorialRecord = typeof editionKeyFigures.$inferSelect;

function toEditorialRow(row: EditorialRecord): EditorialRow {
  return {
    year: row.year,
    editionLabel: row.editionLabel,
    globalScore: row.globalScore,
    globalDelta: row.globalDelta,
    participants: row.participants,
    participantsApproximate: row.participantsApproximate,
    certifiedScore: row.certifiedScore,
    othersScore: row.othersScore,
    channels: row.channels,
    facts: row.facts,
    summary: row.summary,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Every edition whose results were published in the portal: its latest publication's structure
 * count and the national and certified/other benchmark means of the global score and channels.
 * (The benchmarks are the results module's; read here as public, aggregate, k-anonymous figures.)
 */
async function publishedEditions(executor: Executor): Promise<PublishedEdition[]> {
  const latest = executor
    .select({ editionId: publications.editionId, version: max(publications.version).as("latest_version") })
    .from(publications)
    .groupBy(publications.editionId)
    .as("latest");
  const rows = await executor
    .select({ editionId: editions.id, year: editions.year, number: editions.number, version: publications.version, structures: publications.structures, publishedAt: publications.publishedAt })
    .from(publications)
    .innerJoin(latest, and(eq(latest.editionId, publications.editionId), eq(latest.version, publications.version)))
    .innerJoin(editions, eq(editions.id, publications.editionId));
  if (rows.length === 0) return [];
  const figures = await executor
    .select({
      editionId: benchmarks.editionId,
      version: benchmarks.version,
      groupType: benchmarks.groupType,
      groupKey: benchmarks.groupKey,
      measure: benchmarks.measure,
      n: benchmarks.n,
      mean: benchmarks.mean,
    })
    .from(benchmarks)
    .where(
      and(
        inArray(benchmarks.editionId, rows.map((r) => r.editionId)),
        inArray(benchmarks.groupType, ["national", "certified"]),
        or(eq(benchmarks.measure, "global"), like(benchmarks.measure, "channel:%")),
      ),
    );
  return rows.map((r) => ({
    year: r.year,
    number: r.number,
    structures: r.structures,
    publishedAt: r.publishedAt.toISOString(),
    benchmarks: figures.filter((f) => f.editionId === r.editionId && f.version === r.version),
  }));
}

async function publishedEditorialRows(executor: Executor): Promise<EditorialRow[]> {
  const rows = await executor.select().from(editionKeyFigures).where(eq(editionKeyFigures.published, true));
  return rows.map(toEditorialRow);
}

/**
 * What the public figures depend on, in one cheap query: a digest of the editorial rows (a few
 * rows, one per edition) and the publications' latest date and count. Any change of a row, a
 * deletion or a new results publication changes it, on any instance.
 */
async function freshnessStamp(executor: Executor): Promise<string> {
  const rows = await executor.execute(sql`
    select coalesce((select md5(string_agg(k::text, ',' order by k.year)) from edition_key_figures k), '') || '|' ||
           coalesce((select max(${publications.publishedAt})::text || ':' || count(*) from ${publications}), '') as stamp`);
  const [row] = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as { stamp: string }[];
  return row?.stamp ?? "";
}

/** The last computed list with the stamp it was computed at: public pages read it on every request. */
let memo: { stamp: string; list: EditionKeyFigures[] } | null = null;

/** Every public edition, oldest first: AFNOR's published row where there is one, else the figures of its published results. */
export async function listKeyFigures(executor: Executor = db()): Promise<EditionKeyFigures[]> {
  const shared = executor === db();
  const stamp = shared ? await freshnessStamp(executor) : null;
  if (shared && memo && memo.stamp === stamp) return memo.list;
  const [editorial, published] = await Promise.all([publishedEditorialRows(executor), publishedEditions(executor)]);
  const list = listEditionFigures(editorial, published, MIN_GROUP_SIZE);
  if (shared && stamp !== null) memo = { stamp, list };
  return list;
}

/** One public edition's figures, or null (unknown year, draft only, nothing published). */
export async function keyFiguresFor(year: number, executor: Executor = db()): Promise<EditionKeyFigures | null> {
  return (await listKeyFigures(executor)).find((e) => e.year === year) ?? null;
}

/** The most recent public edition (what the home page shows), or null before any publication. */
export async function latestKeyFigures(executor: Executor = db()): Promise<EditionKeyFigures | null> {
  return (await listKeyFigures(executor)).at(-1) ?? null;
}

/** The global score and each channel's across the public editions. */
export async function keyFiguresTrends(executor: Executor = db()): Promise<KeyFigureTrends> {
  return keyFigureTrends(await listKeyFigures(executor));
}

/** Everything /chiffres-cles shows: editions newest first, and the trends. */
export async function keyFiguresIndex() {
  const list = await listKeyFigures();
  return { editions: [...list].reverse(), trends: keyFigureTrends(list) };
}

/** Everything /chiffres-cles/:annee shows, or null for a year the public does not know. */
export async function keyFiguresPage(year: number) {
  const list = await listKeyFigures();
  const figures = list.find((e) => e.year === year);
  return figures ? { figures, ...neighbours(list, year) } : null;
}

// Back-office -------------------------------------------------------------------------------------

export type KeyFiguresStatus = "published" | "draft" | "computed" | "none";

/**
 * The editions staff can write figures for: every edition of the portal and every year that has a
 * row, newest first. Status: the row's (published or draft), else "computed" when the portal
 * published results, else "none".
 */
export async function listKeyFiguresForStaff() {
  const [rows, editionRows, published] = await Promise.all([
    db().select().from(editionKeyFigures),
    db().select({ year: editions.year, number: editions.number }).from(editions),
    publishedEditions(db()),
  ]);
  const years = [...new Set([...rows.map((r) => r.year), ...editionRows.map((e) => e.year)])].sort((a, b) => b - a);
  return years.map((year) => {
    const row = rows.find((r) => r.year === year);
    const edition = editionRows.find((e) => e.year === year);
    const hasResults = published.some((p) => p.year === year);
    const status: KeyFiguresStatus = row ? (row.published ? "published" : "draft") : hasResults ? "computed" : "none";
    return {
      year,
      editionLabel: row?.editionLabel ?? (edition ? editionLabelFor(edition.number) : null),
      status,
      globalScore: row ? row.globalScore : null,
      hasResults,
      updatedAt: row?.updatedAt ?? null,
    };
  });
}

/**
 * What the editor opens with: the stored row, or else the figures computed from the portal's
 * results (so staff start from them), or an empty form with the edition's label.
 */
export async function keyFiguresForEditor(year: number) {
  const [row] = await db().select().from(editionKeyFigures).where(eq(editionKeyFigures.year, year));
  if (row) return { row: toEditorialRow(row), published: row.published, updatedAt: row.updatedAt, computed: null };
  const published = (await publishedEditions(db())).find((p) => p.year === year);
  const computed = published ? computedFigures(published, MIN_GROUP_SIZE) : null;
  const [edition] = await db().select({ number: editions.number }).from(editions).where(eq(editions.year, year));
  const start: EditorialRow = computed
    ? { ...computed, channels: Object.fromEntries(computed.channels.map((c) => [c.code, { score: c.score, delta: null }])) }
    : emptyEditorialRow(year, edition ? editionLabelFor(edition.number) : null);
  return { row: start, published: false, updatedAt: null, computed };
}

/**
 * Writes an edition's figures (creating the row, a draft unless `publish`), in one transaction
 * with its journal entry. `publish` undefined keeps the row's current state.
 */
export async function saveKeyFigures(actorUserId: string, year: number, input: KeyFiguresInput, publish?: boolean) {
  return db().transaction(async (tx) => {
    const [existing] = await tx.select({ published: editionKeyFigures.published }).from(editionKeyFigures).where(eq(editionKeyFigures.year, year)).for("update");
    const published = publish ?? existing?.published ?? false;
    const values = { ...input, published, updatedBy: actorUserId, updatedAt: sql`now()` };
    await tx
      .insert(editionKeyFigures)
      .values({ year, ...values })
      .onConflictDoUpdate({ target: editionKeyFigures.year, set: values });
    const action = published && !existing?.published ? "key_figures.published" : "key_figures.saved";
    await recordAudit(tx, {
      tenantId: null,
      actorUserId,
      action,
      targetType: "edition_key_figures",
      targetId: String(year),
      details: { year, created: !existing, published, globalScore: input.globalScore, participants: input.participants, facts: input.facts.length },
    });
    return { published, created: !existing };
  });
}

/** Unpublishes (or publishes as is) an edition's row; false when there is no row. */
export async function setKeyFiguresPublished(actorUserId: string, year: number, published: boolean) {
  return db().transaction(async (tx) => {
    const [row] = await tx
      .update(editionKeyFigures)
      .set({ published, updatedBy: actorUserId, updatedAt: sql`now()` })
      .where(eq(editionKeyFigures.year, year))
      .returning({ year: editionKeyFigures.year });
    if (!row) return false;
    await recordAudit(tx, {
      tenantId: null,
      actorUserId,
      action: published ? "key_figures.published" : "key_figures.unpublished",
      targetType: "edition_key_figures",
      targetId: String(year),
      details: { year },
    });
    return true;
  });
}
