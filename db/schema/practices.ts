import { sql } from "drizzle-orm";
import { customType, index, integer, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { tenants } from "./tenancy";

/** PostgreSQL's full-text document type (same on PGlite). */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * A numbered good practice ("Bonne pratique n° 12"), published weekly during campaigns. Shared
 * reference content (no tenant). Invisible before `publish_at`.
 */
export const practices = pgTable(
  "practices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    series: text("series").notNull().default("bonnes-pratiques"),
    number: integer("number").notNull(),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    /** Markdown, rendered and sanitised on display. */
    body: text("body").notNull(),
    themes: text("themes").array().notNull().default(sql`'{}'::text[]`),
    determinants: text("determinants").array().notNull().default(sql`'{}'::text[]`),
    channels: text("channels").array().notNull().default(sql`'{}'::text[]`),
    structureKinds: text("structure_kinds").array().notNull().default(sql`'{}'::text[]`),
    sourceName: text("source_name"),
    sourceTenantId: uuid("source_tenant_id").references(() => tenants.id, { onDelete: "set null" }),
    laureateYear: integer("laureate_year"),
    illustrationUrl: text("illustration_url"),
    illustrationAlt: text("illustration_alt"),
    publishAt: timestamp("publish_at", { withTimezone: true }).notNull(),
    /** French full-text document of the accent-folded text (folded in code: same on both engines). */
    searchVector: tsvector("search_vector"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("practices_number_unique").on(t.series, t.number),
    uniqueIndex("practices_slug_idx").on(t.slug),
    index("practices_publish_idx").on(t.publishAt),
    index("practices_search_idx").using("gin", t.searchVector),
  ],
);

/** A member's bookmarks, per structure (tenant-owned: RLS). */
export const practiceBookmarks = pgTable(
  "practice_bookmarks",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId, t.practiceId] })],
);

/**
 * Who receives the weekly practice: a signed-in user (opt-in from the account) or anyone who
 * subscribed with an e-mail and confirmed it (double opt-in).
 */
export const digestSubscribers = pgTable(
  "digest_subscribers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    status: text("status", { enum: ["pending", "active", "unsubscribed"] }).notNull().default("pending"),
    /** SHA-256 of the confirmation token (double opt-in). */
    confirmTokenHash: text("confirm_token_hash"),
    confirmExpiresAt: timestamp("confirm_expires_at", { withTimezone: true }),
    /** Random secret of the one-click unsubscribe link (kept to honour old links). */
    unsubscribeToken: text("unsubscribe_token").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    unsubscribedAt: timestamp("unsubscribed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("digest_subscribers_email_idx").on(sql`lower(${t.email})`),
    uniqueIndex("digest_subscribers_unsubscribe_idx").on(t.unsubscribeToken),
    index("digest_subscribers_status_idx").on(t.status),
  ],
);

/** One delivery of one practice to one subscriber: the unique row that makes it "at most once". */
export const practiceDeliveries = pgTable(
  "practice_deliveries",
  {
    subscriberId: uuid("subscriber_id")
      .notNull()
      .references(() => digestSubscribers.id, { onDelete: "cascade" }),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id, { onDelete: "cascade" }),
    /** The outbox message carrying it (retries and back-off are the outbox's). */
    outboxId: uuid("outbox_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.subscriberId, t.practiceId] }), index("practice_deliveries_practice_idx").on(t.practiceId)],
);

