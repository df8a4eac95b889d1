import { and, eq, isNull, lte, sql } from "drizzle-orm";
import { db, type Executor } from "../../../db/client";
import { editions, enrolments, invoices, orders, tenants } from "../../../db/schema";
import { env } from "~/env.server";
import { formatDate, formatEuros } from "~/utils/format";
import { enqueueEmail } from "../mail/outbox.server";

/** E-mails about enrolments and payments: written to the outbox once each (idempotency keys). */
async function enrolmentFacts(executor: Executor, tenantId: string, enrolmentId: string) {
  const [row] = await executor
    .select({ enrolment: enrolments, tenantName: tenants.name, slug: tenants.slug, editionTitle: editions.title })
    .from(enrolments)
    .innerJoin(tenants, eq(tenants.id, enrolments.tenantId))
    .innerJoin(editions, eq(editions.id, enrolments.editionId))
    .where(and(eq(enrolments.tenantId, tenantId), eq(enrolments.id, enrolmentId)));
  return row ?? null;
}

const portal = (slug: string, path: string) => `${env().APP_URL}/t/${slug}${path}`;

export async function notifyEnrolmentReceived(tenantId: string, enrolmentId: string, executor: Executor = db()) {
  const facts = await enrolmentFacts(executor, tenantId, enrolmentId);
  if (!facts) return;
  await enqueueEmail(
    {
      template: "enrolment-received",
      to: facts.enrolment.billingContactEmail,
      tenantId,
      idempotencyKey: `enrolment-received:${enrolmentId}`,
      props: {
        tenantName: facts.tenantName,
        editionTitle: facts.editionTitle,
        totalHt: formatEuros(facts.enrolment.totalHtCents),
        totalTtc: formatEuros(facts.enrolment.totalTtcCents),
        paymentPath: facts.enrolment.paymentPath,
        quoteUrl: portal(facts.slug, "/inscription/devis.pdf"),
        enrolmentUrl: portal(facts.slug, "/inscription"),
      },
    },
    executor,
  );
}

export async function notifyPaymentReceived(executor: Executor, tenantId: string, enrolmentId: string) {
  const facts = await enrolmentFacts(executor, tenantId, enrolmentId);
  if (!facts) return;
  await enqueueEmail(
    {
      template: "payment-received",
      to: facts.enrolment.billingContactEmail,
      tenantId,
      idempotencyKey: `payment-received:${enrolmentId}`,
      props: {
        tenantName: facts.tenantName,
        editionTitle: facts.editionTitle,
        amount: formatEuros(facts.enrolment.totalTtcCents),
        method: facts.enrolment.paymentPath === "card" ? "carte bancaire" : "mandat administratif",
        billingUrl: portal(facts.slug, "/facturation"),
      },
    },
    executor,
  );
}

export async function notifyEnrolmentCancelled(executor: Executor, tenantId: string, enrolmentId: string, reason: string, refunded: boolean) {
  const facts = await enrolmentFacts(executor, tenantId, enrolmentId);
  if (!facts) return;
  await enqueueEmail(
    {
      template: "enrolment-cancelled",
      to: facts.enrolment.billingContactEmail,
      tenantId,
      idempotencyKey: `enrolment-cancelled:${enrolmentId}`,
      props: { tenantName: facts.tenantName, editionTitle: facts.editionTitle, reason, refunded, billingUrl: portal(facts.slug, "/facturation") },
    },
    executor,
  );
}

type Reminder = "before" | "after" | null;

/** The billing contact of an invoice's subject (an enrolment or an order); callers left-join both. */
export const invoiceContactEmail = sql<string | null>`coalesce(${enrolments.billingContactEmail}, ${orders.billingContactEmail})`;

/** The invoice e-mail (or a reminder of it); `idempotencyKey` lets a hand-sent reminder be a message of its own. */
export async function notifyInvoice(executor: Executor, invoiceId: string, reminder: Reminder, idempotencyKey = `invoice-${reminder ?? "issued"}:${invoiceId}`) {
  const [row] = await executor
    .select({ invoice: invoices, billingContactEmail: invoiceContactEmail, tenantName: tenants.name, slug: tenants.slug })
    .from(invoices)
    .leftJoin(enrolments, and(eq(enrolments.tenantId, invoices.tenantId), eq(enrolments.id, invoices.enrolmentId)))
    .leftJoin(orders, and(eq(orders.tenantId, invoices.tenantId), eq(orders.id, invoices.orderId)))
    .innerJoin(tenants, eq(tenants.id, invoices.tenantId))
    .where(eq(invoices.id, invoiceId));
  if (!row?.invoice.number || !row.invoice.dueAt || !row.billingContactEmail) return { created: false };
  return enqueueEmail(
    {
      template: "invoice-issued",
      to: row.billingContactEmail,
      tenantId: row.invoice.tenantId,
      idempotencyKey,
      props: {
        tenantName: row.tenantName,
        number: row.invoice.number,
        totalTtc: formatEuros(row.invoice.totalTtcCents),
        dueDate: formatDate(row.invoice.dueAt),
        references: row.invoice.references.map((r) => `${r.label} : ${r.value}`),
        invoiceUrl: row.invoice.hostedUrl ?? portal(row.slug, "/facturation"),
        billingUrl: portal(row.slug, "/facturation"),
        reminder,
      },
    },
    executor,
  );
}

/**
 * Daily job: one reminder 7 days before the due date and one 7 days after it, for every open
 * invoice. The outbox's idempotency keys make a second run (or a second instance) send nothing more.
 */
export async function sendInvoiceReminders(now = new Date()) {
  const open = await db()
    .select({ id: invoices.id, dueAt: invoices.dueAt })
    .from(invoices)
    .where(and(eq(invoices.status, "open"), lte(invoices.dueAt, sql`${now.toISOString()}::timestamptz + interval '7 days'`), isNull(invoices.paidAt)));
  let queued = 0;
  for (const invoice of open) {
    if (!invoice.dueAt) continue;
    const days = (now.getTime() - invoice.dueAt.getTime()) / 86_400_000;
    const reminder: Reminder = days >= 7 ? "after" : days >= -7 && days < 0 ? "before" : null;
    if (!reminder) continue;
    await notifyInvoice(db(), invoice.id, reminder);
    queued++;
  }
  return { queued };
}
