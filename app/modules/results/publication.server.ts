import { and, desc, eq, inArray, isNull, max, ne, or, sql } from "drizzle-orm";
import { db, type Executor } from "../../../db/client";
import {
  auditAnswers,
  audits,
  benchmarks,
  determinants,
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
import { storeProposals } from "../action-plan/action-plan.server";
import { proposeActions, type PlanItem, type Proposal } from "../action-plan/proposals";
import { recordAudit } from "../audit-log/audit-log.server";
import { deserializeAnswer } from "../audits/answer-value";
import { channelLabels } from "../editions/audit-plan";
import { applyEnrolmentTransitions } from "../enrolment/enrolment.server";
import { enqueueEmails } from "../mail/outbox.server";
import { scoreStructure, type Answer, type Audit, type ChannelCode, type ScoreCard, type StageCode } from "../scoring/scoring";

/** The smallest group whose figures are ever shown (k-anonymity). */
export const MIN_GROUP_SIZE = 5;

/** The scoring view of an edition's referential. */
export async function loadReferential(executor: Executor, editionId: string): Promise<PlanItem[]> {
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
    unit: item.unit,
    ...(item.thresholds ? { thresholds: item.thresholds } : {}),
  }));
}

/** The French names of an edition's determinants, by code. */
export async function loadDeterminantLabels(executor: Executor, editionId: string): Promise<Record<string, string>> {
  const rows = await executor
    .select({ code: determinants.code, label: determinants.label })
    .from(determinants)
    .innerJoin(referentials, eq(referentials.id, determinants.referentialId))
    .where(eq(referentials.editionId, editionId));
  return Object.fromEntries(rows.map((r) => [r.code, r.label]));
}

/**
 * The enrolments a publication scores: in audit or already published, but never one still in audit
 * of a deleted structure (its audits still to do were withdrawn with it: it would be scored on a
 * part of them). A structure deleted after its publication keeps its place in later versions.
 */
const publishable = and(inArray(enrolments.status, ["in_audit", "results_published"]), or(isNull(tenants.deletedAt), eq(enrolments.status, "results_published")));

export type PublishOutcome = { ok: true; version: number; structures: number } | { ok: false; message: string };

/**
 * Publishes an edition's results: scores every structure whose audits are all submitted, freezes them as a
 * new snapshot version (a republication never rewrites an earlier one), computes the peer
 * benchmarks in SQL, moves enrolments to results_published and tells each member once.
 * One transaction: all of it, or nothing.
 */
export async function publishEditionResults(actorUserId: string, year: number): Promise<PublishOutcome> {
  return db().transaction(async (tx) => {
    const [edition] = await tx.select().from(editions).where(eq(editions.year, year)).for("update");
    if (!edition) return { ok: false as const, message: `Aucune édition ${year}.` };
    // Writes ~150 MB of snapshots and e-mails on a large edition: lz4 compresses them about twice as
    // fast as the default pglz, where the server has it (PGlite has not), with the same data.
    await tx.execute(sql`select set_config('default_toast_compression', 'lz4', true) from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)`);
    const enrolled = await tx
      .select({ enrolment: enrolments, certifications: tenants.certifications })
      .from(enrolments)
      .innerJoin(tenants, eq(tenants.id, enrolments.tenantId))
      .where(and(eq(enrolments.editionId, edition.id), publishable));
    const scored = await scoreEnrolled(tx, edition.id, enrolled);
    if (scored.length === 0) return { ok: false as const, message: `Aucune structure n'a tous ses audits validés pour l'édition ${year} : rien n'est publié.` };
    const version = await freezeResults(tx, edition.id, actorUserId, scored);
    await storeProposals(tx, { editionId: edition.id, actorUserId }, scored.map((s) => ({ tenantId: s.tenantId, proposals: s.proposals ?? [] })));

    const published = new Set(scored.map((s) => s.tenantId));
    const moved = enrolled.filter(({ enrolment }) => published.has(enrolment.tenantId));
    await applyEnrolmentTransitions(tx, moved.map(({ enrolment }) => ({ tenantId: enrolment.tenantId, enrolmentId: enrolment.id })), "results_published", { source: "publication", actorUserId });
    await notifyMembers(tx, edition, version, [...published]);
    await recordAudit(tx, { tenantId: null, actorUserId, action: "results.published", targetType: "edition", targetId: edition.id, details: { year, version, structures: scored.length } });
    return { ok: true as const, version, structures: scored.length };
  });
}

