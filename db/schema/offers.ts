import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

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
