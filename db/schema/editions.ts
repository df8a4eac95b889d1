import { boolean, date, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/** Channels of the audit plan: how many of the 13 audits each channel gets. */
export type AuditPlan = Record<"telephone" | "courriel" | "courrier" | "site" | "reseaux_sociaux" | "accueil_physique", number>;

/** One yearly barometer edition (shared by every tenant: no tenant_id). */
export const editions = pgTable(
  "editions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    year: integer("year").notNull(),
    number: integer("number").notNull(),
    title: text("title").notNull(),
    status: text("status", { enum: ["draft", "open", "closed"] }).notNull().default("draft"),
    enrolmentOpensOn: date("enrolment_opens_on").notNull(),
    enrolmentClosesOn: date("enrolment_closes_on").notNull(),
    auditStartsOn: date("audit_starts_on").notNull(),
    auditEndsOn: date("audit_ends_on").notNull(),
    publicationOn: date("publication_on").notNull(),
    referentialVersion: text("referential_version").notNull(),
    auditPlan: jsonb("audit_plan").$type<AuditPlan>().notNull(),
    onsiteVisitOptional: boolean("onsite_visit_optional").notNull().default(true),
    onsiteVisitPriceCents: integer("onsite_visit_price_cents").notNull().default(0),
    termsVersion: text("terms_version").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("editions_year_idx").on(t.year)],
);

/** Price per barometer category, HT, in cents. An enrolment copies it: changing it never reprices an enrolment. */
export const editionPrices = pgTable(
  "edition_prices",
  {
    editionId: uuid("edition_id")
      .notNull()
      .references(() => editions.id, { onDelete: "cascade" }),
    category: text("category").notNull(),
    priceHtCents: integer("price_ht_cents").notNull(),
  },
  (t) => [primaryKey({ columns: [t.editionId, t.category] })],
);