/** A structure's score card, and the action plan its results propose (from its answers). */
export type ScoredStructure = { tenantId: string; category: string; certified: boolean; card: ScoreCard; proposals?: Proposal[] };

type Enrolled = { enrolment: typeof enrolments.$inferSelect; certifications: string[] };

/**
 * Scores every enrolled structure whose audits are all submitted. A function of its own so that the
 * answers (~800k rows on a large edition) are freed before the snapshots are written.
 */
async function scoreEnrolled(tx: Executor, editionId: string, enrolled: Enrolled[]): Promise<ScoredStructure[]> {
  const items = await loadReferential(tx, editionId);
  const determinantLabels = await loadDeterminantLabels(tx, editionId);
  const allAudits = await tx.select().from(audits).where(eq(audits.editionId, editionId));
  // A structure is published only once every one of its audits is submitted: never partial scores.
  const incomplete = new Set(allAudits.filter((a) => a.status !== "submitted").map((a) => a.tenantId));
  const auditRows = allAudits.filter((a) => !incomplete.has(a.tenantId));
  // One row per audit, its answers as two parallel arrays (both aggregates read the rows in the same
  // order): reading 26k rows instead of 800k takes a third of the time on a large edition.
  const answerRows = await tx
    .select({
      tenantId: auditAnswers.tenantId,
      auditId: auditAnswers.auditId,
      itemCodes: sql<string[]>`array_agg(${auditAnswers.itemCode})`,
      values: sql<string[]>`array_agg(${auditAnswers.value})`,
    })
    .from(auditAnswers)
    .innerJoin(audits, and(eq(audits.tenantId, auditAnswers.tenantId), eq(audits.id, auditAnswers.auditId)))
    .where(and(eq(audits.editionId, editionId), eq(audits.status, "submitted")))
    .groupBy(auditAnswers.tenantId, auditAnswers.auditId);
  const auditsByTenant = groupBy(auditRows, (a) => a.tenantId);
  const answersByTenant = groupBy(answerRows, (a) => a.tenantId);

  return enrolled.flatMap(({ enrolment, certifications }) => {
    const tenantAudits: Audit[] = (auditsByTenant.get(enrolment.tenantId) ?? []).map((a) => ({
      id: a.id,
      number: a.number,
      channel: a.channel as ChannelCode,
      date: (a.auditedAt ?? a.createdAt).toISOString(),
    }));
    if (tenantAudits.length === 0) return [];
    const answers: Answer[] = (answersByTenant.get(enrolment.tenantId) ?? []).flatMap((a) =>
      a.itemCodes.map((itemCode, i) => ({ auditId: a.auditId, itemCode, value: deserializeAnswer(a.values[i]!) })),
    );
    const card = scoreStructure(items, tenantAudits, answers);
    const proposals = proposeActions({ card, items, answers, determinantLabels, channelLabels });
    return [{ tenantId: enrolment.tenantId, category: enrolment.category, certified: certifications.length > 0, card, proposals }];
  });
}

/** A new publication version of an edition: the frozen snapshots, then the peer figures. Returns the version. */
async function freezeResults(tx: Executor, editionId: string, actorUserId: string, scored: ScoredStructure[]): Promise<number> {
  const [{ latest } = { latest: null }] = await tx.select({ latest: max(publications.version) }).from(publications).where(eq(publications.editionId, editionId));
  const version = (latest ?? 0) + 1;
  const rows = scored.map((s) => ({ tenantId: s.tenantId, editionId, version, category: s.category, certified: s.certified, globalScore: s.card.global.score, scores: s.card }));
  for (let i = 0; i < rows.length; i += 200) await tx.insert(resultSnapshots).values(rows.slice(i, i + 200));
  await tx.insert(publications).values({ editionId, version, publishedBy: actorUserId, structures: rows.length });
  await computeBenchmarks(tx, editionId, version);
  return version;
}

