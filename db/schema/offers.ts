import { sql } from "drizzle-orm";
import { boolean, check, date, foreignKey, jsonb, index, integer, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { tenants } from "./tenancy";

/** The rungs of AFNOR's offer ladder after the barometer itself (see DOMAIN.md, "The offer ladder"). */
export const offerKinds = ["diagnostic", "formation", "diagnostic_flash", "certification"] as const;
export type OfferKind = (typeof offerKinds)[number];

/**
 * AFNOR's catalogue of services offered to structures: shared reference data (no tenant, read by
 * every tenant). Prices are HT in cents; `null` means "sur devis".
 */
export const offers = pgTable(
  "offers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull(),
    kind: text("kind", { enum: offerKinds }).notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    benefits: text("benefits").notNull(),
    duration: text("duration").notNull(),
    priceHtCents: integer("price_ht_cents"),
    prerequisites: text("prerequisites").notNull(),
    position: integer("position").notNull().default(0),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("offers_code_idx").on(t.code), check("offers_price_check", sql`${t.priceHtCents} IS NULL OR ${t.priceHtCents} >= 0`)],
);

/** A dated session of a training offer (inter-structure, on site or remote). */
export const trainingSessions = pgTable(
  "training_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    offerId: uuid("offer_id")
      .notNull()
      .references(() => offers.id, { onDelete: "cascade" }),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
    /** A town, or "À distance". */
    place: text("place").notNull(),
    remote: boolean("remote").notNull().default(false),
    seats: integer("seats").notNull(),
    seatsTaken: integer("seats_taken").notNull().default(0),
  },
  (t) => [
    index("training_sessions_offer_idx").on(t.offerId, t.startsOn),
    check("training_sessions_seats_check", sql`${t.seatsTaken} >= 0 AND ${t.seatsTaken} <= ${t.seats}`),
    check("training_sessions_dates_check", sql`${t.endsOn} >= ${t.startsOn}`),
  ],
);

/**
 * A structure's quote request or order of a catalogue offer. A quote request commits nothing; an
 * order freezes its price, reserves its training seats (when a session is chosen) and is paid
 * through the billing module (card or invoice), like an enrolment.
 */
export const orderStatuses = ["quote_requested", "awaiting_payment", "confirmed", "paid", "cancelled"] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export const orders = pgTable(
  "orders",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    /** Human reference printed on quotes and invoices ("CMD-2026-0007"). */
    reference: text("reference").notNull(),
    offerId: uuid("offer_id")
      .notNull()
      .references(() => offers.id),
    sessionId: uuid("session_id").references(() => trainingSessions.id),
    status: text("status", { enum: orderStatuses }).notNull(),
    trainees: integer("trainees").notNull().default(1),
    sites: integer("sites").notNull().default(1),
    /** Seats held on the session: set when ordered, released when cancelled. */
    seatsReserved: integer("seats_reserved").notNull().default(0),
    message: text("message"),
    /** Frozen at submission; null when the offer is "sur devis". */
    totalHtCents: integer("total_ht_cents"),
    vatCents: integer("vat_cents"),
    totalTtcCents: integer("total_ttc_cents"),
    lines: jsonb("lines").$type<{ label: string; quantity: number; unitPriceHtCents: number }[]>().notNull().default([]),
    paymentPath: text("payment_path", { enum: ["card", "invoice"] }),
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
    termsVersion: text("terms_version"),
    termsAcceptedAt: timestamp("terms_accepted_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    orderedAt: timestamp("ordered_at", { withTimezone: true }),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("orders_id_unique").on(t.id),
    unique("orders_reference_unique").on(t.reference),
    index("orders_created_idx").on(t.createdAt),
    check("orders_quantities_check", sql`${t.trainees} >= 1 AND ${t.sites} >= 1 AND ${t.seatsReserved} >= 0`),
    check("orders_amounts_check", sql`${t.totalTtcCents} IS NULL OR ${t.totalTtcCents} = ${t.totalHtCents} + ${t.vatCents}`),
    check("orders_priced_check", sql`${t.status} IN ('quote_requested', 'cancelled') OR (${t.totalTtcCents} IS NOT NULL AND ${t.paymentPath} IS NOT NULL)`),
  ],
);

/** The sales pipeline: every quote request or order becomes a lead (one per order). */
export const leadStatuses = ["nouveau", "contacte", "devis_envoye", "gagne", "perdu"] as const;
export type LeadStatus = (typeof leadStatuses)[number];

export const leads = pgTable(
  "leads",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    orderId: uuid("order_id"),
    offerId: uuid("offer_id").references(() => offers.id),
    title: text("title").notNull(),
    status: text("status", { enum: leadStatuses }).notNull().default("nouveau"),
    assigneeId: uuid("assignee_id").references(() => users.id, { onDelete: "set null" }),
    valueHtCents: integer("value_ht_cents"),
    nextContactOn: date("next_contact_on"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("leads_id_unique").on(t.id),
    unique("leads_order_unique").on(t.orderId),
    foreignKey({ columns: [t.tenantId, t.orderId], foreignColumns: [orders.tenantId, orders.id] }).onDelete("cascade"),
    index("leads_status_idx").on(t.status, t.updatedAt),
    check("leads_value_check", sql`${t.valueHtCents} IS NULL OR ${t.valueHtCents} >= 0`),
  ],
);

/** Sales notes on a lead, append-only. */
export const leadNotes = pgTable(
  "lead_notes",
  {
    tenantId: uuid("tenant_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    leadId: uuid("lead_id").notNull(),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.leadId], foreignColumns: [leads.tenantId, leads.id] }).onDelete("cascade"),
    index("lead_notes_lead_idx").on(t.leadId, t.createdAt),
  ],
);
