import { and, asc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { db, type Executor } from "../../../db/client";
import { inTenant } from "../../../db/tenant-context";
import { auditAnswers, audits, editions, enrolments, referentialItems, referentials, staffRoles, stages, tenants, users } from "../../../db/schema";
import { recordAudit } from "../audit-log/audit-log.server";
import type { StaffRole } from "../auth/guards.server";
import { channelLabels } from "../editions/audit-plan";
import { applyEnrolmentTransition } from "../enrolment/enrolment.server";
import type { AnswerValue, ChannelCode, StageCode } from "../scoring/scoring";
import { parseAnswerValue, serializeAnswer } from "./answer-value";
import { auditSchedule } from "./schedule";
import type { AuditStatus } from "./status";

/*
 * The mystery audits of paid enrolments, in the back-office (system context: staff work across
 * tenants by design; every query still names the tenant of the audit it touches). Tenants only
 * ever read their progress, under their own row-level security context.
 */

// ── Planning ─────────────────────────────────────────────────────────────────────────────

/**
 * Creates the edition's planned audits of an enrolment (12, or 13 with the on-site visit). Call it
 * in the transaction that marks the enrolment paid. Idempotent: a number already planned is kept
 * as it is (with its auditor, answers and status).
 */
export async function planAudits(executor: Executor, ref: { tenantId: string; enrolmentId: string }) {
  const [row] = await executor
    .select({
      editionId: enrolments.editionId,
      onsiteVisit: enrolments.onsiteVisit,
      onsiteVisitOptional: editions.onsiteVisitOptional,
      auditPlan: editions.auditPlan,
      auditStartsOn: editions.auditStartsOn,
      auditEndsOn: editions.auditEndsOn,
    })
    .from(enrolments)
    .innerJoin(editions, eq(editions.id, enrolments.editionId))
    .where(and(eq(enrolments.tenantId, ref.tenantId), eq(enrolments.id, ref.enrolmentId)));
  if (!row) return { planned: 0, created: 0 };
  const schedule = auditSchedule(row.auditPlan, {
    // An on-site visit that is not optional in this edition is part of every enrolment.
    withOnsiteVisit: row.onsiteVisit || !row.onsiteVisitOptional,
    startsOn: row.auditStartsOn,
    endsOn: row.auditEndsOn,
  });
  if (schedule.length === 0) return { planned: 0, created: 0 };
  const created = await executor
    .insert(audits)
    .values(schedule.map((slot) => ({ tenantId: ref.tenantId, editionId: row.editionId, enrolmentId: ref.enrolmentId, status: "planned" as const, ...slot })))
    .onConflictDoNothing({ target: [audits.tenantId, audits.editionId, audits.number] })
    .returning({ id: audits.id });
  return { planned: schedule.length, created: created.length };
}

// ── Assignment and lists (admin, auditors) ────────────────────────────────────────────────

/** Active staff members with the auditor role, by name. */
export async function listAuditors() {
  return db()
    .select({ id: users.id, name: users.name, email: users.email })
    .from(staffRoles)
    .innerJoin(users, eq(users.id, staffRoles.userId))
    .where(and(eq(staffRoles.role, "auditor"), eq(staffRoles.active, true)))
    .orderBy(asc(users.name), asc(users.email));
}

type Outcome = { ok: true; message: string } | { ok: false; message: string };

/** Admin: gives audits to an auditor (or takes them back with `null`), logged per tenant. */
export async function assignAudits(actorUserId: string, auditIds: string[], auditorUserId: string | null): Promise<Outcome> {
  if (auditIds.length === 0) return { ok: false, message: "Choisissez au moins un audit." };
  let auditorName: string | null = null;
  if (auditorUserId) {
    const auditor = (await listAuditors()).find((a) => a.id === auditorUserId);
    if (!auditor) return { ok: false, message: "Cette personne n'est pas (ou plus) auditrice ou auditeur." };
    auditorName = auditor.name ?? auditor.email;
  }
  return db().transaction(async (tx) => {
    const changed = await tx
      .update(audits)
      .set({ auditorUserId })
      .where(inArray(audits.id, auditIds))
      .returning({ tenantId: audits.tenantId, id: audits.id, number: audits.number });
    if (changed.length === 0) return { ok: false as const, message: "Audit introuvable." };
    for (const audit of changed) {
      await recordAudit(tx, {
        tenantId: audit.tenantId,
        actorUserId,
        action: auditorUserId ? "audit.assigned" : "audit.unassigned",
        targetType: "audit",
        targetId: audit.id,
        details: { number: audit.number, auditorUserId },
      });
    }
    const what = changed.length === 1 ? `L'audit n° ${changed[0]!.number}` : `${changed.length} audits`;
    return {
      ok: true as const,
      message: auditorName
        ? `${what} ${changed.length === 1 ? "est affecté" : "sont affectés"} à ${auditorName}.`
        : `${what} ${changed.length === 1 ? "n'a" : "n'ont"} plus d'auditeur.`,
    };
  });
}

/** What a list row or an entry page says of an audit (with tenants, editions and auditor users joined). */
const auditSummary = {
  id: audits.id,
  tenantName: tenants.name,
  editionYear: editions.year,
  number: audits.number,
  channel: audits.channel,
  scenario: audits.scenario,
  status: audits.status,
  plannedOn: audits.plannedOn,
  auditorUserId: audits.auditorUserId,
  auditorName: users.name,
};

export type AuditListFilter = { year?: number; status?: AuditStatus; auditorUserId?: string; unassigned?: boolean; limit?: number };

export async function listAllAudits(filter: AuditListFilter = {}) {
  const conditions: SQL[] = [];
  if (filter.year !== undefined) conditions.push(eq(editions.year, filter.year));
  if (filter.status) conditions.push(eq(audits.status, filter.status));
  if (filter.auditorUserId) conditions.push(eq(audits.auditorUserId, filter.auditorUserId));
  if (filter.unassigned) conditions.push(isNull(audits.auditorUserId));
  const query = db()
    .select(auditSummary)
    .from(audits)
    .innerJoin(tenants, eq(tenants.id, audits.tenantId))
    .innerJoin(editions, eq(editions.id, audits.editionId))
    .leftJoin(users, eq(users.id, audits.auditorUserId))
    .where(and(...conditions))
    .orderBy(asc(audits.plannedOn), asc(tenants.name), asc(audits.number));
  const rows = filter.limit ? await query.limit(filter.limit) : await query;
  return rows.map((row) => ({ ...row, channel: row.channel as ChannelCode }));
}

/** An auditor's audits, every edition, by planned date. */
export function listAuditorAssignments(auditorUserId: string) {
  return listAllAudits({ auditorUserId });
}

// ── Entry ─────────────────────────────────────────────────────────────────────────────────

export type AuditActor = { userId: string; roles: readonly StaffRole[] };

/** Who may enter an audit, as data: admins any audit, auditors the audits assigned to them. */
const auditEntryAccess: Record<StaffRole, "any" | "assigned" | "none"> = { admin: "any", auditor: "assigned", sales: "none" };

export function canEnterAudit(actor: AuditActor, audit: { auditorUserId: string | null }) {
  return actor.roles.some((role) => auditEntryAccess[role] === "any" || (auditEntryAccess[role] === "assigned" && audit.auditorUserId === actor.userId));
}

export function requireAuditEntry(actor: AuditActor, audit: { auditorUserId: string | null }) {
  if (!canEnterAudit(actor, audit)) throw new Response("Cet audit n'est pas affecté à votre compte.", { status: 403 });
}

export type EntryItem = { code: string; label: string; answerType: "yes_no" | "scale" | "measure"; unit: string | null };
export type StoredAnswer = { value: string; comment: string | null };

/** An audit with what its entry form needs: the items of its channel by stage, and the answers so far. */
export async function getAuditForEntry(auditId: string, executor: Executor = db()) {
  const [audit] = await executor
    .select({
      ...auditSummary,
      tenantId: audits.tenantId,
      editionId: audits.editionId,
      enrolmentId: audits.enrolmentId,
      auditedAt: audits.auditedAt,
      submittedAt: audits.submittedAt,
      enrolmentStatus: enrolments.status,
    })
    .from(audits)
    .innerJoin(tenants, eq(tenants.id, audits.tenantId))
    .innerJoin(editions, eq(editions.id, audits.editionId))
    .innerJoin(enrolments, and(eq(enrolments.tenantId, audits.tenantId), eq(enrolments.id, audits.enrolmentId)))
    .leftJoin(users, eq(users.id, audits.auditorUserId))
    .where(eq(audits.id, auditId));
  if (!audit) return null;
  const items = await executor
    .select({
      code: referentialItems.code,
      label: referentialItems.label,
      answerType: referentialItems.answerType,
      unit: referentialItems.unit,
      stage: stages.code,
      stageLabel: stages.label,
    })
    .from(referentialItems)
    .innerJoin(referentials, eq(referentials.id, referentialItems.referentialId))
    .innerJoin(stages, eq(stages.code, referentialItems.stage))
    .where(and(eq(referentials.editionId, audit.editionId), eq(referentialItems.channel, audit.channel)))
    .orderBy(asc(stages.position), asc(referentialItems.position), asc(referentialItems.code));
  const stageGroups: { code: StageCode; label: string; items: EntryItem[] }[] = [];
  for (const { stage, stageLabel, ...item } of items) {
    let group = stageGroups.at(-1);
    if (group?.code !== stage) stageGroups.push((group = { code: stage as StageCode, label: stageLabel, items: [] }));
    group.items.push(item);
  }
  const answerRows = await executor
    .select({ itemCode: auditAnswers.itemCode, value: auditAnswers.value, comment: auditAnswers.comment })
    .from(auditAnswers)
    .where(and(eq(auditAnswers.tenantId, audit.tenantId), eq(auditAnswers.auditId, audit.id)));
  const answers: Record<string, StoredAnswer> = Object.fromEntries(answerRows.map((a) => [a.itemCode, { value: a.value, comment: a.comment }]));
  return { audit: { ...audit, channel: audit.channel as ChannelCode, status: audit.status as AuditStatus }, stages: stageGroups, answers };
}

export type AuditForEntry = NonNullable<Awaited<ReturnType<typeof getAuditForEntry>>>;

export type RawAnswers = Record<string, { value: string; comment?: string | null }>;

export type SaveOutcome =
  { ok: true; status: AuditStatus; corrected: boolean; changedItems: string[] } | { ok: false; message: string; errors: Record<string, string> };

const MAX_COMMENT = 1000;

/** Why the answers of an audit can no longer (or not yet) change, by enrolment status. */
function lockedReason(enrolmentStatus: string): string | null {
  if (enrolmentStatus === "paid" || enrolmentStatus === "in_audit") return null;
  if (enrolmentStatus === "results_published") return "Les résultats de cette édition sont publiés : l'audit ne peut plus être modifié.";
  if (enrolmentStatus === "cancelled" || enrolmentStatus === "refunded")
    return "L'inscription de cette structure est annulée : l'audit ne peut plus être saisi.";
  return "L'inscription de cette structure n'est pas encore payée : l'audit ne peut pas être saisi.";
}

export function auditLockedReason(audit: Pick<AuditForEntry["audit"], "enrolmentStatus">) {
  return lockedReason(audit.enrolmentStatus);
}

function plural(n: number, word: string) {
  return `${n} ${word}${n > 1 ? "s" : ""}`;
}

/**
 * Saves an auditor's answers, all or nothing. Each value is read by parseAnswerValue (French
 * message per item); an empty value clears a draft answer. "submit" also requires every item of
 * the channel to be answered ("na" allowed), marks the audit submitted and moves the enrolment
 * paid → in_audit on its first submitted audit. A submitted audit stays submitted: saving it again
 * is a correction (complete, logged item by item), refused once the results are published.
 */
export async function saveAuditAnswers(actor: AuditActor, auditId: string, rawAnswers: RawAnswers, mode: "draft" | "submit"): Promise<SaveOutcome> {
  const entry = await getAuditForEntry(auditId);
  if (!entry) throw new Response("Audit introuvable", { status: 404 });
  requireAuditEntry(actor, entry.audit);
  const items = new Map(entry.stages.flatMap((stage) => stage.items).map((item) => [item.code, item]));

  const errors: Record<string, string> = {};
  const parsed = new Map<string, { value: AnswerValue; comment: string | null } | null>(); // null: cleared
  for (const [code, raw] of Object.entries(rawAnswers)) {
    const item = items.get(code);
    if (!item) {
      errors[code] = `L'item ${code} ne fait pas partie des items « ${channelLabels[entry.audit.channel]} » de cet audit.`;
      continue;
    }
    const value = raw.value.trim();
    const comment = raw.comment?.trim() || null;
    if (comment && comment.length > MAX_COMMENT) errors[code] = `Le commentaire de ${code} dépasse ${MAX_COMMENT} caractères.`;
    // PostgreSQL stores no NUL byte in text: refused here rather than failing the insert.
    else if (comment?.includes("\u0000")) errors[code] = `Le commentaire de ${code} contient un caractère invisible non autorisé (caractère nul) : retirez-le.`;
    else if (value === "" && comment) errors[code] = `Répondez à ${code} pour enregistrer son commentaire.`;
    else if (value === "") parsed.set(code, null);
    else {
      const result = parseAnswerValue(item, value);
      if (result.ok) parsed.set(code, { value: result.value, comment });
      else errors[code] = result.message;
    }
  }
  const invalid = Object.keys(errors).length;
  if (invalid > 0) return { ok: false, message: `Rien n'a été enregistré : ${plural(invalid, "réponse")} à corriger.`, errors };

  return db().transaction(async (tx) => {
    // Locks: concurrent saves of one audit, and a publication of the enrolment, wait for each other.
    const [enrolment] = await tx
      .select({ status: enrolments.status })
      .from(enrolments)
      .where(and(eq(enrolments.tenantId, entry.audit.tenantId), eq(enrolments.id, entry.audit.enrolmentId)))
      .for("update");
    const [audit] = await tx
      .select({ status: audits.status, auditorUserId: audits.auditorUserId })
      .from(audits)
      .where(and(eq(audits.tenantId, entry.audit.tenantId), eq(audits.id, auditId)))
      .for("update");
    if (!enrolment || !audit) throw new Response("Audit introuvable", { status: 404 });
    requireAuditEntry(actor, audit);
    const locked = lockedReason(enrolment.status);
    if (locked) return { ok: false as const, message: locked, errors: {} };

    const wasSubmitted = audit.status === "submitted";
    const submitting = mode === "submit" || wasSubmitted;
    const existingRows = await tx
      .select({ itemCode: auditAnswers.itemCode, value: auditAnswers.value, comment: auditAnswers.comment })
      .from(auditAnswers)
      .where(and(eq(auditAnswers.tenantId, entry.audit.tenantId), eq(auditAnswers.auditId, auditId)));
    const existing = new Map(existingRows.map((row) => [row.itemCode, row]));

    if (submitting) {
      const missing = [...items.values()].filter((item) => (parsed.has(item.code) ? parsed.get(item.code) === null : !existing.has(item.code)));
      if (missing.length > 0) {
        const missingErrors = Object.fromEntries(
          missing.map((item) => [item.code, `Réponse manquante pour ${item.code} : répondez « na » si l'item est sans objet.`]),
        );
        const message = wasSubmitted
          ? `Correction refusée : ${plural(missing.length, "item")} sans réponse. Un audit validé doit rester complet.`
          : `Audit non validé : ${plural(missing.length, "item")} sans réponse. Rien n'a été enregistré.`;
        return { ok: false as const, message, errors: missingErrors };
      }
    }

    const changes: { item: string; before: StoredAnswer | null; after: StoredAnswer | null }[] = [];
    const upserts: (typeof auditAnswers.$inferInsert)[] = [];
    const cleared: string[] = [];
    for (const [code, answer] of parsed) {
      const before = existing.get(code);
      const beforeAnswer = before ? { value: before.value, comment: before.comment } : null;
      if (answer === null) {
        if (before) {
          cleared.push(code);
          changes.push({ item: code, before: beforeAnswer, after: null });
        }
        continue;
      }
      const after = { value: serializeAnswer(answer.value), comment: answer.comment };
      if (before && before.value === after.value && before.comment === after.comment) continue;
      changes.push({ item: code, before: beforeAnswer, after });
      const measured = items.get(code)?.answerType === "measure" && typeof answer.value === "number" ? answer.value : null;
      upserts.push({ tenantId: entry.audit.tenantId, auditId, itemCode: code, value: after.value, measuredValue: measured, comment: after.comment });
    }
    if (upserts.length > 0) {
      await tx
        .insert(auditAnswers)
        .values(upserts)
        .onConflictDoUpdate({
          target: [auditAnswers.tenantId, auditAnswers.auditId, auditAnswers.itemCode],
          set: { value: sql`excluded.value`, measuredValue: sql`excluded.measured_value`, comment: sql`excluded.comment`, updatedAt: sql`now()` },
        });
    }
    if (cleared.length > 0) {
      await tx
        .delete(auditAnswers)
        .where(and(eq(auditAnswers.tenantId, entry.audit.tenantId), eq(auditAnswers.auditId, auditId), inArray(auditAnswers.itemCode, cleared)));
    }

    const where = and(eq(audits.tenantId, entry.audit.tenantId), eq(audits.id, auditId));
    const auditRef = { tenantId: entry.audit.tenantId, actorUserId: actor.userId, targetType: "audit", targetId: auditId };
    const about = { number: entry.audit.number, channel: entry.audit.channel };
    if (wasSubmitted) {
      if (changes.length > 0) await recordAudit(tx, { ...auditRef, action: "audit.corrected", details: { ...about, changes } });
    } else if (submitting) {
      await tx
        .update(audits)
        .set({ status: "submitted", submittedAt: sql`now()`, auditedAt: sql`coalesce(${audits.auditedAt}, now())` })
        .where(where);
      await recordAudit(tx, { ...auditRef, action: "audit.submitted", details: { ...about, answers: items.size } });
      if (enrolment.status === "paid") {
        await applyEnrolmentTransition(tx, { tenantId: entry.audit.tenantId, enrolmentId: entry.audit.enrolmentId }, "in_audit", {
          source: "audit",
          actorUserId: actor.userId,
        });
      }
    } else if (audit.status === "planned") {
      await tx.update(audits).set({ status: "draft" }).where(where);
    }
    return {
      ok: true as const,
      status: submitting ? ("submitted" as const) : ("draft" as const),
      corrected: wasSubmitted,
      changedItems: changes.map((c) => c.item),
    };
  });
}

// ── Tenant portal ─────────────────────────────────────────────────────────────────────────

/**
 * How far the audits of a structure are, the only thing a tenant sees of them before publication
 * (never a score nor an answer). Read under the tenant's own row-level security context.
 */
export async function auditProgress(tenantId: string, editionId: string): Promise<{ done: number; planned: number }> {
  return inTenant(db(), tenantId, async (tx) => {
    const [row] = await tx
      .select({ done: sql<number>`(count(*) filter (where ${audits.status} = 'submitted'))::int`, planned: sql<number>`count(*)::int` })
      .from(audits)
      .where(and(eq(audits.tenantId, tenantId), eq(audits.editionId, editionId)));
    return { done: row?.done ?? 0, planned: row?.planned ?? 0 };
  });
}

// ── Referential ───────────────────────────────────────────────────────────────────────────

/** How many answers the audits of an edition hold: once there is one, its referential may not change. */
export async function countEditionAnswers(executor: Executor, editionId: string): Promise<number> {
  const [row] = await executor
    .select({ answers: sql<number>`count(*)::int` })
    .from(auditAnswers)
    .innerJoin(audits, and(eq(audits.tenantId, auditAnswers.tenantId), eq(audits.id, auditAnswers.auditId)))
    .where(eq(audits.editionId, editionId));
  return row?.answers ?? 0;
}
