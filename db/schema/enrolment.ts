import { sql } from "drizzle-orm";
import { boolean, check, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { editions } from "./editions";
import { tenants } from "./tenancy";

/** A structure's enrolment in one edition: one per tenant × edition, with its price frozen at submission. */
export const enrolments = pgTable(
  "enrolments",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    editionId: uuid("edition_id")
      .notNull()
      .references(() => editions.id),
    status: text("status").notNull().default("draft"),
    category: text("category").notNull(),
    basePriceHtCents: integer("base_price_ht_cents").notNull(),
    onsiteVisit: boolean("onsite_visit").notNull().default(false),
    onsiteVisitHtCents: integer("onsite_visit_ht_cents").notNull().default(0),
    totalHtCents: integer("total_ht_cents").notNull(),
    vatCents: integer("vat_cents").notNull(),
    totalTtcCents: integer("total_ttc_cents").notNull(),
    paymentPath: text("payment_path", { enum: ["card", "invoice"] }).notNull(),
    billingContactName: text("billing_contact_name").notNull(),
    billingContactEmail: text("billing_contact_email").notNull(),
    billingAddress: text("billing_address").notNull(),
    purchaseOrderNumber: text("purchase_order_number"),
    engagementNumber: text("engagement_number"),
    chorusServiceCode: text("chorus_service_code"),
    /** The buyer said its Chorus Pro structure requires a service code / an engagement number on invoices. */
    serviceCodeRequired: boolean("service_code_required").notNull().default(false),
    engagementRequired: boolean("engagement_required").notNull().default(false),
    payerSiret: text("payer_siret").notNull(),
    termsVersion: text("terms_version").notNull(),
    termsAcceptedAt: timestamp("terms_accepted_at", { withTimezone: true }).notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true }).notNull().defaultNow(),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    cancelReason: text("cancel_reason"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("enrolments_id_unique").on(t.id),
    unique("enrolments_tenant_edition_unique").on(t.tenantId, t.editionId),
    index("enrolments_edition_idx").on(t.editionId, t.status),
    check("enrolments_amounts_check", sql`${t.totalTtcCents} = ${t.totalHtCents} + ${t.vatCents}`),
  ],
);

/** Every status change of an enrolment, timestamped (the audit log records who). */
export const enrolmentTransitions = pgTable(
  "enrolment_transitions",
  {
    tenantId: uuid("tenant_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    enrolmentId: uuid("enrolment_id").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    source: text("source").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.enrolmentId], foreignColumns: [enrolments.tenantId, enrolments.id] }).onDelete("cascade"),
    index("enrolment_transitions_enrolment_idx").on(t.enrolmentId, t.at),
  ],
);
