import { and, eq, inArray, sql } from "drizzle-orm";
import { db, type Executor } from "../../../db/client";
import { inTenant } from "../../../db/tenant-context";
import { enrolments, enrolmentTransitions, tenants } from "../../../db/schema";
import { recordAudit, recordAudits } from "../audit-log/audit-log.server";
import { priceBreakdown } from "../billing/pricing";
import { getCategoryPrice, getOpenEdition, type Edition } from "../editions/editions.server";
import { isUniqueViolation } from "../tenancy/tenants.server";
import type { TenantContext } from "../tenancy/guard.server";
import { canTransition, enrolmentStatusLabels, type EnrolmentStatus } from "./state-machine";

export type Enrolment = typeof enrolments.$inferSelect;

/** The price of enrolling this structure, computed on the server from the edition's grid. */
export async function quoteEnrolment(category: string, edition: Edition, onsiteVisit: boolean, executor: Executor = db()) {
  const base = await getCategoryPrice(edition.id, category, executor);
  if (base === null) return null;
  const lines = [{ label: `${edition.title} — 13 audits mystères, résultats et rapport`, amountHtCents: base }];
  if (onsiteVisit && edition.onsiteVisitPriceCents > 0) lines.push({ label: "Option : visite mystère sur place", amountHtCents: edition.onsiteVisitPriceCents });
  return { baseHtCents: base, onsiteHtCents: onsiteVisit ? edition.onsiteVisitPriceCents : 0, ...priceBreakdown(lines) };
}

export type EnrolmentInput = {
  onsiteVisit: boolean;
  paymentPath: "card" | "invoice";
  billingContactName: string;
  billingContactEmail: string;
  billingAddress: string;
  purchaseOrderNumber?: string | null;
  engagementNumber?: string | null;
  chorusServiceCode?: string | null;
  /** The buyer's statements about its Chorus Pro structure (shown to sales with each invoice). */
  serviceCodeRequired?: boolean;
  engagementRequired?: boolean;
  payerSiret?: string | null;
  termsVersion: string;
};

type SubmitOutcome = { ok: true; enrolment: Enrolment } | { ok: false; message: string };

/**
 * Records the enrolment with its price frozen, moving it draft → awaiting_payment. The database's
 * unique (tenant, edition) constraint guarantees one enrolment even under concurrent submissions.
 */
export async function submitEnrolment(ctx: TenantContext, input: EnrolmentInput): Promise<SubmitOutcome> {
  const edition = await getOpenEdition();
  if (!edition) return { ok: false, message: "Aucune édition n'est ouverte aux inscriptions actuellement." };
  if (input.termsVersion !== edition.termsVersion)
    return { ok: false, message: "Les conditions générales ont changé : relisez-les puis validez à nouveau." };
  try {
    const enrolment = await inTenant(db(), ctx.tenant.id, async (tx) => {
      const [tenant] = await tx.select({ category: tenants.category, siret: tenants.siret }).from(tenants).where(eq(tenants.id, ctx.tenant.id));
      if (!tenant) throw new Response("Structure introuvable", { status: 404 });
      const quote = await quoteEnrolment(tenant.category, edition, input.onsiteVisit && edition.onsiteVisitOptional, tx);
      if (!quote) throw new Error(`no price for category ${tenant.category} in edition ${edition.year}`);
      const [created] = await tx
        .insert(enrolments)
        .values({
          tenantId: ctx.tenant.id,
          editionId: edition.id,
          status: "awaiting_payment",
          category: tenant.category,
          basePriceHtCents: quote.baseHtCents,
          onsiteVisit: quote.onsiteHtCents > 0,
          onsiteVisitHtCents: quote.onsiteHtCents,
          totalHtCents: quote.totalHtCents,
          vatCents: quote.vatCents,
          totalTtcCents: quote.totalTtcCents,
          paymentPath: input.paymentPath,
          billingContactName: input.billingContactName,
          billingContactEmail: input.billingContactEmail,
          billingAddress: input.billingAddress,
          purchaseOrderNumber: input.purchaseOrderNumber || null,
          engagementNumber: input.engagementNumber || null,
          chorusServiceCode: input.chorusServiceCode || null,
          serviceCodeRequired: input.serviceCodeRequired ?? false,
          engagementRequired: input.engagementRequired ?? false,
          payerSiret: input.payerSiret || tenant.siret,
          termsVersion: input.termsVersion,
          termsAcceptedAt: sql`now()`,
          createdBy: ctx.user.id,
        })
        .returning();
      if (!created) throw new Error("enrolment insert failed");
      await tx.insert(enrolmentTransitions).values([
        { tenantId: ctx.tenant.id, enrolmentId: created.id, fromStatus: null, toStatus: "draft", source: "portail" },
        { tenantId: ctx.tenant.id, enrolmentId: created.id, fromStatus: "draft", toStatus: "awaiting_payment", source: "portail" },
      ]);
      await recordAudit(tx, {
        tenantId: ctx.tenant.id,
        actorUserId: ctx.user.id,
        action: "enrolment.submitted",
        targetType: "enrolment",
        targetId: created.id,
        details: { edition: edition.year, totalHtCents: quote.totalHtCents, paymentPath: input.paymentPath },
      });
      return created;
    });
    return { ok: true, enrolment };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, message: `Votre structure est déjà inscrite à l'édition ${edition.year}.` };
    throw error;
  }
}

