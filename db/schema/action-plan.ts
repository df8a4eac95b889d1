import { date, foreignKey, index, integer, numeric, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { editions } from "./editions";
import { tenants } from "./tenancy";

export const actionStatuses = ["a_faire", "en_cours", "fait", "abandonne"] as const;
export type ActionStatus = (typeof actionStatuses)[number];

/**
 * One action of a structure's improvement plan: proposed at a publication (edition + proposal
 * key, unique: publishing again never duplicates it) or written by the structure's members.
 */
export const actions = pgTable(
  "actions",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    /** The edition whose results proposed it (null: written by the structure). */
    editionId: uuid("edition_id").references(() => editions.id, { onDelete: "set null" }),
    proposalKey: text("proposal_key"),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    determinant: text("determinant"),
    channel: text("channel"),
    stage: text("stage"),
    /** The targeted group's score when the action was proposed. */
    baselineScore: numeric("baseline_score", { precision: 4, scale: 1, mode: "number" }),
    impact: numeric("impact", { precision: 4, scale: 1, mode: "number" }),
    effort: integer("effort"),
    priority: text("priority", { enum: ["haute", "moyenne", "basse"] }).notNull().default("moyenne"),
    status: text("status", { enum: actionStatuses }).notNull().default("a_faire"),
    ownerUserId: uuid("owner_user_id").references(() => users.id, { onDelete: "set null" }),
    dueOn: date("due_on"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    /** Deleted by the structure: kept (hidden everywhere) so that republishing never proposes it again. */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("actions_id_unique").on(t.id),
    unique("actions_proposal_unique").on(t.tenantId, t.editionId, t.proposalKey),
    index("actions_owner_due_idx").on(t.ownerUserId, t.dueOn),
  ],
);

export const actionComments = pgTable(
  "action_comments",
  {
    tenantId: uuid("tenant_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    actionId: uuid("action_id").notNull(),
    authorUserId: uuid("author_user_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.actionId], foreignColumns: [actions.tenantId, actions.id] }).onDelete("cascade"),
    index("action_comments_action_idx").on(t.actionId, t.createdAt),
  ],
);

/** One weekly reminder digest per person: the row is the lock that makes the job send it once. */
export const actionReminderDigests = pgTable(
  "action_reminder_digests",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** ISO week, e.g. "2026-W48". */
    week: text("week").notNull(),
    actions: integer("actions").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.week] })],
);
