import { and, eq, inArray, max, sql } from "drizzle-orm";
import { db, type Executor } from "../../../db/client";
import {
  auditAnswers,
  audits,
  benchmarks,
  editions,
  enrolments,
  memberships,
  publications,
  referentialItems,
  referentials,
  resultSnapshots,
  tenants,
  users,
} from "../../../db/schema";
import { env } from "~/env.server";
import { recordAudit } from "../audit-log/audit-log.server";
import { deserializeAnswer } from "../audits/answer-value";
import { applyEnrolmentTransition } from "../enrolment/enrolment.server";
import { enqueueEmail } from "../mail/outbox.server";
import { scoreStructure, type Answer, type Audit, type ChannelCode, type ReferentialItem, type StageCode } from "../scoring/scoring";

/** The smallest group whose figures are ever shown (k-anonymity). */
export const MIN_GROUP_SIZE = 5;

async function loadReferential(executor: Executor, editionId: string): Promise<ReferentialItem[]> {
  const rows = await executor
    .select({ item: referentialItems })
    .from(referentialItems)
    .innerJoin(referentials, eq(referentials.id, referentialItems.referentialId))
    .where(eq(referentials.editionId, editionId));
  return rows.map(({ item }) => ({
    code: item.code,
    label: item.label,
    channel: item.channel as ChannelCode,
    stage: item.stage as StageCode,
    determinant: item.determinant,
    weight: item.weight,
    answerType: item.answerType,
    ...(item.thresholds ? { thresholds: item.thresholds } : {}),
  }));
}

export type PublishOutcome = { ok: true; version: number; structures: number } | { ok: false; message: string };

/**
 * Publishes an edition's results: scores every structure with submitted audits, freezes them as a
 * new snapshot version (a republication never rewrites an earlier one), computes the peer
 * benchmarks in SQL, moves enrolments to results_published and tells each member once.
 * One transaction: all of it, or nothing.
 */
export async function publishEditionResults(actorUserId: string, year: number): Promise<PublishOutcome> {
  return db().transaction(async (tx) => {
    const [edition] = await tx.select().from(editions).where(eq(editions.year, year)).for("update");
    if (!edition) return { ok: false as const, message: `Aucune édition ${year}.` };
    const items = await loadReferential(tx, edition.id);
    const eligible = await tx
      .select({ enrolment: enrolments, certifications: tenants.certifications })
      .from(enrolments)
      .innerJoin(tenants, eq(tenants.id, enrolments.tenantId))
      .where(and(eq(enrolments.editionId, edition.id), inArray(enrolments.status, ["in_audit", "results_published"])));
    if (eligible.length === 0) return { ok: false as const, message: "Aucune structure n'a d'audit validé pour cette édition." };

    const auditRows = await tx
      .select()
      .from(audits)
      .where(and(eq(audits.editionId, edition.id), eq(audits.status, "submitted")));
    const answerRows = await tx
      .select({ tenantId: auditAnswers.tenantId, auditId: auditAnswers.auditId, itemCode: auditAnswers.itemCode, value: auditAnswers.value })
      .from(auditAnswers)
      .innerJoin(audits, and(eq(audits.tenantId, auditAnswers.tenantId), eq(audits.id, auditAnswers.auditId)))
      .where(and(eq(audits.editionId, edition.id), eq(audits.status, "submitted")));
    const auditsByTenant = groupBy(auditRows, (a) => a.tenantId);
    const answersByTenant = groupBy(answerRows, (a) => a.tenantId);

    const [{ latest } = { latest: null }] = await tx.select({ latest: max(publications.version) }).from(publications).where(eq(publications.editionId, edition.id));
    const version = (latest ?? 0) + 1;

    const snapshots = eligible.flatMap(({ enrolment, certifications }) => {
      const tenantAudits: Audit[] = (auditsByTenant.get(enrolment.tenantId) ?? []).map((a) => ({
        id: a.id,
        number: a.number,
        channel: a.channel as ChannelCode,
        date: (a.auditedAt ?? a.createdAt).toISOString(),
      }));
      if (tenantAudits.length === 0) return [];
      const answers: Answer[] = (answersByTenant.get(enrolment.tenantId) ?? []).map((a) => ({ auditId: a.auditId, itemCode: a.itemCode, value: deserializeAnswer(a.value) }));
      const card = scoreStructure(items, tenantAudits, answers);
      return [
        {
          tenantId: enrolment.tenantId,
          editionId: edition.id,
          version,
          category: enrolment.category,
          certified: certifications.length > 0,
          globalScore: card.global.score,
          scores: card,
        },
      ];
    });
    for (let i = 0; i < snapshots.length; i += 200) await tx.insert(resultSnapshots).values(snapshots.slice(i, i + 200));
    await tx.insert(publications).values({ editionId: edition.id, version, publishedBy: actorUserId, structures: snapshots.length });
    await computeBenchmarks(tx, edition.id, version);

    const published = new Set(snapshots.map((s) => s.tenantId));
    for (const { enrolment } of eligible) {
      if (!published.has(enrolment.tenantId)) continue;
      await applyEnrolmentTransition(tx, { tenantId: enrolment.tenantId, enrolmentId: enrolment.id }, "results_published", { source: "publication", actorUserId });
    }
    await notifyMembers(tx, edition, version, [...published]);
    await recordAudit(tx, { tenantId: null, actorUserId, action: "results.published", targetType: "edition", targetId: edition.id, details: { year, version, structures: snapshots.length } });
    return { ok: true as const, version, structures: snapshots.length };
  });
}

