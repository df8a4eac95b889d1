import { sql } from "drizzle-orm";
import { check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { enrolments } from "./enrolment";
import { orders } from "./offers";
import { tenants } from "./tenancy";

/** A payment attempt or receipt for an enrolment: a card checkout or an invoice paid by mandate. */
export const payments = pgTable(
  "payments",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    /** What is paid: an enrolment or an order of an offer, exactly one of the two. */
    enrolmentId: uuid("enrolment_id"),
    orderId: uuid("order_id"),
    method: text("method", { enum: ["card", "invoice"] }).notNull(),
    status: text("status", { enum: ["pending", "paid", "expired", "refunded", "void"] }).notNull().default("pending"),
    amountCents: integer("amount_cents").notNull(),
    refundedCents: integer("refunded_cents").notNull().default(0),
    stripeCheckoutSessionId: text("stripe_checkout_session_id"),
    stripePaymentIntentId: text("stripe_payment_intent_id"),
    stripeInvoiceId: text("stripe_invoice_id"),
    checkoutUrl: text("checkout_url"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    paidAt: timestamp("paid_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("payments_id_unique").on(t.id),
    unique("payments_checkout_unique").on(t.stripeCheckoutSessionId),
    unique("payments_invoice_unique").on(t.stripeInvoiceId),
    foreignKey({ columns: [t.tenantId, t.enrolmentId], foreignColumns: [enrolments.tenantId, enrolments.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.tenantId, t.orderId], foreignColumns: [orders.tenantId, orders.id] }).onDelete("cascade"),
    index("payments_enrolment_idx").on(t.enrolmentId),
    index("payments_order_idx").on(t.orderId),
    check("payments_subject_check", sql`(${t.enrolmentId} IS NULL) <> (${t.orderId} IS NULL)`),
  ],
);

/** An invoice issued to a public buyer ("payer sur facture"), mirrored from Stripe. */
export const invoices = pgTable(
  "invoices",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    enrolmentId: uuid("enrolment_id"),
    orderId: uuid("order_id"),
    stripeInvoiceId: text("stripe_invoice_id").notNull(),
    stripeCustomerId: text("stripe_customer_id").notNull(),
    number: text("number"),
    status: text("status", { enum: ["draft", "open", "paid", "void"] }).notNull().default("draft"),
    totalHtCents: integer("total_ht_cents").notNull(),
    vatCents: integer("vat_cents").notNull(),
    totalTtcCents: integer("total_ttc_cents").notNull(),
    hostedUrl: text("hosted_url"),
    pdfUrl: text("pdf_url"),
    references: jsonb("references").$type<{ label: string; value: string }[]>().notNull().default([]),
    dueAt: timestamp("due_at", { withTimezone: true }),
    finalizedAt: timestamp("finalized_at", { withTimezone: true }),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("invoices_id_unique").on(t.id),
    unique("invoices_stripe_unique").on(t.stripeInvoiceId),
    foreignKey({ columns: [t.tenantId, t.enrolmentId], foreignColumns: [enrolments.tenantId, enrolments.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.tenantId, t.orderId], foreignColumns: [orders.tenantId, orders.id] }).onDelete("cascade"),
    check("invoices_subject_check", sql`(${t.enrolmentId} IS NULL) <> (${t.orderId} IS NULL)`),
  ],
);

/**
 * A payment reminder sent by hand from the back-office ("Relancer"). At most one per invoice and
 * Paris day: the unique constraint makes two concurrent clicks send one e-mail.
 */
export const invoiceReminders = pgTable(
  "invoice_reminders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    invoiceId: uuid("invoice_id")
      .notNull()
      .references(() => invoices.id, { onDelete: "cascade" }),
    parisDay: date("paris_day").notNull(),
    sentTo: text("sent_to").notNull(),
    sentBy: uuid("sent_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("invoice_reminders_invoice_day_unique").on(t.invoiceId, t.parisDay)],
);

/** Stripe webhook events already handled (de-duplication by event id, written with the state change). */
export const stripeEvents = pgTable("stripe_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
});
