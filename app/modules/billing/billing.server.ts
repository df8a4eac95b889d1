import { randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { db, type Executor } from "../../../db/client";
import { inTenant } from "../../../db/tenant-context";
import { enrolments, invoices, payments } from "../../../db/schema";
import { env } from "~/env.server";
import { planAudits } from "../audits/audits.server";
import { applyEnrolmentTransition, type Enrolment } from "../enrolment/enrolment.server";
import type { TenantContext } from "../tenancy/guard.server";
import { orderCancelled, orderConfirmed, orderPaid } from "../offers/order-payments.server";
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

/** What a payment or an invoice is for: an enrolment in an edition, or an order of an offer. */
export type BillingSubject = { kind: "enrolment"; id: string } | { kind: "order"; id: string };

/** A priced document to collect: frozen amounts and the buyer's billing details. */
export type Billable = {
  subject: BillingSubject;
  /** Product name on the card checkout and the invoice's description. */
  label: string;
  lines: { description: string; amount: number }[];
  totalHtCents: number;
  vatCents: number;
  totalTtcCents: number;
  billingContactEmail: string;
  billingAddress: string;
  payerSiret: string;
  references: { label: string; value: string }[];
  /** Portal path (under /t/:tenant) where the buyer comes back from the card checkout. */
  returnPath: string;
};

const subjectColumns = (subject: BillingSubject) => (subject.kind === "enrolment" ? { enrolmentId: subject.id } : { orderId: subject.id });
const subjectMetadata = (tenantId: string, subject: BillingSubject): Record<string, string> =>
  subject.kind === "enrolment" ? { tenantId, enrolmentId: subject.id } : { tenantId, orderId: subject.id };

export function enrolmentBillable(enrolment: Enrolment, editionTitle: string, tenantName: string): Billable {
  return {
    subject: { kind: "enrolment", id: enrolment.id },
    label: `${editionTitle} — ${tenantName}`,
    lines: [
      { description: `${editionTitle} — 13 audits mystères, résultats et rapport (HT)`, amount: enrolment.basePriceHtCents },
      ...(enrolment.onsiteVisit ? [{ description: "Option : visite mystère sur place (HT)", amount: enrolment.onsiteVisitHtCents }] : []),
    ],
    totalHtCents: enrolment.totalHtCents,
    vatCents: enrolment.vatCents,
    totalTtcCents: enrolment.totalTtcCents,
    billingContactEmail: enrolment.billingContactEmail,
    billingAddress: enrolment.billingAddress,
    payerSiret: enrolment.payerSiret,
    references: invoiceReferences(enrolment),
    returnPath: "/inscription",
  };
}

/**
 * Card payment: a Stripe Checkout session for the frozen TTC amount (never an amount from the
 * browser), with the tenant and the subject in metadata and an idempotency key.
 */
export async function startCheckout(ctx: TenantContext, billable: Billable) {
  const paymentId = randomUUID();
  const base = `${env().APP_URL}/t/${ctx.tenant.slug}${billable.returnPath}`;
  const metadata = { ...subjectMetadata(ctx.tenant.id, billable.subject), paymentId };
  const session = await stripe().checkout.sessions.create(
    {
      mode: "payment",
      line_items: [{ quantity: 1, price_data: { currency: "eur", unit_amount: billable.totalTtcCents, product_data: { name: billable.label } } }],
      customer_email: billable.billingContactEmail,
      client_reference_id: billable.subject.id,
      metadata,
      payment_intent_data: { metadata },
      success_url: `${base}/retour?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${base}?paiement=annule`,
      locale: "fr",
    },
    { idempotencyKey: `checkout:${paymentId}` },
  );
  await db()
    .insert(payments)
    .values({
      tenantId: ctx.tenant.id,
      id: paymentId,
      ...subjectColumns(billable.subject),
      method: "card",
      amountCents: billable.totalTtcCents,
      stripeCheckoutSessionId: session.id,
      checkoutUrl: session.url,
    });
  if (!session.url) throw new Error("Stripe checkout session without url");
  return { ok: true as const, url: session.url };
}

export async function startCardCheckout(ctx: TenantContext, enrolment: Enrolment, editionTitle: string) {
  if (enrolment.status !== "awaiting_payment") return { ok: false as const, message: "Cette inscription n'attend pas de paiement." };
  return startCheckout(ctx, enrolmentBillable(enrolment, editionTitle, ctx.tenant.name));
}

/**
 * Pay on invoice (mandat administratif): a Stripe customer and a 30-day invoice carrying the
 * buyer's references, finalised and sent. The subject becomes "confirmed" when Stripe reports the
 * invoice open, "paid" when it reports it paid.
 */
export async function issueInvoice(ctx: TenantContext, billable: Billable) {
  const client = stripe();
  const key = `${billable.subject.kind}:${billable.subject.id}`;
  const customer = await client.customers.create(
    {
      name: ctx.tenant.name,
      email: billable.billingContactEmail,
      metadata: { tenantId: ctx.tenant.id, siret: billable.payerSiret },
      address: { line1: billable.billingAddress.slice(0, 200), country: "FR" },
    },
    { idempotencyKey: `${key}:customer` },
  );
  const draft = await client.invoices.create(
    {
      customer: customer.id,
      collection_method: "send_invoice",
      days_until_due: 30,
      currency: "eur",
      custom_fields: billable.references.slice(0, 4).map((r) => ({ name: r.label, value: r.value.slice(0, 140) })),
      metadata: subjectMetadata(ctx.tenant.id, billable.subject),
      description: billable.label,
      auto_advance: false,
    },
    { idempotencyKey: `${key}:invoice` },
  );
  const lines = [...billable.lines, { description: "TVA 20 %", amount: billable.vatCents }];
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
      ...subjectColumns(billable.subject),
      stripeInvoiceId: draft.id!,
      stripeCustomerId: customer.id,
      totalHtCents: billable.totalHtCents,
      vatCents: billable.vatCents,
      totalTtcCents: billable.totalTtcCents,
      references: billable.references,
    })
    .onConflictDoNothing();
  await db()
    .insert(payments)
    .values({ tenantId: ctx.tenant.id, ...subjectColumns(billable.subject), method: "invoice", amountCents: billable.totalTtcCents, stripeInvoiceId: draft.id! })
    .onConflictDoNothing();
  const finalized = await client.invoices.finalizeInvoice(draft.id!, {}, { idempotencyKey: `${key}:finalize` });
  await client.invoices.sendInvoice(finalized.id!, {}, { idempotencyKey: `${key}:send` });
  await syncInvoice(finalized);
  return { ok: true as const };
}

