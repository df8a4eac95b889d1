import { randomUUID } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import { db } from "../../../db/client";
import { inTenant } from "../../../db/tenant-context";
import { enrolments, offers, orders, payments, tenants, trainingSessions } from "../../../db/schema";
import { formatDate } from "~/utils/format";
import { recordAudit } from "../audit-log/audit-log.server";
import { invoiceReferences, issueInvoice, startCheckout, type Billable } from "../billing/billing.server";
import { openLeadForOrder } from "../leads/leads.server";
import type { TenantContext } from "../tenancy/guard.server";
import { listCatalogue, type CatalogueOffer } from "./offers.server";
import { notifyOrder, orderDetails } from "./order-payments.server";
import { ORDER_TERMS_VERSION, orderReference, priceOrder, sessionLabel } from "./order-rules";
import type { OrderInput } from "./order-schema";

export type Order = typeof orders.$inferSelect;

/** The offer to order (active, with its sessions from today on) and the billing details to propose. */
export async function orderPage(ctx: TenantContext, code: string) {
  const offer = (await listCatalogue()).find((o) => o.code === code);
  if (!offer) return null;
  const [latest] = await inTenant(db(), ctx.tenant.id, (tx) =>
    tx
      .select({
        billingContactName: enrolments.billingContactName,
        billingContactEmail: enrolments.billingContactEmail,
        billingAddress: enrolments.billingAddress,
        chorusServiceCode: enrolments.chorusServiceCode,
        serviceCodeRequired: enrolments.serviceCodeRequired,
        engagementRequired: enrolments.engagementRequired,
        payerSiret: enrolments.payerSiret,
      })
      .from(enrolments)
      .where(eq(enrolments.tenantId, ctx.tenant.id))
      .orderBy(desc(enrolments.createdAt))
      .limit(1),
  );
  return { offer, defaults: latest ?? null, termsVersion: ORDER_TERMS_VERSION };
}

type Options = { sessionId?: string; trainees: number; sites: number };
type Checked = { ok: true; session: CatalogueOffer["sessions"][number] | null; label: string | null } | { ok: false; field: string; message: string };

/** A session is required to order a training that has sessions; it must be one of this offer's upcoming ones. */
function checkSession(offer: CatalogueOffer, options: Options, ordering: boolean): Checked {
  if (offer.kind !== "formation") return { ok: true, session: null, label: null };
  if (!options.sessionId) {
    if (ordering && offer.sessions.length > 0) return { ok: false, field: "sessionId", message: "Choisissez une session pour commander cette formation." };
    return { ok: true, session: null, label: null };
  }
  const session = offer.sessions.find((s) => s.id === options.sessionId);
  if (!session) return { ok: false, field: "sessionId", message: "Cette session n'est plus proposée : choisissez-en une autre." };
  return { ok: true, session, label: sessionLabel(session, formatDate) };
}

/** The quote of the chosen options, computed on the server from the catalogue (never from the browser). */
export function quoteOptions(offer: CatalogueOffer, options: Options) {
  const checked = checkSession(offer, options, false);
  if (!checked.ok) return checked;
  const price = priceOrder(offer, { ...options, sessionLabel: checked.label });
  return { ok: true as const, price, session: checked.session };
}

export type OrderOutcome =
  | { ok: true; order: Order; redirectTo: string }
  | { ok: false; field?: string; message: string; order?: Order };

/**
 * A quote request or an order. In one transaction: the seats are taken on the session with a
 * conditional update (two orders for the last seat: the second finds none left and is refused),
 * the order is recorded with its price frozen, a lead opens for sales, the audit log and the
 * e-mail are written. The payment then starts through the billing module, like an enrolment.
 */
