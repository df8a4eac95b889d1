import { foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { editions } from "./editions";
import { enrolments } from "./enrolment";
import { tenants } from "./tenancy";

/** The six contact channels and the three stages of every contact: fixed vocabulary. */
export const channels = pgTable("channels", {
  code: text("code").primaryKey(),
  label: text("label").notNull(),
  position: integer("position").notNull(),
});

export const stages = pgTable("stages", {
  code: text("code").primaryKey(),
  label: text("label").notNull(),
  position: integer("position").notNull(),
});

/** An edition's audit referential: its determinants and items. Frozen once published. */
export const referentials = pgTable(
  "referentials",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    editionId: uuid("edition_id")
      .notNull()
      .references(() => editions.id, { onDelete: "cascade" }),
    version: text("version").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("referentials_edition_unique").on(t.editionId)],
);

export const determinants = pgTable(
  "determinants",
  {
    referentialId: uuid("referential_id")
      .notNull()
      .references(() => referentials.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    label: text("label").notNull(),
    description: text("description").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [primaryKey({ columns: [t.referentialId, t.code] })],
);

export type Threshold = { upTo: number; points: number };

export const referentialItems = pgTable(
  "referential_items",
  {
    referentialId: uuid("referential_id")
      .notNull()
      .references(() => referentials.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    label: text("label").notNull(),
    channel: text("channel")
      .notNull()
      .references(() => channels.code),
    stage: text("stage")
      .notNull()
      .references(() => stages.code),
    determinant: text("determinant").notNull(),
    weight: integer("weight").notNull().default(1),
    answerType: text("answer_type", { enum: ["yes_no", "scale", "measure"] }).notNull(),
    unit: text("unit"),
    thresholds: jsonb("thresholds").$type<Threshold[]>(),
    source: text("source").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.referentialId, t.code] }),
    foreignKey({ columns: [t.referentialId, t.determinant], foreignColumns: [determinants.referentialId, determinants.code] }),
    index("referential_items_cell_idx").on(t.referentialId, t.channel, t.stage),
  ],
);

/** One of the 13 mystery audits of a structure for an edition. */
export const audits = pgTable(
  "audits",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    editionId: uuid("edition_id")
      .notNull()
      .references(() => editions.id),
    enrolmentId: uuid("enrolment_id").notNull(),
    number: integer("number").notNull(),
    channel: text("channel")
      .notNull()
      .references(() => channels.code),
    scenario: text("scenario").notNull(),
    plannedOn: text("planned_on"),
    auditedAt: timestamp("audited_at", { withTimezone: true }),
    auditorUserId: uuid("auditor_user_id").references(() => users.id, { onDelete: "set null" }),
    status: text("status", { enum: ["planned", "draft", "submitted"] }).notNull().default("planned"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("audits_id_unique").on(t.id),
    unique("audits_number_unique").on(t.tenantId, t.editionId, t.number),
    foreignKey({ columns: [t.tenantId, t.enrolmentId], foreignColumns: [enrolments.tenantId, enrolments.id] }).onDelete("cascade"),
    index("audits_auditor_idx").on(t.auditorUserId, t.status),
  ],
);

/** An auditor's answer to one item in one audit: "oui" / "non" / "na", a 0–4 scale or a measure. */
export const auditAnswers = pgTable(
  "audit_answers",
  {
    tenantId: uuid("tenant_id").notNull(),
    auditId: uuid("audit_id").notNull(),
    itemCode: text("item_code").notNull(),
    value: text("value").notNull(),
    measuredValue: numeric("measured_value", { precision: 12, scale: 2, mode: "number" }),
    comment: text("comment"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.auditId, t.itemCode] }),
    foreignKey({ columns: [t.tenantId, t.auditId], foreignColumns: [audits.tenantId, audits.id] }).onDelete("cascade"),
  ],
);
