import { and, desc, eq, gte, inArray } from "drizzle-orm";
import { db } from "../../../db/client";
import { inTenant } from "../../../db/tenant-context";
import { auditAnswers, audits, benchmarks, channels, determinants, editions, publications, referentialItems, referentials, resultSnapshots, stages } from "../../../db/schema";
import type { TenantContext } from "../tenancy/guard.server";
import type { ScoreCard } from "../scoring/scoring";
import { MIN_GROUP_SIZE } from "./publication.server";

type Figures = { n: number; mean: number; median: number; q1: number; q3: number } | null;

/**
 * What a structure reads of its published results: its latest snapshot, the peer figures of its
 * category and the nation (groups under 5 structures hidden), its evolution across editions.
 * Read under the tenant's RLS context; benchmarks never name another structure.
 */
export async function tenantResults(ctx: TenantContext) {
  return inTenant(db(), ctx.tenant.id, async (tx) => {
    const history = await tx
      .select({ snapshot: resultSnapshots, year: editions.year, title: editions.title })
      .from(resultSnapshots)
      .innerJoin(editions, eq(editions.id, resultSnapshots.editionId))
      .where(eq(resultSnapshots.tenantId, ctx.tenant.id))
      .orderBy(desc(editions.year), desc(resultSnapshots.version));
    const latest = history[0];
    if (!latest) return null;
    const { snapshot } = latest;
    const rows = await tx
      .select()
      .from(benchmarks)
      .where(and(eq(benchmarks.editionId, snapshot.editionId), eq(benchmarks.version, snapshot.version)));
    const figure = (groupType: string, groupKey: string, measure: string): Figures => {
      const row = rows.find((r) => r.groupType === groupType && r.groupKey === groupKey && r.measure === measure);
      return row && row.n >= MIN_GROUP_SIZE ? { n: row.n, mean: row.mean, median: row.median, q1: row.q1, q3: row.q3 } : null;
    };
    const peers = (measure: string) => ({
      category: figure("category", snapshot.category, measure),
      national: figure("national", "national", measure),
      certified: figure("certified", "certifiees", measure),
      nonCertified: figure("certified", "non_certifiees", measure),
    });
    const card = snapshot.scores as ScoreCard;
    const [channelRows, stageRows] = await Promise.all([tx.select().from(channels).orderBy(channels.position), tx.select().from(stages).orderBy(stages.position)]);
    const [referential] = await tx.select({ id: referentials.id }).from(referentials).where(eq(referentials.editionId, snapshot.editionId));
    const determinantRows = referential ? await tx.select().from(determinants).where(eq(determinants.referentialId, referential.id)) : [];
    const [publication] = await tx
      .select()
      .from(publications)
      .where(and(eq(publications.editionId, snapshot.editionId), eq(publications.version, snapshot.version)));
    const latestYearRows = history.filter((h, index) => history.findIndex((x) => x.year === h.year) === index);
    // The national mean of each edition the structure took part in, for its evolution chart.
    const nationalMeans = await tx
      .select({ editionId: benchmarks.editionId, version: benchmarks.version, mean: benchmarks.mean })
      .from(benchmarks)
      .where(
        and(
          inArray(benchmarks.editionId, latestYearRows.map((h) => h.snapshot.editionId)),
          eq(benchmarks.groupType, "national"),
          eq(benchmarks.measure, "global"),
          gte(benchmarks.n, MIN_GROUP_SIZE),
        ),
      );
    return {
      year: latest.year,
      title: latest.title,
      version: snapshot.version,
      publishedAt: publication?.publishedAt ?? snapshot.createdAt,
      category: snapshot.category,
      certified: snapshot.certified,
      global: { score: card.global.score, peers: peers("global"), lostItems: card.global.lostItems },
      channels: channelRows.map((c) => ({ code: c.code, label: c.label, score: card.channels[c.code as keyof ScoreCard["channels"]]?.score ?? null, peers: peers(`channel:${c.code}`) })),
      stages: stageRows.map((s) => ({ code: s.code, label: s.label, score: card.stages[s.code as keyof ScoreCard["stages"]]?.score ?? null, peers: peers(`stage:${s.code}`) })),
      cells: channelRows.map((c) => ({
        channel: c.label,
        scores: stageRows.map((s) => card.cells[`${c.code}:${s.code}` as keyof ScoreCard["cells"]]?.score ?? null),
      })),
      stageLabels: stageRows.map((s) => s.label),
      determinants: determinantRows
        .map((d) => ({ code: d.code, label: d.label, score: card.determinants[d.code]?.score ?? null, median: peers(`determinant:${d.code}`).category?.median ?? null }))
        .filter((d) => d.score !== null)
        .sort((a, b) => (b.score ?? 0) - (a.score ?? 0)),
      evolution: latestYearRows
        .map((h) => ({
          year: h.year,
          score: h.snapshot.globalScore,
          nationalMean: nationalMeans.find((b) => b.editionId === h.snapshot.editionId && b.version === h.snapshot.version)?.mean ?? null,
        }))
        .reverse(),
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
