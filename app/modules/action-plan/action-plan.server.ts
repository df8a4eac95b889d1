import { and, asc, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { db, type Executor } from "../../../db/client";
import { inTenant } from "../../../db/tenant-context";
import { actionComments, actions, editions, memberships, resultSnapshots, users, type ActionStatus } from "../../../db/schema";
import { recordAudit, recordAudits } from "../audit-log/audit-log.server";
import { snapshotScores, type ScoreSummary } from "../results/snapshot-scores.server";
import type { ScoreCard } from "../scoring/scoring";
import type { TenantContext } from "../tenancy/guard.server";
import type { Proposal } from "./proposals";
import { isOverdue, type ActionInput } from "./rules";

/**
 * Stores the proposed actions of an edition's structures. Idempotent: a proposal already stored
 * for the structure × edition × key (even edited or done since) is kept as it is, never doubled.
 */
export async function storeProposals(executor: Executor, ref: { editionId: string; actorUserId: string | null }, entries: { tenantId: string; proposals: Proposal[] }[]) {
  const rows = entries.flatMap(({ tenantId, proposals }) =>
    proposals.map((p) => ({
      tenantId,
      editionId: ref.editionId,
      proposalKey: p.key,
      title: p.title,
      description: p.description,
      determinant: p.determinant,
      channel: p.channel,
      stage: p.stage,
      baselineScore: p.score,
      impact: p.impact,
      effort: p.effort,
      priority: p.priority,
    })),
  );
  const inserted: { tenantId: string }[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    inserted.push(
      ...(await executor
        .insert(actions)
        .values(rows.slice(i, i + 500))
        .onConflictDoNothing({ target: [actions.tenantId, actions.editionId, actions.proposalKey] })
        .returning({ tenantId: actions.tenantId })),
    );
  }
  const perTenant = new Map<string, number>();
  for (const row of inserted) perTenant.set(row.tenantId, (perTenant.get(row.tenantId) ?? 0) + 1);
  await recordAudits(
    executor,
    [...perTenant].map(([tenantId, n]) => ({ tenantId, actorUserId: ref.actorUserId, action: "action_plan.proposed", targetType: "edition", targetId: ref.editionId, details: { actions: n } })),
  );
  return inserted.length;
}

export type PlanFilter = { status?: ActionStatus; channel?: string; owner?: string; overdue?: boolean };
export type PlanSort = "priorite" | "echeance" | "statut" | "titre";

const priorityRank = sql`case ${actions.priority} when 'haute' then 0 when 'moyenne' then 1 else 2 end`;
const statusRank = sql`case ${actions.status} when 'a_faire' then 0 when 'en_cours' then 1 when 'fait' then 2 else 3 end`;

/** The plan of a structure, filtered and sorted, with progress and "avant / après" per action. */
export async function listPlan(ctx: TenantContext, filter: PlanFilter = {}, sort: PlanSort = "priorite", today = new Date()) {
  return inTenant(db(), ctx.tenant.id, (tx) => readPlan(tx, ctx, filter, sort, today));
}

/** The plan page's reads in one tenant transaction: the plan (as `listPlan`) and the members an action can be assigned to. */
export async function planPage(ctx: TenantContext, filter: PlanFilter = {}, sort: PlanSort = "priorite", today = new Date()) {
  return inTenant(db(), ctx.tenant.id, async (tx) => {
    const [plan, members] = await Promise.all([readPlan(tx, ctx, filter, sort, today), readAssignableMembers(tx, ctx)]);
    return { plan, members };
  });
}

async function readPlan(tx: Executor, ctx: TenantContext, filter: PlanFilter, sort: PlanSort, today: Date) {
  const [rows, latest] = await Promise.all([
    tx
      .select({
        action: actions,
        ownerName: users.name,
        ownerEmail: users.email,
        editionYear: editions.year,
        comments: sql<number>`(select count(*)::int from ${actionComments} c where c.tenant_id = ${actions.tenantId} and c.action_id = ${actions.id})`,
      })
      .from(actions)
      .leftJoin(users, eq(users.id, actions.ownerUserId))
      .leftJoin(editions, eq(editions.id, actions.editionId))
      .where(and(eq(actions.tenantId, ctx.tenant.id), isNull(actions.deletedAt)))
      .orderBy(
        ...(sort === "echeance"
          ? [sql`${actions.dueOn} asc nulls last`, priorityRank]
          : sort === "statut"
            ? [statusRank, priorityRank]
            : sort === "titre"
              ? [asc(actions.title)]
              : [priorityRank, desc(actions.impact)]),
        asc(actions.createdAt),
        asc(actions.id),
      ),
    latestCard(tx, ctx.tenant.id),
  ]);
  const all = rows.map((row) => {
    const after = latest && row.editionYear !== null && latest.year > row.editionYear ? scoreOf(latest.card, row.action) : null;
    return {
      ...row.action,
      ownerName: row.ownerName ?? row.ownerEmail,
      editionYear: row.editionYear,
      comments: row.comments,
      overdue: isOverdue(row.action, today),
      before: row.action.baselineScore,
      after,
      afterYear: after === null ? null : latest!.year,
    };
  });
  const visible = all.filter(
    (a) =>
      (!filter.status || a.status === filter.status) &&
      (!filter.channel || a.channel === filter.channel) &&
      (!filter.owner || (filter.owner === "personne" ? a.ownerUserId === null : a.ownerUserId === filter.owner)) &&
      (!filter.overdue || a.overdue),
  );
  const active = all.filter((a) => a.status !== "abandonne");
  return {
    actions: visible,
    progress: {
      total: all.length,
      /** Actions still meant to be done: all but the abandoned ones. */
      active: active.length,
      done: all.filter((a) => a.status === "fait").length,
      // Share of the actions still meant to be done (abandoned ones left out) that are done.
      doneShare: active.length === 0 ? 0 : all.filter((a) => a.status === "fait").length / active.length,
      overdue: all.filter((a) => a.overdue).length,
    },
  };
}

/** The structure's latest published scores (its latest edition, latest version). */
async function latestCard(tx: Executor, tenantId: string) {
  const [row] = await tx
    .select({ id: resultSnapshots.id, year: editions.year })
    .from(resultSnapshots)
    .innerJoin(editions, eq(editions.id, resultSnapshots.editionId))
    .where(eq(resultSnapshots.tenantId, tenantId))
    .orderBy(desc(editions.year), desc(resultSnapshots.version))
    .limit(1);
  if (!row) return null;
  // The snapshot is frozen: its scores are read once per process, not its whole jsonb per request.
  const card = await snapshotScores(tx, { tenantId, id: row.id });
  return card ? { year: row.year, card } : null;
}

/** The score an action targets in a score card: its determinant's, else its channel's. */
export function scoreOf(card: ScoreCard | ScoreSummary, action: { determinant: string | null; channel: string | null }): number | null {
  if (action.determinant) return card.determinants[action.determinant]?.score ?? null;
  if (action.channel) return (card.channels as ScoreSummary["channels"])[action.channel]?.score ?? null;
  return null;
}

/** The members an action can be assigned to. */
export async function assignableMembers(ctx: TenantContext) {
  return inTenant(db(), ctx.tenant.id, (tx) => readAssignableMembers(tx, ctx));
}

function readAssignableMembers(tx: Executor, ctx: TenantContext) {
  return tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, ctx.tenant.id), inArray(memberships.role, ["owner", "member"])))
    .orderBy(asc(users.name), asc(users.email));
}

