import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { offers, orders, tenants, trainingSessions, type OrderStatus } from "../../../db/schema";
import { env } from "~/env.server";
import { formatDate, formatEuros } from "~/utils/format";
import { recordAudit } from "../audit-log/audit-log.server";
import { enqueueEmail } from "../mail/outbox.server";
import { canMoveOrder, sessionLabel } from "./order-rules";

/**
 * What billing (card checkout, invoice, refund) does to an order, inside the caller's transaction:
 * forward-only and idempotent (a replayed Stripe event changes nothing), e-mail once per step, and
 * the session's seats released whenever an order is cancelled.
 */
async function moveOrder(tx: Executor, tenantId: string, orderId: string, to: OrderStatus, source: string) {
  const [order] = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.tenantId, tenantId), eq(orders.id, orderId)))
    .for("update");
  if (!order || !canMoveOrder(order.status, to)) return null;
  const now = new Date();
  await tx
    .update(orders)
    .set({
      status: to,
      ...(to === "paid" ? { paidAt: now } : {}),
      ...(to === "cancelled" ? { cancelledAt: now, seatsReserved: 0 } : {}),
    })
    .where(eq(orders.id, orderId));
  if (to === "cancelled" && order.sessionId && order.seatsReserved > 0) {
    await tx
      .update(trainingSessions)
      .set({ seatsTaken: sql`greatest(${trainingSessions.seatsTaken} - ${order.seatsReserved}, 0)` })
      .where(eq(trainingSessions.id, order.sessionId));
  }
  await recordAudit(tx, {
    tenantId,
    actorUserId: null,
    action: `order.${to}`,
    targetType: "order",
    targetId: orderId,
    details: { reference: order.reference, from: order.status, to, source },
  });
  return order;
}

export async function orderConfirmed(tx: Executor, tenantId: string, orderId: string, source: string) {
  await moveOrder(tx, tenantId, orderId, "confirmed", source);
}

export async function orderPaid(tx: Executor, tenantId: string, orderId: string, source: string) {
  if (await moveOrder(tx, tenantId, orderId, "paid", source)) await notifyOrder(tx, tenantId, orderId, "paid");
}

export async function orderCancelled(tx: Executor, tenantId: string, orderId: string, source: string) {
  if (await moveOrder(tx, tenantId, orderId, "cancelled", source)) await notifyOrder(tx, tenantId, orderId, "cancelled");
}

/** The order's e-mail to its billing contact for one step, once (outbox idempotency key). */
export async function notifyOrder(tx: Executor, tenantId: string, orderId: string, step: "quote" | "ordered" | "paid" | "cancelled") {
  const [row] = await tx
    .select({ order: orders, offerTitle: offers.title, tenantName: tenants.name, slug: tenants.slug, session: trainingSessions })
    .from(orders)
    .innerJoin(offers, eq(offers.id, orders.offerId))
    .innerJoin(tenants, eq(tenants.id, orders.tenantId))
    .leftJoin(trainingSessions, eq(trainingSessions.id, orders.sessionId))
    .where(and(eq(orders.tenantId, tenantId), eq(orders.id, orderId)));
  if (!row) return;
  const { order } = row;
  await enqueueEmail(
    {
      template: "order-update",
      to: order.billingContactEmail,
      tenantId,
      idempotencyKey: `order-${step}:${orderId}`,
      props: {
        step,
        tenantName: row.tenantName,
        offerTitle: row.offerTitle,
        reference: order.reference,
        amount: order.totalTtcCents === null ? "sur devis" : `${formatEuros(order.totalTtcCents)} TTC`,
        details: orderDetails(order, row.session),
        method: order.paymentPath === "card" ? "carte bancaire" : order.paymentPath === "invoice" ? "mandat administratif" : null,
        url: `${env().APP_URL}/t/${row.slug}/offres#commandes`,
      },
    },
    tx,
  );
}

/** "session du 12 janvier 2027 à distance, 2 stagiaires" or "1 site". */
export function orderDetails(
  order: { trainees: number; sites: number; sessionId: string | null },
  session: { startsOn: string; endsOn: string; place: string; remote: boolean } | null,
) {
  if (session) return `${sessionLabel(session, formatDate)}, ${order.trainees} ${order.trainees > 1 ? "stagiaires" : "stagiaire"}`;
  return `${order.sites} ${order.sites > 1 ? "sites" : "site"}`;
}