export async function submitOrder(ctx: TenantContext, code: string, input: OrderInput): Promise<OrderOutcome> {
  const offer = (await listCatalogue()).find((o) => o.code === code);
  if (!offer) return { ok: false, message: "Cette offre n'est plus proposée." };
  const ordering = input.intent === "order";
  const checked = checkSession(offer, input, ordering);
  if (!checked.ok) return checked;
  const price = priceOrder(offer, { ...input, sessionLabel: checked.label });
  if (ordering && !price) return { ok: false, message: "Cette offre est proposée sur devis : demandez un devis, un conseiller vous répond sous deux jours ouvrés." };
  if (offer.kind !== "formation" && input.sites < 1) return { ok: false, field: "sites", message: "Indiquez au moins 1 site." };
  const seats = ordering && checked.session ? input.trainees : 0;

  const id = randomUUID();
  const now = new Date();
  const outcome = await db().transaction(async (tx) => {
    if (seats > 0) {
      const taken = await tx
        .update(trainingSessions)
        .set({ seatsTaken: sql`${trainingSessions.seatsTaken} + ${seats}` })
        .where(and(eq(trainingSessions.id, checked.session!.id), sql`${trainingSessions.seatsTaken} + ${seats} <= ${trainingSessions.seats}`))
        .returning({ id: trainingSessions.id });
      if (taken.length === 0) {
        const [left] = await tx.select({ seats: trainingSessions.seats, taken: trainingSessions.seatsTaken }).from(trainingSessions).where(eq(trainingSessions.id, checked.session!.id));
        const remaining = left ? Math.max(0, left.seats - left.taken) : 0;
        return {
          ok: false as const,
          field: "sessionId",
          message:
            remaining === 0
              ? "Cette session est désormais complète : aucune place n'a été réservée. Choisissez une autre session."
              : `Il ne reste que ${remaining} ${remaining > 1 ? "places" : "place"} sur cette session : réduisez le nombre de stagiaires ou choisissez une autre session.`,
        };
      }
    }
    const [tenant] = await tx.select({ siret: tenants.siret }).from(tenants).where(eq(tenants.id, ctx.tenant.id));
    const [order] = await tx
      .insert(orders)
      .values({
        tenantId: ctx.tenant.id,
        id,
        reference: orderReference(now.getFullYear(), id),
        offerId: offer.id,
        sessionId: checked.session?.id ?? null,
        status: ordering ? "awaiting_payment" : "quote_requested",
        trainees: offer.kind === "formation" ? input.trainees : 1,
        sites: offer.kind === "formation" ? 1 : input.sites,
        seatsReserved: seats,
        message: input.message ?? null,
        totalHtCents: price?.totalHtCents ?? null,
        vatCents: price?.vatCents ?? null,
        totalTtcCents: price?.totalTtcCents ?? null,
        lines: price?.orderLines ?? [],
        paymentPath: ordering ? input.paymentPath! : null,
        billingContactName: input.billingContactName,
        billingContactEmail: input.billingContactEmail,
        billingAddress: input.billingAddress,
        purchaseOrderNumber: input.purchaseOrderNumber ?? null,
        engagementNumber: input.engagementNumber ?? null,
        chorusServiceCode: input.chorusServiceCode ?? null,
        serviceCodeRequired: input.serviceCodeRequired,
        engagementRequired: input.engagementRequired,
        payerSiret: input.payerSiret ?? tenant?.siret ?? "",
        termsVersion: ordering ? ORDER_TERMS_VERSION : null,
        termsAcceptedAt: ordering ? now : null,
        createdBy: ctx.user.id,
        orderedAt: ordering ? now : null,
      })
      .returning();
    await openLeadForOrder(tx, { ...order!, createdBy: ctx.user.id }, offer.title);
    await recordAudit(tx, {
      tenantId: ctx.tenant.id,
      actorUserId: ctx.user.id,
      action: ordering ? "order.placed" : "order.quote_requested",
      targetType: "order",
      targetId: id,
      details: { reference: order!.reference, offer: offer.code, session: checked.session?.id ?? null, trainees: order!.trainees, sites: order!.sites, totalHtCents: order!.totalHtCents },
    });
    await notifyOrder(tx, ctx.tenant.id, id, ordering ? "ordered" : "quote");
    return { ok: true as const, order: order! };
  });
  if (!outcome.ok) return outcome;
  if (!ordering) return { ok: true, order: outcome.order, redirectTo: `/t/${ctx.tenant.slug}/offres?demande=${outcome.order.reference}#commandes` };
  return payOrder(ctx, outcome.order, offer.title);
}