/** One action with its comments, or null when it is not this structure's (→ 404). */
export async function getAction(ctx: TenantContext, actionId: string) {
  return inTenant(db(), ctx.tenant.id, async (tx) => {
    // Both reads at once (the comments of an action that does not exist are none).
    const [[row], comments] = await Promise.all([
      tx
        .select({ action: actions, ownerName: users.name, editionYear: editions.year })
        .from(actions)
        .leftJoin(users, eq(users.id, actions.ownerUserId))
        .leftJoin(editions, eq(editions.id, actions.editionId))
        .where(and(eq(actions.tenantId, ctx.tenant.id), eq(actions.id, actionId), isNull(actions.deletedAt))),
      tx
        .select({ id: actionComments.id, body: actionComments.body, createdAt: actionComments.createdAt, authorName: users.name, authorEmail: users.email })
        .from(actionComments)
        .leftJoin(users, eq(users.id, actionComments.authorUserId))
        .where(and(eq(actionComments.tenantId, ctx.tenant.id), eq(actionComments.actionId, actionId)))
        .orderBy(asc(actionComments.createdAt), asc(actionComments.id)),
    ]);
    if (!row) return null;
    return { ...row.action, ownerName: row.ownerName, editionYear: row.editionYear, comments };
  });
}

type Outcome = { ok: true; id: string; message: string } | { ok: false; message: string; field?: keyof ActionInput };