export async function getTenantEnrolment(ctx: TenantContext, editionId: string) {
  return inTenant(db(), ctx.tenant.id, async (tx) => {
    const [row] = await tx
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.tenantId, ctx.tenant.id), eq(enrolments.editionId, editionId)));
    return row ?? null;
  });
}

export async function listEnrolmentTransitions(ctx: TenantContext, enrolmentId: string) {
  return inTenant(db(), ctx.tenant.id, (tx) =>
    tx
      .select()
      .from(enrolmentTransitions)
      .where(and(eq(enrolmentTransitions.tenantId, ctx.tenant.id), eq(enrolmentTransitions.enrolmentId, enrolmentId)))
      .orderBy(enrolmentTransitions.at),
  );
}

export type TransitionOutcome = { applied: true; from: EnrolmentStatus } | { applied: false; reason: string };

/**
 * Moves an enrolment to a new status if the state machine allows it, under a row lock, with a
 * timestamped transition row and an audit entry. Illegal or repeated moves change nothing, which
 * is what makes duplicated or re-ordered payment events harmless.
 */
export async function applyEnrolmentTransition(
  executor: Executor,
  ref: { tenantId: string; enrolmentId: string },
  to: EnrolmentStatus,
  meta: { source: string; actorUserId?: string | null; reason?: string },
): Promise<TransitionOutcome> {
  const [outcome] = await applyEnrolmentTransitions(executor, [ref], to, meta);
  return outcome!;
}

/** Enrolments moved per statement by applyEnrolmentTransitions. */
const TRANSITION_BATCH = 1000;

/**
 * `applyEnrolmentTransition` for many enrolments (a publication moves thousands at once): the same
 * rows and outcomes, one per ref in order, in four statements per TRANSITION_BATCH refs instead of four each.
 */
export async function applyEnrolmentTransitions(
  executor: Executor,
  refs: { tenantId: string; enrolmentId: string }[],
  to: EnrolmentStatus,
  meta: { source: string; actorUserId?: string | null; reason?: string },
): Promise<TransitionOutcome[]> {
  const outcomes: TransitionOutcome[] = [];
  for (let start = 0; start < refs.length; start += TRANSITION_BATCH) {
    const batch = refs.slice(start, start + TRANSITION_BATCH);
    const locked = await executor
      .select({ tenantId: enrolments.tenantId, id: enrolments.id, status: enrolments.status })
      .from(enrolments)
      .where(inArray(enrolments.id, [...new Set(batch.map((ref) => ref.enrolmentId))]))
      .for("update");
    // Enrolment ids are unique: a row of another tenant is "not found", as with tenant_id = … and id = ….
    const current = new Map(locked.map((row) => [`${row.tenantId}:${row.id}`, row.status as EnrolmentStatus]));
    const applied: { ref: { tenantId: string; enrolmentId: string }; from: EnrolmentStatus }[] = [];
    for (const ref of batch) {
      const key = `${ref.tenantId}:${ref.enrolmentId}`;
      const from = current.get(key);
      if (!from) outcomes.push({ applied: false, reason: "Inscription introuvable." });
      else if (!canTransition(from, to)) outcomes.push({ applied: false, reason: `Passage impossible de « ${enrolmentStatusLabels[from]} » à « ${enrolmentStatusLabels[to]} ».` });
      else {
        // A ref listed twice moves once: the second sees the new status, as it would one call later.
        current.set(key, to);
        applied.push({ ref, from });
        outcomes.push({ applied: true, from });
      }
    }
    if (applied.length === 0) continue;
    await executor
      .update(enrolments)
      .set({
        status: to,
        statusChangedAt: sql`now()`,
        ...(to === "paid" ? { paidAt: sql`now()` } : {}),
        ...(to === "cancelled" ? { cancelledAt: sql`now()`, cancelReason: meta.reason ?? null } : {}),
      })
      .where(inArray(enrolments.id, [...new Set(applied.map(({ ref }) => ref.enrolmentId))]));
    await executor
      .insert(enrolmentTransitions)
      .values(applied.map(({ ref, from }) => ({ tenantId: ref.tenantId, enrolmentId: ref.enrolmentId, fromStatus: from, toStatus: to, source: meta.source })));
    await recordAudits(
      executor,
      applied.map(({ ref, from }) => ({
        tenantId: ref.tenantId,
        actorUserId: meta.actorUserId ?? null,
        action: `enrolment.${to}`,
        targetType: "enrolment",
        targetId: ref.enrolmentId,
        details: { from, to, source: meta.source, ...(meta.reason ? { reason: meta.reason } : {}) },
      })),
    );
  }
  return outcomes;
}
