import { randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { db, type Executor } from "../../../db/client";
import { inTenant } from "../../../db/tenant-context";
import { enrolments, invoices, payments } from "../../../db/schema";
import { env } from "~/env.server";
import { planAudits } from "../audits/audits.server";
import { applyEnrolmentTransition, type Enrolment } from "../enrolment/enrolment.server";
import type { TenantContext } from "../tenancy/guard.server";
import { notifyInvoice, notifyPaymentReceived } from "./notifications.server";
import { stripe } from "./stripe.server";

/** The references a public buyer's accounting needs on the invoice (Stripe allows four custom fields). */
export function invoiceReferences(enrolment: Pick<Enrolment, "purchaseOrderNumber" | "engagementNumber" | "chorusServiceCode" | "payerSiret">) {
  const refs: { label: string; value: string }[] = [];
  if (enrolment.engagementNumber) refs.push({ label: "N° d'engagement", value: enrolment.engagementNumber });
  if (enrolment.purchaseOrderNumber) refs.push({ label: "Bon de commande", value: enrolment.purchaseOrderNumber });
  if (enrolment.chorusServiceCode) refs.push({ label: "Code service", value: enrolment.chorusServiceCode });
  refs.push({ label: "SIRET payeur", value: enrolment.payerSiret });
  return refs;
}

/**
 * Card payment: a Stripe Checkout session for the frozen TTC amount (never an amount from the
 * browser), with the tenant and enrolment in metadata and an idempotency key.
 */
export async function startCardCheckout(ctx: TenantContext, enrolment: Enrolment, editionTitle: string) {
  if (enrolment.status !== "awaiting_payment") return { ok: false as const, message: "Cette inscription n'attend pas de paiement." };
  const paymentId = randomUUID();
  const base = `${env().APP_URL}/t/${ctx.tenant.slug}/inscription`;
  const session = await stripe().checkout.sessions.create(
    {
      mode: "payment",
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: "eur",
            unit_amount: enrolment.totalTtcCents,
            product_data: { name: `${editionTitle} — ${ctx.tenant.name}` },
          },
        },
      ],
      customer_email: enrolment.billingContactEmail,
      client_reference_id: enrolment.id,
      metadata: { tenantId: ctx.tenant.id, enrolmentId: enrolment.id, paymentId },
      payment_intent_data: { metadata: { tenantId: ctx.tenant.id, enrolmentId: enrolment.id, paymentId } },
      success_url: `${base}/retour?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${base}?paiement=annule`,
      locale: "fr",
    },
    { idempotencyKey: `checkout:${paymentId}` },
  );
  await db().insert(payments).values({
    tenantId: ctx.tenant.id,
    id: paymentId,
    enrolmentId: enrolment.id,
    method: "card",
    amountCents: enrolment.totalTtcCents,
    stripeCheckoutSessionId: session.id,
    checkoutUrl: session.url,
  });
  if (!session.url) throw new Error("Stripe checkout session without url");
  return { ok: true as const, url: session.url };
}

/**
 * Pay on invoice (mandat administratif): a Stripe customer and a 30-day invoice carrying the
 * buyer's references, finalised and sent. The enrolment becomes "confirmed" now, "paid" when
 * Stripe reports the invoice paid.
 */
export async function issueEnrolmentInvoice(ctx: TenantContext, enrolment: Enrolment, editionTitle: string) {
  const client = stripe();
  const key = `enrolment:${enrolment.id}`;
  const customer = await client.customers.create(
    {
      name: ctx.tenant.name,
      email: enrolment.billingContactEmail,
      metadata: { tenantId: ctx.tenant.id, siret: enrolment.payerSiret },
      address: { line1: enrolment.billingAddress.slice(0, 200), country: "FR" },
    },
    { idempotencyKey: `${key}:customer` },
  );
  const refs = invoiceReferences(enrolment);
  const draft = await client.invoices.create(
    {
      customer: customer.id,
      collection_method: "send_invoice",
      days_until_due: 30,
      currency: "eur",
      custom_fields: refs.map((r) => ({ name: r.label, value: r.value.slice(0, 140) })),
      metadata: { tenantId: ctx.tenant.id, enrolmentId: enrolment.id },
      description: `${editionTitle} — inscription de ${ctx.tenant.name}`,
      auto_advance: false,
    },
    { idempotencyKey: `${key}:invoice` },
  );
  const lines = [
    { description: `${editionTitle} — 13 audits mystères, résultats et rapport (HT)`, amount: enrolment.basePriceHtCents },
    ...(enrolment.onsiteVisit ? [{ description: "Option : visite mystère sur place (HT)", amount: enrolment.onsiteVisitHtCents }] : []),
    { description: "TVA 20 %", amount: enrolment.vatCents },
  ];
  for (const [index, line] of lines.entries()) {
    await client.invoiceItems.create(
      { customer: customer.id, invoice: draft.id, currency: "eur", amount: line.amount, description: line.description },
      { idempotencyKey: `${key}:item:${index}` },
    );
  }
  await db()
    .insert(invoices)
    .values({
      tenantId: ctx.tenant.id,
      enrolmentId: enrolment.id,
      stripeInvoiceId: draft.id!,
      stripeCustomerId: customer.id,
      totalHtCents: enrolment.totalHtCents,
      vatCents: enrolment.vatCents,
      totalTtcCents: enrolment.totalTtcCents,
      references: refs,
    })
    .onConflictDoNothing();
  await db()
    .insert(payments)
    .values({ tenantId: ctx.tenant.id, enrolmentId: enrolment.id, method: "invoice", amountCents: enrolment.totalTtcCents, stripeInvoiceId: draft.id! })
    .onConflictDoNothing();
  const finalized = await client.invoices.finalizeInvoice(draft.id!, {}, { idempotencyKey: `${key}:finalize` });
  await client.invoices.sendInvoice(finalized.id!, {}, { idempotencyKey: `${key}:send` });
  await syncInvoice(finalized);
  return { ok: true as const };
}