/** Peer figures in one SQL statement: per group (national, category, certified or not) and measure. */
async function computeBenchmarks(tx: Executor, editionId: string, version: number) {
  await tx.execute(sql`
    insert into ${benchmarks} (edition_id, version, group_type, group_key, measure, n, mean, median, q1, q3, deciles)
    with snapshots as (
      select category, certified, global_score, scores from ${resultSnapshots}
      where edition_id = ${editionId} and version = ${version}
    ), measures as (
      select category, certified, 'global' as measure, global_score::float8 as value from snapshots where global_score is not null
      union all
      select category, certified, 'channel:' || c.key, (c.value->>'score')::float8 from snapshots, jsonb_each(scores->'channels') c where c.value->>'score' is not null
      union all
      select category, certified, 'stage:' || s.key, (s.value->>'score')::float8 from snapshots, jsonb_each(scores->'stages') s where s.value->>'score' is not null
      union all
      select category, certified, 'determinant:' || d.key, (d.value->>'score')::float8 from snapshots, jsonb_each(scores->'determinants') d where d.value->>'score' is not null
    ), grouped as (
      select 'national' as group_type, 'national' as group_key, measure, value from measures
      union all select 'category', category, measure, value from measures
      union all select 'certified', case when certified then 'certifiees' else 'non_certifiees' end, measure, value from measures
    )
    select ${editionId}::uuid, ${version}::int, group_type, group_key, measure, count(*)::int,
      round(avg(value)::numeric, 2),
      round((percentile_cont(0.5) within group (order by value))::numeric, 2),
      round((percentile_cont(0.25) within group (order by value))::numeric, 2),
      round((percentile_cont(0.75) within group (order by value))::numeric, 2),
      to_jsonb(percentile_cont(array[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) within group (order by value))
    from grouped
    group by group_type, group_key, measure
  `);
}

async function notifyMembers(tx: Executor, edition: { id: string; title: string }, version: number, tenantIds: string[]) {
  if (tenantIds.length === 0) return;
  const recipients = await tx
    .select({ tenantId: tenants.id, slug: tenants.slug, tenantName: tenants.name, userId: users.id, email: users.email, name: users.name })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(inArray(memberships.tenantId, tenantIds));
  for (const r of recipients) {
    await enqueueEmail(
      {
        template: "results-published",
        to: r.email,
        tenantId: r.tenantId,
        idempotencyKey: `results:${edition.id}:${version}:${r.tenantId}:${r.userId}`,
        props: { name: r.name, tenantName: r.tenantName, editionTitle: edition.title, resultsUrl: `${env().APP_URL}/t/${r.slug}/resultats` },
      },
      tx,
    );
  }
}

export type BenchmarkFigures = { n: number; mean: number; median: number; q1: number; q3: number; deciles: number[] };

/** A group's figures for one measure, or null when the group has fewer than 5 structures. */
export async function getBenchmark(
  executor: Executor,
  ref: { editionId: string; version: number; groupType: "national" | "category" | "certified"; groupKey: string; measure: string },
): Promise<BenchmarkFigures | null> {
  const [row] = await executor
    .select()
    .from(benchmarks)
    .where(
      and(
        eq(benchmarks.editionId, ref.editionId),
        eq(benchmarks.version, ref.version),
        eq(benchmarks.groupType, ref.groupType),
        eq(benchmarks.groupKey, ref.groupKey),
        eq(benchmarks.measure, ref.measure),
      ),
    );
  if (!row || row.n < MIN_GROUP_SIZE) return null;
  return { n: row.n, mean: row.mean, median: row.median, q1: row.q1, q3: row.q3, deciles: row.deciles };
}

function groupBy<T>(rows: T[], key: (row: T) => string) {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}