function orderBillable(ctx: TenantContext, order: Order, offerTitle: string): Billable {
  return {
    subject: { kind: "order", id: order.id },
    label: `${offerTitle} — commande ${order.reference} — ${ctx.tenant.name}`,
    lines: order.lines.map((l) => ({ description: `${l.label} (HT)`, amount: l.quantity * l.unitPriceHtCents })),
    totalHtCents: order.totalHtCents!,
    vatCents: order.vatCents!,
    totalTtcCents: order.totalTtcCents!,
    billingContactEmail: order.billingContactEmail,
    billingAddress: order.billingAddress,
    payerSiret: order.payerSiret,
    references: invoiceReferences(order),
    returnPath: "/offres",
  };
}

/** Starts (or restarts) the payment of an order waiting for it: card checkout or invoice. */
export async function payOrder(ctx: TenantContext, order: Order, offerTitle: string): Promise<OrderOutcome> {
  if (order.status !== "awaiting_payment" || !order.paymentPath || order.totalTtcCents === null)
    return { ok: false, message: "Cette commande n'attend pas de paiement.", order };
  try {
    const billable = orderBillable(ctx, order, offerTitle);
    if (order.paymentPath === "card") {
      const checkout = await startCheckout(ctx, billable);
      return { ok: true, order, redirectTo: checkout.url };
    }
    await issueInvoice(ctx, billable);
    return { ok: true, order, redirectTo: `/t/${ctx.tenant.slug}/offres?commande=${order.reference}#commandes` };
  } catch (error) {
    console.error(JSON.stringify({ level: "error", msg: "order payment start failed", order: order.id, error: String(error) }));
    return { ok: false, order, message: "Votre commande est enregistrée, mais le paiement n'a pas pu être préparé. Réessayez depuis « Vos demandes et commandes »." };
  }
}

/** Restarts the card payment of one of the tenant's orders (button "Payer" of the orders list). */
export async function resumeOrderPayment(ctx: TenantContext, orderId: string): Promise<OrderOutcome | null> {
  const [row] = await db()
    .select({ order: orders, offerTitle: offers.title })
    .from(orders)
    .innerJoin(offers, eq(offers.id, orders.offerId))
    .where(and(eq(orders.tenantId, ctx.tenant.id), eq(orders.id, orderId)));
  if (!row) return null;
  return payOrder(ctx, row.order, row.offerTitle);
}

/** The tenant's quote requests and orders, newest first, read under its RLS context. */
export async function listTenantOrders(ctx: TenantContext) {
  const rows = await inTenant(db(), ctx.tenant.id, (tx) =>
    tx
      .select({ order: orders, offerTitle: offers.title, offerCode: offers.code, session: trainingSessions })
      .from(orders)
      .innerJoin(offers, eq(offers.id, orders.offerId))
      .leftJoin(trainingSessions, eq(trainingSessions.id, orders.sessionId))
      .where(eq(orders.tenantId, ctx.tenant.id))
      .orderBy(desc(orders.createdAt)),
  );
  return rows.map(({ order, offerTitle, offerCode, session }) => ({
    id: order.id,
    reference: order.reference,
    status: order.status,
    paymentPath: order.paymentPath,
    offerTitle,
    offerCode,
    details: orderDetails(order, session),
    totalHtCents: order.totalHtCents,
    totalTtcCents: order.totalTtcCents,
    createdAt: order.createdAt,
  }));
}

/** The order paid by a Stripe checkout session, for the page the buyer comes back to. */
export async function findOrderByCheckoutSession(ctx: TenantContext, sessionId: string) {
  return inTenant(db(), ctx.tenant.id, async (tx) => {
    const [row] = await tx
      .select({ payment: payments, order: orders })
      .from(payments)
      .innerJoin(orders, and(eq(orders.tenantId, payments.tenantId), eq(orders.id, payments.orderId)))
      .where(and(eq(payments.tenantId, ctx.tenant.id), eq(payments.stripeCheckoutSessionId, sessionId)));
    return row ?? null;
  });
}
