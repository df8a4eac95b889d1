import { and, asc, eq, isNull, lte, max, sql } from "drizzle-orm";
import { db } from "../../../db/client";
import { editions, emailOutbox, enrolments, invoiceReminders, invoices, orders, tenants } from "../../../db/schema";
import { recordAudit } from "../audit-log/audit-log.server";
import { invoiceContactEmail, notifyInvoice } from "./notifications.server";

/*
 * Unpaid follow-up ("impayés") for AFNOR sales: the open invoices overdue or due within 7 days,
 * and a reminder sent by hand, at most once per invoice and Paris day.
 */

/** How far ahead an invoice due soon is listed. */
export const DUE_SOON_DAYS = 7;

const parisDayFormat = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" });

/** The calendar day in Paris, "2026-11-23": the unit of "once a day". */
export function parisDay(at: Date): string {
  return parisDayFormat.format(at);
}

/** Whole Paris days from the due date to `now`: positive when late, negative when due later. */
export function daysLate(dueAt: Date, now: Date): number {
  const toUtc = (day: string) => Date.parse(`${day}T00:00:00Z`);
  return Math.round((toUtc(parisDay(now)) - toUtc(parisDay(dueAt))) / 86_400_000);
}

export type UnpaidInvoice = Awaited<ReturnType<typeof listUnpaidInvoices>>[number];

/** Open invoices overdue or due within DUE_SOON_DAYS, the most overdue first, with their last reminder (automatic or by hand). */
export async function listUnpaidInvoices(now = new Date()) {
  const manual = db()
    .select({ invoiceId: invoiceReminders.invoiceId, lastAt: max(invoiceReminders.createdAt).as("manual_last_at") })
    .from(invoiceReminders)
    .groupBy(invoiceReminders.invoiceId)
    .as("manual");
  // The hourly job's reminders are outbox messages keyed by invoice (see notifications.server.ts).
  const automatic = sql<string | null>`(select max(${emailOutbox.createdAt}) from ${emailOutbox} where ${emailOutbox.idempotencyKey} in ('invoice-before:' || ${invoices.id}::text, 'invoice-after:' || ${invoices.id}::text))`;
  const rows = await db()
    .select({
      id: invoices.id,
      number: invoices.number,
      totalTtcCents: invoices.totalTtcCents,
      dueAt: invoices.dueAt,
      tenantName: tenants.name,
      tenantSlug: tenants.slug,
      editionYear: editions.year,
      orderReference: orders.reference,
      billingContactEmail: invoiceContactEmail,
      lastManualAt: manual.lastAt,
      lastAutomaticAt: automatic,
    })
    .from(invoices)
    .leftJoin(enrolments, and(eq(enrolments.tenantId, invoices.tenantId), eq(enrolments.id, invoices.enrolmentId)))
    .leftJoin(orders, and(eq(orders.tenantId, invoices.tenantId), eq(orders.id, invoices.orderId)))
    .innerJoin(tenants, eq(tenants.id, invoices.tenantId))
    .leftJoin(editions, eq(editions.id, enrolments.editionId))
    .leftJoin(manual, eq(manual.invoiceId, invoices.id))
    .where(
      and(
        eq(invoices.status, "open"),
        isNull(invoices.paidAt),
        lte(invoices.dueAt, sql`${now.toISOString()}::timestamptz + make_interval(days => ${DUE_SOON_DAYS})`),
      ),
    )
    .orderBy(asc(invoices.dueAt), asc(tenants.name));
  return rows.flatMap(({ lastManualAt, lastAutomaticAt, dueAt, editionYear, orderReference, ...row }) => {
    if (!dueAt) return [];
    const reminders = [lastManualAt, lastAutomaticAt].filter((at): at is NonNullable<typeof at> => at !== null).map((at) => new Date(at));
    const lastReminderAt = reminders.length > 0 ? new Date(Math.max(...reminders.map((at) => at.getTime()))) : null;
    // What the invoice is for: the barometer of an edition, or an order of an offer.
    const subject = editionYear ? `Baromètre ${editionYear}` : `Commande ${orderReference ?? ""}`;
    return [{ ...row, subject, dueAt, daysLate: daysLate(dueAt, now), lastReminderAt }];
  });
}

export type ReminderResult = { ok: true; message: string } | { ok: false; message: string };

export const ALREADY_REMINDED = "Une relance a déjà été envoyée aujourd'hui pour cette facture.";

/**
 * Sends a reminder for an unpaid invoice now: the e-mail to the billing contact (through the
 * outbox), the record and the audit entry in one transaction. The unique (invoice × Paris day)
 * constraint turns a second click, even a concurrent one, into a polite refusal.
 * Returns null for an invoice that does not exist.
 */
export async function sendInvoiceReminder(actorUserId: string, invoiceId: string, now = new Date()): Promise<ReminderResult | null> {
  const [row] = await db()
    .select({ invoice: invoices, billingContactEmail: invoiceContactEmail, tenantName: tenants.name })
    .from(invoices)
    .leftJoin(enrolments, and(eq(enrolments.tenantId, invoices.tenantId), eq(enrolments.id, invoices.enrolmentId)))
    .leftJoin(orders, and(eq(orders.tenantId, invoices.tenantId), eq(orders.id, invoices.orderId)))
    .innerJoin(tenants, eq(tenants.id, invoices.tenantId))
    .where(eq(invoices.id, invoiceId));
  if (!row || !row.billingContactEmail) return null;
  const { invoice, billingContactEmail } = row;
  if (invoice.status !== "open" || invoice.paidAt || !invoice.dueAt || !invoice.number)
    return { ok: false, message: "Cette facture n'est pas en attente de paiement : aucune relance n'est envoyée." };
  const day = parisDay(now);
  const late = daysLate(invoice.dueAt, now) > 0;
  return db().transaction(async (tx) => {
    const [recorded] = await tx
      .insert(invoiceReminders)
      .values({ tenantId: invoice.tenantId, invoiceId, parisDay: day, sentTo: billingContactEmail, sentBy: actorUserId, createdAt: now })
      .onConflictDoNothing({ target: [invoiceReminders.invoiceId, invoiceReminders.parisDay] })
      .returning({ id: invoiceReminders.id });
    if (!recorded) return { ok: false as const, message: ALREADY_REMINDED };
    await notifyInvoice(tx, invoiceId, late ? "after" : "before", `invoice-dunning:${invoiceId}:${day}`);
    await recordAudit(tx, {
      tenantId: invoice.tenantId,
      actorUserId,
      action: "invoice.reminder_sent",
      targetType: "invoice",
      targetId: invoiceId,
      details: { number: invoice.number, to: billingContactEmail, day },
    });
    return { ok: true as const, message: `Relance envoyée à ${billingContactEmail} pour la facture ${invoice.number} (${row.tenantName}).` };
  });
}
