import { and, asc, eq } from "drizzle-orm";
import { db } from "../../../db/client";
import { editions, enrolments, invoices, payments, tenants } from "../../../db/schema";
import { notifyEnrolmentCancelled } from "../billing/notifications.server";
import { stripe } from "../billing/stripe.server";
import { recordAudit } from "../audit-log/audit-log.server";
import { applyEnrolmentTransition } from "./enrolment.server";
import { canTransition, type EnrolmentStatus } from "./state-machine";

/** Every enrolment of an edition, for AFNOR sales (system context: all tenants by design). */
export async function listEditionEnrolments(year: number) {
  return db()
    .select({
      id: enrolments.id,
      tenantId: enrolments.tenantId,
      tenantName: tenants.name,
      siret: tenants.siret,
      regionName: tenants.regionName,
      category: enrolments.category,
      status: enrolments.status,
      paymentPath: enrolments.paymentPath,
      totalHtCents: enrolments.totalHtCents,
      totalTtcCents: enrolments.totalTtcCents,
      createdAt: enrolments.createdAt,
      paidAt: enrolments.paidAt,
      engagementNumber: enrolments.engagementNumber,
    })
    .from(enrolments)
    .innerJoin(tenants, eq(tenants.id, enrolments.tenantId))
    .innerJoin(editions, eq(editions.id, enrolments.editionId))
    .where(eq(editions.year, year))
    .orderBy(asc(tenants.name));
}

type Outcome = { ok: true; message: string } | { ok: false; message: string };

/**
 * Staff cancel an unpaid enrolment with a reason; an open invoice is voided at Stripe first. A paid
 * card enrolment is refunded instead (the refund webhook then marks it refunded).
 */
export async function cancelEnrolment(actorUserId: string, enrolmentId: string, reason: string): Promise<Outcome> {
  const [row] = await db().select().from(enrolments).where(eq(enrolments.id, enrolmentId));
  if (!row) throw new Response("Inscription introuvable", { status: 404 });
  if (!canTransition(row.status as EnrolmentStatus, "cancelled") || row.status === "paid")
    return { ok: false, message: "Cette inscription ne peut plus être annulée (payée ou en cours d'audit) : remboursez-la si besoin." };
  const openInvoices = await db()
    .select()
    .from(invoices)
    .where(and(eq(invoices.tenantId, row.tenantId), eq(invoices.enrolmentId, row.id), eq(invoices.status, "open")));
  for (const invoice of openInvoices) {
    await stripe().invoices.voidInvoice(invoice.stripeInvoiceId, {}, { idempotencyKey: `void:${invoice.id}` });
  }
  return db().transaction(async (tx) => {
    const moved = await applyEnrolmentTransition(tx, { tenantId: row.tenantId, enrolmentId: row.id }, "cancelled", { source: "back-office", actorUserId, reason });
    if (!moved.applied) return { ok: false as const, message: moved.reason };
    for (const invoice of openInvoices) await tx.update(invoices).set({ status: "void" }).where(eq(invoices.id, invoice.id));
    await tx.update(payments).set({ status: "void" }).where(and(eq(payments.enrolmentId, row.id), eq(payments.status, "pending")));
    await notifyEnrolmentCancelled(tx, row.tenantId, row.id, reason, false);
    return { ok: true as const, message: "Inscription annulée ; la structure est prévenue par e-mail." };
  });
}

/** Refunds a card-paid enrolment through Stripe; the charge.refunded webhook records the outcome. */
export async function refundEnrolment(actorUserId: string, enrolmentId: string, reason: string): Promise<Outcome> {
  const [payment] = await db()
    .select()
    .from(payments)
    .where(and(eq(payments.enrolmentId, enrolmentId), eq(payments.method, "card"), eq(payments.status, "paid")));
  if (!payment?.stripePaymentIntentId) return { ok: false, message: "Aucun paiement par carte à rembourser pour cette inscription." };
  await stripe().refunds.create(
    { payment_intent: payment.stripePaymentIntentId, reason: "requested_by_customer", metadata: { enrolmentId, tenantId: payment.tenantId } },
    { idempotencyKey: `refund:${payment.id}` },
  );
  await recordAudit(db(), {
    tenantId: payment.tenantId,
    actorUserId,
    action: "enrolment.refund_requested",
    targetType: "enrolment",
    targetId: enrolmentId,
    details: { reason, amountCents: payment.amountCents },
  });
  return { ok: true, message: "Remboursement demandé : l'inscription passe à « Remboursée » dès la confirmation du prestataire." };
}
