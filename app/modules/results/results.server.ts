import { and, desc, eq, gte, inArray } from "drizzle-orm";
import { db, type Executor } from "../../../db/client";
import { inTenant } from "../../../db/tenant-context";
import { auditAnswers, audits, benchmarks, channels, determinants, editions, publications, referentialItems, referentials, resultSnapshots, stages } from "../../../db/schema";
import type { TenantContext } from "../tenancy/guard.server";
import { LruCache } from "../../utils/lru";
import { MIN_GROUP_SIZE } from "./publication.server";
import { snapshotScores } from "./snapshot-scores.server";

type Figures = { n: number; mean: number; median: number; q1: number; q3: number } | null;

/*
 * A snapshot is frozen once published (a republication writes a new one, under a new id), and so
 * are the benchmarks and the publication of its edition × version, written in the same transaction:
 * what the results page reads of them is kept in process, under the snapshot's id (the national
 * means under edition × version). The keys never go stale, so every instance may hold its own copy.
 * The snapshot ids themselves are always read under the tenant's RLS context first.
 */
const views = new LruCache<string, SnapshotView>(500);
const nationalMeans = new LruCache<string, number | null>(200);

type SnapshotRef = { tenantId: string; id: string; editionId: string; version: number; category: string; certified: boolean; createdAt: Date };
type SnapshotView = Awaited<ReturnType<typeof readSnapshotView>>["view"];

/** Everything the results show of one snapshot that does not depend on the other editions. */
async function readSnapshotView(tx: Executor, snapshot: SnapshotRef) {
  const [card, rows, channelRows, stageRows, [referential], [publication]] = await Promise.all([
    snapshotScores(tx, snapshot),
    tx
      .select()
      .from(benchmarks)
      .where(and(eq(benchmarks.editionId, snapshot.editionId), eq(benchmarks.version, snapshot.version))),
    tx.select().from(channels).orderBy(channels.position),
    tx.select().from(stages).orderBy(stages.position),
    tx.select({ id: referentials.id, publishedAt: referentials.publishedAt }).from(referentials).where(eq(referentials.editionId, snapshot.editionId)),
    tx
      .select({ publishedAt: publications.publishedAt })
      .from(publications)
      .where(and(eq(publications.editionId, snapshot.editionId), eq(publications.version, snapshot.version))),
  ]);
  if (!card) throw new Error(`Instantané de résultats introuvable (${snapshot.id}).`);
  const determinantRows = referential ? await tx.select().from(determinants).where(eq(determinants.referentialId, referential.id)) : [];
  const byKey = new Map(rows.map((r) => [`${r.groupType}|${r.groupKey}|${r.measure}`, r]));
  const figure = (groupType: string, groupKey: string, measure: string): Figures => {
    const row = byKey.get(`${groupType}|${groupKey}|${measure}`);
    return row && row.n >= MIN_GROUP_SIZE ? { n: row.n, mean: row.mean, median: row.median, q1: row.q1, q3: row.q3 } : null;
  };
  const peers = (measure: string) => ({
    category: figure("category", snapshot.category, measure),
    national: figure("national", "national", measure),
    certified: figure("certified", "certifiees", measure),
    nonCertified: figure("certified", "non_certifiees", measure),
  });
  const view = {
    version: snapshot.version,
    publishedAt: publication?.publishedAt ?? snapshot.createdAt,
    category: snapshot.category,
    certified: snapshot.certified,
    global: { score: card.global.score, peers: peers("global"), lostItems: card.global.lostItems },
    channels: channelRows.map((c) => ({ code: c.code, label: c.label, score: card.channels[c.code]?.score ?? null, peers: peers(`channel:${c.code}`) })),
    stages: stageRows.map((s) => ({ code: s.code, label: s.label, score: card.stages[s.code]?.score ?? null, peers: peers(`stage:${s.code}`) })),
    cells: channelRows.map((c) => ({
      channel: c.label,
      scores: stageRows.map((s) => card.cells[`${c.code}:${s.code}`]?.score ?? null),
    })),
    stageLabels: stageRows.map((s) => s.label),
    determinants: determinantRows
      .map((d) => ({ code: d.code, label: d.label, score: card.determinants[d.code]?.score ?? null, median: peers(`determinant:${d.code}`).category?.median ?? null }))
      .filter((d) => d.score !== null)
      .sort((a, b) => (b.score ?? 0) - (a.score ?? 0)),
  };
  // The determinants' labels come from the edition's referential: frozen once published only.
  return { view, frozen: referential !== undefined && referential.publishedAt !== null };
}