/**
 * Results of an edition held before the portal, scored elsewhere and loaded from AFNOR's archive
 * (the demo's past editions): frozen and benchmarked like a publication, without e-mails and
 * without enrolment transitions (the archived enrolments are already "results_published").
 */
export async function importArchivedResults(executor: Executor, editionId: string, actorUserId: string, scored: ScoredStructure[]) {
  const version = await freezeResults(executor, editionId, actorUserId, scored);
  await storeProposals(executor, { editionId, actorUserId }, scored.filter((s) => s.proposals).map((s) => ({ tenantId: s.tenantId, proposals: s.proposals! })));
  await recordAudit(executor, { tenantId: null, actorUserId, action: "results.archive_imported", targetType: "edition", targetId: editionId, details: { version, structures: scored.length } });
  return version;
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
  await enqueueEmails(
    recipients.map((r) => ({
      template: "results-published" as const,
      to: r.email,
      tenantId: r.tenantId,
      idempotencyKey: `results:${edition.id}:${version}:${r.tenantId}:${r.userId}`,
      props: { name: r.name, tenantName: r.tenantName, editionTitle: edition.title, resultsUrl: `${env().APP_URL}/t/${r.slug}/resultats` },
    })),
    tx,
  );
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

export type EditionPublicationState = {
  year: number;
  title: string;
  publicationOn: string;
  /** Structures enrolled and paid (in audit or already published). */
  enrolled: number;
  /** Structures whose audits are all submitted: the ones a publication would include. */
  ready: number;
  auditsSubmitted: number;
  auditsPlanned: number;
  latest: { version: number; publishedAt: Date; structures: number; publishedBy: string | null } | null;
};

/** What staff see before publishing: per edition, how many structures are ready and the last publication. */
export async function publicationOverview(executor: Executor = db()): Promise<EditionPublicationState[]> {
  const [editionRows, perTenant, publicationRows] = await Promise.all([
    executor.select().from(editions).where(ne(editions.status, "draft")).orderBy(desc(editions.year)),
    executor
      .select({
        editionId: enrolments.editionId,
        planned: sql<number>`count(${audits.id})::int`,
        submitted: sql<number>`(count(${audits.id}) filter (where ${audits.status} = 'submitted'))::int`,
      })
      .from(enrolments)
      .innerJoin(tenants, eq(tenants.id, enrolments.tenantId))
      .leftJoin(audits, and(eq(audits.tenantId, enrolments.tenantId), eq(audits.editionId, enrolments.editionId)))
      .where(publishable)
      .groupBy(enrolments.editionId, enrolments.tenantId),
    executor
      .select({ publication: publications, publishedBy: users.name })
      .from(publications)
      .leftJoin(users, eq(users.id, publications.publishedBy))
      .orderBy(desc(publications.version)),
  ]);
  return editionRows.map((edition) => {
    const tenants = perTenant.filter((t) => t.editionId === edition.id);
    const latest = publicationRows.find((p) => p.publication.editionId === edition.id);
    return {
      year: edition.year,
      title: edition.title,
      publicationOn: edition.publicationOn,
      enrolled: tenants.length,
      ready: tenants.filter((t) => t.planned > 0 && t.planned === t.submitted).length,
      auditsSubmitted: tenants.reduce((sum, t) => sum + t.submitted, 0),
      auditsPlanned: tenants.reduce((sum, t) => sum + t.planned, 0),
      latest: latest
        ? { version: latest.publication.version, publishedAt: latest.publication.publishedAt, structures: latest.publication.structures, publishedBy: latest.publishedBy }
        : null,
    };
  });
}