async function ownerIsAssignable(tx: Executor, tenantId: string, ownerUserId: string | null) {
  if (!ownerUserId) return true;
  const [row] = await tx
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, ownerUserId), inArray(memberships.role, ["owner", "member"])));
  return (row?.n ?? 0) > 0;
}

const notAssignable = { ok: false as const, field: "ownerUserId" as const, message: "Choisissez un responsable parmi les membres qui peuvent agir sur le plan." };

export async function createAction(ctx: TenantContext, input: ActionInput): Promise<Outcome> {
  return inTenant(db(), ctx.tenant.id, async (tx) => {
    if (!(await ownerIsAssignable(tx, ctx.tenant.id, input.ownerUserId))) return notAssignable;
    const [row] = await tx
      .insert(actions)
      .values({ tenantId: ctx.tenant.id, ...input, createdBy: ctx.user.id, completedAt: input.status === "fait" ? new Date() : null })
      .returning({ id: actions.id });
    await recordAudit(tx, { tenantId: ctx.tenant.id, actorUserId: ctx.user.id, action: "action.created", targetType: "action", targetId: row!.id, details: { ...input } });
    return { ok: true as const, id: row!.id, message: "Action ajoutée au plan." };
  });
}

/** Changes an action; only the fields given. Null when the action is not this structure's. */
export async function updateAction(ctx: TenantContext, actionId: string, change: Partial<ActionInput>): Promise<Outcome | null> {
  return inTenant(db(), ctx.tenant.id, async (tx) => {
    const [current] = await tx
      .select()
      .from(actions)
      .where(and(eq(actions.tenantId, ctx.tenant.id), eq(actions.id, actionId), isNull(actions.deletedAt)))
      .for("update");
    if (!current) return null;
    if (change.ownerUserId !== undefined && !(await ownerIsAssignable(tx, ctx.tenant.id, change.ownerUserId))) return notAssignable;
    const changed = Object.fromEntries(Object.entries(change).filter(([key, value]) => current[key as keyof typeof current] !== value));
    if (Object.keys(changed).length === 0) return { ok: true as const, id: actionId, message: "Aucune modification." };
    const completedAt = change.status === undefined ? current.completedAt : change.status === "fait" ? (current.completedAt ?? new Date()) : null;
    await tx
      .update(actions)
      .set({ ...changed, completedAt, updatedAt: new Date() })
      .where(and(eq(actions.tenantId, ctx.tenant.id), eq(actions.id, actionId)));
    await recordAudit(tx, {
      tenantId: ctx.tenant.id,
      actorUserId: ctx.user.id,
      action: "action.updated",
      targetType: "action",
      targetId: actionId,
      details: Object.fromEntries(Object.entries(changed).map(([key, value]) => [key, { avant: current[key as keyof typeof current], après: value }])),
    });
    return { ok: true as const, id: actionId, message: "Action mise à jour." };
  });
}

export async function deleteAction(ctx: TenantContext, actionId: string): Promise<boolean> {
  return inTenant(db(), ctx.tenant.id, async (tx) => {
    const [deleted] = await tx
      .update(actions)
      .set({ deletedAt: new Date() })
      .where(and(eq(actions.tenantId, ctx.tenant.id), eq(actions.id, actionId), isNull(actions.deletedAt)))
      .returning({ id: actions.id, title: actions.title });
    if (!deleted) return false;
    await recordAudit(tx, { tenantId: ctx.tenant.id, actorUserId: ctx.user.id, action: "action.deleted", targetType: "action", targetId: actionId, details: { title: deleted.title } });
    return true;
  });
}

export async function addComment(ctx: TenantContext, actionId: string, body: string): Promise<boolean> {
  return inTenant(db(), ctx.tenant.id, async (tx) => {
    const [exists] = await tx
      .select({ id: actions.id })
      .from(actions)
      .where(and(eq(actions.tenantId, ctx.tenant.id), eq(actions.id, actionId), isNull(actions.deletedAt)));
    if (!exists) return false;
    const [comment] = await tx.insert(actionComments).values({ tenantId: ctx.tenant.id, actionId, authorUserId: ctx.user.id, body }).returning({ id: actionComments.id });
    await recordAudit(tx, { tenantId: ctx.tenant.id, actorUserId: ctx.user.id, action: "action.commented", targetType: "action", targetId: actionId, details: { commentId: comment!.id } });
    return true;
  });
}