/** The national mean (global score) of each edition × version, when its group is large enough. */
async function nationalMeansOf(tx: Executor, snapshots: { editionId: string; version: number }[]) {
  const key = (s: { editionId: string; version: number }) => `${s.editionId}:${s.version}`;
  const missing = snapshots.filter((s) => !nationalMeans.has(key(s)));
  if (missing.length > 0) {
    const rows = await tx
      .select({ editionId: benchmarks.editionId, version: benchmarks.version, mean: benchmarks.mean })
      .from(benchmarks)
      .where(
        and(
          inArray(benchmarks.editionId, [...new Set(missing.map((s) => s.editionId))]),
          eq(benchmarks.groupType, "national"),
          eq(benchmarks.measure, "global"),
          gte(benchmarks.n, MIN_GROUP_SIZE),
        ),
      );
    // A snapshot's benchmarks are written in its publication's transaction: an absent row stays absent.
    for (const s of missing) nationalMeans.set(key(s), rows.find((b) => b.editionId === s.editionId && b.version === s.version)?.mean ?? null);
  }
  return (s: { editionId: string; version: number }) => nationalMeans.get(key(s)) ?? null;
}

/**
 * What a structure reads of its published results: its latest snapshot, the peer figures of its
 * category and the nation (groups under 5 structures hidden), its evolution across editions.
 * Read under the tenant's RLS context; benchmarks never name another structure.
 * Parts of the result are shared between requests (cached per frozen snapshot): read it, never change it.
 */
export async function tenantResults(ctx: TenantContext) {
  return inTenant(db(), ctx.tenant.id, async (tx) => {
    // The history without the large `scores` jsonb: only the latest snapshot's scores are read, once per process.
    const history = await tx
      .select({
        snapshot: {
          tenantId: resultSnapshots.tenantId,
          id: resultSnapshots.id,
          editionId: resultSnapshots.editionId,
          version: resultSnapshots.version,
          category: resultSnapshots.category,
          certified: resultSnapshots.certified,
          globalScore: resultSnapshots.globalScore,
          createdAt: resultSnapshots.createdAt,
        },
        year: editions.year,
        title: editions.title,
      })
      .from(resultSnapshots)
      .innerJoin(editions, eq(editions.id, resultSnapshots.editionId))
      .where(eq(resultSnapshots.tenantId, ctx.tenant.id))
      .orderBy(desc(editions.year), desc(resultSnapshots.version));
    const latest = history[0];
    if (!latest) return null;
    const { snapshot } = latest;
    const latestYearRows = history.filter((h, index) => history.findIndex((x) => x.year === h.year) === index);
    const [view, meanOf] = await Promise.all([
      (async () => {
        const cached = views.get(snapshot.id);
        if (cached) return cached;
        const { view, frozen } = await readSnapshotView(tx, snapshot);
        if (frozen) views.set(snapshot.id, view);
        return view;
      })(),
      // The national mean of each edition the structure took part in, for its evolution chart.
      nationalMeansOf(tx, latestYearRows.map((h) => h.snapshot)),
    ]);
    return {
      year: latest.year,
      title: latest.title,
      ...view,
      evolution: latestYearRows.map((h) => ({ year: h.year, score: h.snapshot.globalScore, nationalMean: meanOf(h.snapshot) })).reverse(),
    };
  });
}

export type TenantResults = NonNullable<Awaited<ReturnType<typeof tenantResults>>>;

/** Item-level findings of the latest published edition: every answer of every submitted audit. */
export async function tenantFindings(ctx: TenantContext) {
  return inTenant(db(), ctx.tenant.id, async (tx) => {
    const [latest] = await tx
      .select({ editionId: resultSnapshots.editionId, year: editions.year })
      .from(resultSnapshots)
      .innerJoin(editions, eq(editions.id, resultSnapshots.editionId))
      .where(eq(resultSnapshots.tenantId, ctx.tenant.id))
      .orderBy(desc(editions.year))
      .limit(1);
    if (!latest) return null;
    const rows = await tx
      .select({
        number: audits.number,
        channel: channels.label,
        auditedAt: audits.auditedAt,
        itemCode: auditAnswers.itemCode,
        label: referentialItems.label,
        stage: stages.label,
        determinant: determinants.label,
        value: auditAnswers.value,
        comment: auditAnswers.comment,
      })
      .from(auditAnswers)
      .innerJoin(audits, and(eq(audits.tenantId, auditAnswers.tenantId), eq(audits.id, auditAnswers.auditId)))
      .innerJoin(channels, eq(channels.code, audits.channel))
      .innerJoin(referentials, eq(referentials.editionId, audits.editionId))
      .innerJoin(referentialItems, and(eq(referentialItems.referentialId, referentials.id), eq(referentialItems.code, auditAnswers.itemCode)))
      .innerJoin(stages, eq(stages.code, referentialItems.stage))
      .innerJoin(determinants, and(eq(determinants.referentialId, referentials.id), eq(determinants.code, referentialItems.determinant)))
      .where(and(eq(audits.tenantId, ctx.tenant.id), eq(audits.editionId, latest.editionId), eq(audits.status, "submitted")))
      .orderBy(audits.number, referentialItems.position);
    return { year: latest.year, rows };
  });
}
