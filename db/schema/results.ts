import { index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, unique, uuid, boolean } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { editions } from "./editions";
import { tenants } from "./tenancy";

/** One publication of an edition's results; republishing makes a new version. */
export const publications = pgTable(
  "publications",
  {
    editionId: uuid("edition_id")
      .notNull()
      .references(() => editions.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
    publishedBy: uuid("published_by").references(() => users.id, { onDelete: "set null" }),
    structures: integer("structures").notNull(),
  },
  (t) => [primaryKey({ columns: [t.editionId, t.version] })],
);

/** A structure's scores frozen at publication: later corrections never change it. */
export const resultSnapshots = pgTable(
  "result_snapshots",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    editionId: uuid("edition_id")
      .notNull()
      .references(() => editions.id),
    version: integer("version").notNull(),
    category: text("category").notNull(),
    certified: boolean("certified").notNull(),
    globalScore: numeric("global_score", { precision: 4, scale: 1, mode: "number" }),
    scores: jsonb("scores").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("result_snapshots_version_unique").on(t.tenantId, t.editionId, t.version),
    index("result_snapshots_edition_idx").on(t.editionId, t.version, t.category),
  ],
);

/** Peer figures per edition × group × measure, computed in SQL from the snapshots. */
export const benchmarks = pgTable(
  "benchmarks",
  {
    editionId: uuid("edition_id")
      .notNull()
      .references(() => editions.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    groupType: text("group_type", { enum: ["national", "category", "certified"] }).notNull(),
    groupKey: text("group_key").notNull(),
    measure: text("measure").notNull(),
    n: integer("n").notNull(),
    mean: numeric("mean", { precision: 5, scale: 2, mode: "number" }).notNull(),
    median: numeric("median", { precision: 5, scale: 2, mode: "number" }).notNull(),
    q1: numeric("q1", { precision: 5, scale: 2, mode: "number" }).notNull(),
    q3: numeric("q3", { precision: 5, scale: 2, mode: "number" }).notNull(),
    deciles: jsonb("deciles").$type<number[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.editionId, t.version, t.groupType, t.groupKey, t.measure] })],
);
