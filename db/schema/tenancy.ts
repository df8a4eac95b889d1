import { sql } from "drizzle-orm";
import { foreignKey, index, integer, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const tenants = pgTable(
  "tenants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    category: text("category").notNull(),
    siret: text("siret").notNull(),
    territoryCode: text("territory_code"),
    population: integer("population"),
    departementCode: text("departement_code"),
    departementName: text("departement_name"),
    regionCode: text("region_code"),
    regionName: text("region_name"),
    certifications: text("certifications").array().notNull().default([]),
    chorusServiceCode: text("chorus_service_code"),
    /** The owner's consent to be named and linked on the public laureates' pages (null: none). */
    showcaseConsentAt: timestamp("showcase_consent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    /** Deleted by an AFNOR admin: personal data erased, invoices kept; hidden everywhere but the back-office record. */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    deletedBy: uuid("deleted_by").references(() => users.id, { onDelete: "set null" }),
    /** When its owners were told the space would be deleted, 5 years after its last participation (retention job). */
    retentionNoticeAt: timestamp("retention_notice_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("tenants_slug_idx").on(t.slug), index("tenants_siret_idx").on(t.siret)],
);

export const memberships = pgTable(
  "memberships",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["owner", "member", "viewer"] }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] }), index("memberships_user_idx").on(t.userId)],
);

export const invitations = pgTable(
  "invitations",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    email: text("email").notNull(),
    role: text("role", { enum: ["owner", "member", "viewer"] }).notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedBy: uuid("accepted_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("invitations_token_idx").on(t.tokenHash),
    unique("invitations_id_unique").on(t.id),
  ],
);

/**
 * A signed-in user's request to join a structure whose SIRET matched their ProConnect `siret` claim.
 * Nothing is granted until an owner approves (the membership is created with the role the owner picks).
 */
export const membershipRequests = pgTable(
  "membership_requests",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text("status", { enum: ["pending", "approved", "refused"] }).notNull().default("pending"),
    /** The SIRET claim the request was made with (the structure's SIRET at that time). */
    siret: text("siret").notNull(),
    /** The role granted on approval (null while pending or when refused). */
    grantedRole: text("granted_role", { enum: ["owner", "member", "viewer"] }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("membership_requests_id_unique").on(t.id),
    uniqueIndex("membership_requests_pending_idx").on(t.tenantId, t.userId).where(sql`${t.status} = 'pending'`),
    index("membership_requests_user_idx").on(t.userId),
  ],
);

/** Who did what to which tenant's data; tenant_id is null for platform-level events. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id"),
    actorUserId: uuid("actor_user_id"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    details: text("details"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_log_tenant_idx").on(t.tenantId, t.createdAt),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete("set null"),
  ],
);
