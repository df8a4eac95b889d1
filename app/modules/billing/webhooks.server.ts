import { and, eq, isNull } from "drizzle-orm";
import type Stripe from "stripe";
import { db, type Executor } from "../../../db/client";
import { payments, stripeEvents } from "../../../db/schema";
import { orderCancelled } from "../offers/order-payments.server";
import { applyEnrolmentTransition } from "../enrolment/enrolment.server";
import { applyInvoiceState, subjectOf, subjectPaid } from "./billing.server";
import { notifyEnrolmentCancelled } from "./notifications.server";
import { stripe, webhookSecret } from "./stripe.server";

export const SIGNATURE_TOLERANCE_SECONDS = 300;

export type WebhookOutcome = { status: 200 | 400 | 503; body: { received: boolean; duplicate?: boolean; error?: string } };

/**
 * An event that arrived before the one it follows (Stripe does not order deliveries): nothing is
 * written, not even the event id, and the 503 makes Stripe deliver it again later.
 */
class TooEarly extends Error {}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Stripe webhooks: signature checked on the raw body (5-minute tolerance), the event id stored in
 * the same transaction as the state change (a duplicate is acknowledged and ignored), each change
 * idempotent and forward-only. Any error rolls everything back and surfaces as a 5xx, so Stripe
 * retries.
 */
export async function handleStripeWebhook(rawBody: string, signature: string | null): Promise<WebhookOutcome> {
  let event: Stripe.Event;
  try {
    event = stripe().webhooks.constructEvent(rawBody, signature ?? "", webhookSecret(), SIGNATURE_TOLERANCE_SECONDS);
  } catch {
    return { status: 400, body: { received: false, error: "Signature invalide." } };
  }
  try {
    const duplicate = await db().transaction(async (tx) => {
      const inserted = await tx.insert(stripeEvents).values({ id: event.id, type: event.type }).onConflictDoNothing().returning({ id: stripeEvents.id });
      if (inserted.length === 0) return true;
      await applyEvent(tx, event);
      return false;
    });
    return { status: 200, body: { received: true, duplicate } };
  } catch (error) {
    if (error instanceof TooEarly) return { status: 503, body: { received: false, error: error.message } };
    throw error;
  }
}

async function applyEvent(tx: Executor, event: Stripe.Event) {
  const source = `stripe:${event.type}`;
  switch (event.type) {
    case "checkout.session.completed": {
      const session = event.data.object;
      if (session.payment_status !== "paid") return;
      const [payment] = await tx.select().from(payments).where(eq(payments.stripeCheckoutSessionId, session.id)).for("update");
      if (!payment) return;
      if (payment.status === "pending" || payment.status === "expired") {
        const intent = typeof session.payment_intent === "string" ? session.payment_intent : (session.payment_intent?.id ?? null);
        await tx.update(payments).set({ status: "paid", paidAt: new Date(), stripePaymentIntentId: intent }).where(eq(payments.id, payment.id));
      }
      await subjectPaid(tx, payment.tenantId, subjectOf(payment), source);
      return;
    }
    case "checkout.session.expired": {
      const [payment] = await tx
        .update(payments)
        .set({ status: "expired" })
        .where(and(eq(payments.stripeCheckoutSessionId, event.data.object.id), eq(payments.status, "pending")))
        .returning();
      // An order's seats are held only while its checkout is open.
      if (payment?.orderId) await orderCancelled(tx, payment.tenantId, payment.orderId, source);
      return;
    }
    case "invoice.finalized":
    case "invoice.paid":
    case "invoice.voided": {
      const invoice = event.data.object;
      // The event's type says what happened even when the embedded object is older than it.
      const status = event.type === "invoice.paid" ? "paid" : event.type === "invoice.voided" ? "void" : "open";
      await applyInvoiceState(tx, { ...invoice, id: invoice.id, status }, source);
      return;
    }
    case "charge.refunded": {
      const charge = event.data.object;
      const intent = typeof charge.payment_intent === "string" ? charge.payment_intent : (charge.payment_intent?.id ?? null);
      if (!intent) return;
      const [payment] = await tx.select().from(payments).where(eq(payments.stripePaymentIntentId, intent)).for("update");
      if (!payment) {
        // A refund can overtake its checkout's completion: when the charge is one of our card
        // payments not yet known as paid, have Stripe retry rather than lose the refund.
        const paymentId = charge.metadata?.paymentId;
        if (paymentId && uuidPattern.test(paymentId)) {
          const [unpaid] = await tx.select({ id: payments.id }).from(payments).where(and(eq(payments.id, paymentId), isNull(payments.stripePaymentIntentId)));
          if (unpaid) throw new TooEarly("Remboursement reçu avant la confirmation du paiement : à renvoyer plus tard.");
        }
        return;
      }
      const fully = charge.amount_refunded >= payment.amountCents;
      await tx
        .update(payments)
        .set({ refundedCents: Math.max(payment.refundedCents, charge.amount_refunded), ...(fully ? { status: "refunded" as const } : {}) })
        .where(eq(payments.id, payment.id));
      if (fully && payment.orderId) await orderCancelled(tx, payment.tenantId, payment.orderId, source);
      if (fully && payment.enrolmentId) {
        const moved = await applyEnrolmentTransition(tx, { tenantId: payment.tenantId, enrolmentId: payment.enrolmentId }, "refunded", { source });
        if (moved.applied) await notifyEnrolmentCancelled(tx, payment.tenantId, payment.enrolmentId, "remboursement du paiement par carte", true);
      }
      return;
    }
    default:
      return; // acknowledged and ignored
  }
}