export async function issueEnrolmentInvoice(ctx: TenantContext, enrolment: Enrolment, editionTitle: string) {
  return issueInvoice(ctx, { ...enrolmentBillable(enrolment, editionTitle, ctx.tenant.name), label: `${editionTitle} — inscription de ${ctx.tenant.name}` });
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
  const details = {
    number: invoice.number ?? row.number,
    hostedUrl: invoice.hosted_invoice_url ?? row.hostedUrl,
    pdfUrl: invoice.invoice_pdf ?? row.pdfUrl,
    dueAt: invoice.due_date ? new Date(invoice.due_date * 1000) : row.dueAt,
  };
  const subject = subjectOf(row);
  if (invoice.status === "open" && row.status === "draft") {
    await tx.update(invoices).set({ ...details, status: "open", finalizedAt: new Date() }).where(eq(invoices.id, row.id));
    await subjectConfirmed(tx, row.tenantId, subject, source);
    await notifyInvoice(tx, row.id, null);
  } else if (invoice.status === "paid" && row.status !== "paid" && row.status !== "void") {
    await tx.update(invoices).set({ ...details, status: "paid", paidAt: new Date(), finalizedAt: row.finalizedAt ?? new Date() }).where(eq(invoices.id, row.id));
    await tx.update(payments).set({ status: "paid", paidAt: new Date() }).where(eq(payments.stripeInvoiceId, invoice.id!));
    await subjectPaid(tx, row.tenantId, subject, source);
  } else if (invoice.status === "void" && row.status !== "void" && row.status !== "paid") {
    await tx.update(invoices).set({ ...details, status: "void" }).where(eq(invoices.id, row.id));
    await tx.update(payments).set({ status: "void" }).where(eq(payments.stripeInvoiceId, invoice.id!));
    if (subject.kind === "order") await orderCancelled(tx, row.tenantId, subject.id, source);
  } else {
    await tx.update(invoices).set(details).where(eq(invoices.id, row.id));
  }
  return { known: true, tenantId: row.tenantId, subject };
}

/** The subject of a payment or invoice row (the database checks exactly one is set). */
export function subjectOf(row: { enrolmentId: string | null; orderId: string | null }): BillingSubject {
  if (row.enrolmentId) return { kind: "enrolment", id: row.enrolmentId };
  if (row.orderId) return { kind: "order", id: row.orderId };
  throw new Error("payment or invoice without subject");
}

/** Invoice issued (open): the enrolment or the order is confirmed. */
async function subjectConfirmed(tx: Executor, tenantId: string, subject: BillingSubject, source: string) {
  if (subject.kind === "order") return orderConfirmed(tx, tenantId, subject.id, source);
  await applyEnrolmentTransition(tx, { tenantId, enrolmentId: subject.id }, "confirmed", { source });
}

/** Money received (card or invoice): forward-only and idempotent, with its e-mail once. */
export async function subjectPaid(tx: Executor, tenantId: string, subject: BillingSubject, source: string) {
  if (subject.kind === "order") return orderPaid(tx, tenantId, subject.id, source);
  const ref = { tenantId, enrolmentId: subject.id };
  const moved = await applyEnrolmentTransition(tx, ref, "paid", { source });
  if (moved.applied) await notifyPaymentReceived(tx, tenantId, subject.id);
  if (moved.applied) await planAudits(tx, ref);
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

