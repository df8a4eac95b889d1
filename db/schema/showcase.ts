import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, numeric, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { tenants } from "./tenancy";

/**
 * The national figures AFNOR published for an edition (DOMAIN.md, "Published figures"), edited in
 * the back-office. When an edition has such a row it is what the public pages show, exactly; an
 * edition without one shows the figures computed from its published benchmarks. Public reference
 * data (no tenant). Scores are out of 100, one decimal.
 */
export type ChannelFigure = { score: number; delta: number | null };

export const editionKeyFigures = pgTable(
  "edition_key_figures",
  {
    year: integer("year").primaryKey(),
    /** "8e édition". */
    editionLabel: text("edition_label"),
    globalScore: numeric("global_score", { precision: 4, scale: 1, mode: "number" }),
    globalDelta: numeric("global_delta", { precision: 4, scale: 1, mode: "number" }),
    participants: integer("participants"),
    /** "environ 231": the published count is an approximation. */
    participantsApproximate: boolean("participants_approximate").notNull().default(false),
    certifiedScore: numeric("certified_score", { precision: 4, scale: 1, mode: "number" }),
    othersScore: numeric("others_score", { precision: 4, scale: 1, mode: "number" }),
    /** Channel code (audit plan) → published score and change over one year. */
    channels: jsonb("channels").$type<Record<string, ChannelFigure>>().notNull().default({}),
    /** Published facts, one French sentence each. */
    facts: jsonb("facts").$type<string[]>().notNull().default([]),
    summary: text("summary"),
    /** Unpublished rows are drafts: visible in the back-office preview only. */
    published: boolean("published").notNull().default(false),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("edition_key_figures_scores_check", sql`coalesce(${t.globalScore}, 0) BETWEEN 0 AND 100 AND coalesce(${t.certifiedScore}, 0) BETWEEN 0 AND 100 AND coalesce(${t.othersScore}, 0) BETWEEN 0 AND 100`)],
);

export const laureateMentions = ["numerique", "participation_citoyenne", "competence_accueil"] as const;
export type LaureateMention = (typeof laureateMentions)[number];

/**
 * A laureate of an edition in a barometer category, with its public story (Markdown). Public
 * editorial data written by AFNOR staff. `linkedTenantId` ties it to a structure of the portal,
 * allowed only while that structure consents to its public showcase (tenants.showcase_consent_at).
 */
export const laureates = pgTable(
  "laureates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    year: integer("year").notNull(),
    category: text("category").notNull(),
    mention: text("mention", { enum: laureateMentions }),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    /** Commune, département or région, as the public reads it. */
    place: text("place"),
    summary: text("summary").notNull(),
    story: text("story").notNull(),
    linkedTenantId: uuid("linked_tenant_id").references(() => tenants.id, { onDelete: "set null" }),
    practiceIds: uuid("practice_ids").array().notNull().default(sql`'{}'::uuid[]`),
    position: integer("position").notNull().default(0),
    /** Null: a draft, never public. */
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("laureates_year_slug_unique").on(t.year, t.slug), index("laureates_year_idx").on(t.year, t.position)],
);