type StripeInvoiceLike = {
  id?: string;
  number?: string | null;
  status?: string | null;
  hosted_invoice_url?: string | null;
  invoice_pdf?: string | null;
  due_date?: number | null;
  metadata?: Record<string, string> | null;
};

/** Mirrors what Stripe says of an invoice and moves the enrolment forward (never backwards). */
export async function syncInvoice(invoice: StripeInvoiceLike, source = "stripe") {
  if (!invoice.id) return;
  await db().transaction(async (tx) => applyInvoiceState(tx, invoice, source));
}

export async function applyInvoiceState(tx: Executor, invoice: StripeInvoiceLike, source: string) {
  const [row] = await tx.select().from(invoices).where(eq(invoices.stripeInvoiceId, invoice.id!)).for("update");
  if (!row) return { known: false };
  const ref = { tenantId: row.tenantId, enrolmentId: row.enrolmentId };
  const details = {
    number: invoice.number ?? row.number,
    hostedUrl: invoice.hosted_invoice_url ?? row.hostedUrl,
    pdfUrl: invoice.invoice_pdf ?? row.pdfUrl,
    dueAt: invoice.due_date ? new Date(invoice.due_date * 1000) : row.dueAt,
  };
  if (invoice.status === "open" && row.status === "draft") {
    await tx.update(invoices).set({ ...details, status: "open", finalizedAt: new Date() }).where(eq(invoices.id, row.id));
    await applyEnrolmentTransition(tx, ref, "confirmed", { source });
    await notifyInvoice(tx, row.id, null);
  } else if (invoice.status === "paid" && row.status !== "paid" && row.status !== "void") {
    await tx.update(invoices).set({ ...details, status: "paid", paidAt: new Date(), finalizedAt: row.finalizedAt ?? new Date() }).where(eq(invoices.id, row.id));
    await tx.update(payments).set({ status: "paid", paidAt: new Date() }).where(eq(payments.stripeInvoiceId, invoice.id!));
    const moved = await applyEnrolmentTransition(tx, ref, "paid", { source });
    if (moved.applied) await notifyPaymentReceived(tx, ref.tenantId, ref.enrolmentId);
    if (moved.applied) await planAudits(tx, ref);
  } else if (invoice.status === "void" && row.status !== "void" && row.status !== "paid") {
    await tx.update(invoices).set({ ...details, status: "void" }).where(eq(invoices.id, row.id));
    await tx.update(payments).set({ status: "void" }).where(eq(payments.stripeInvoiceId, invoice.id!));
  } else {
    await tx.update(invoices).set(details).where(eq(invoices.id, row.id));
  }
  return { known: true, ...ref };
}

/** The tenant's invoices and payments, newest first, read under its RLS context. */
export async function listTenantBilling(ctx: TenantContext) {
  return inTenant(db(), ctx.tenant.id, async (tx) => {
    const invoiceRows = await tx.select().from(invoices).where(eq(invoices.tenantId, ctx.tenant.id)).orderBy(desc(invoices.createdAt));
    const paymentRows = await tx.select().from(payments).where(eq(payments.tenantId, ctx.tenant.id)).orderBy(desc(payments.createdAt));
    return { invoices: invoiceRows, payments: paymentRows };
  });
}

export async function findTenantPaymentBySession(ctx: TenantContext, sessionId: string) {
  return inTenant(db(), ctx.tenant.id, async (tx) => {
    const [row] = await tx
      .select({ payment: payments, enrolmentStatus: enrolments.status })
      .from(payments)
      .innerJoin(enrolments, and(eq(enrolments.tenantId, payments.tenantId), eq(enrolments.id, payments.enrolmentId)))
      .where(and(eq(payments.tenantId, ctx.tenant.id), eq(payments.stripeCheckoutSessionId, sessionId)));
    return row ?? null;
  });
}

