import { sql } from "drizzle-orm";
import { boolean, customType, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array | Buffer }>({
  dataType: () => "bytea",
  fromDriver: (value) => new Uint8Array(value),
});

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name"),
    passwordHash: text("password_hash"),
    emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** ProConnect identity: `sub` is only unique per identity provider, hence the pair (sub, idp_id). */
    proconnectSub: text("proconnect_sub"),
    proconnectIdpId: text("proconnect_idp_id"),
    /** Claims of the last ProConnect login (refreshed at every one): the agent's employer. */
    proconnectSiret: text("proconnect_siret"),
    proconnectOrganizationLabel: text("proconnect_organization_label"),
    /** Last sign-in (a session lasts 30 days at most, so activity is known within a month): the 3-year inactivity clock. */
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    /** When the "your account will be deleted" e-mail was sent for the current inactivity; a sign-in clears it. */
    inactivityNoticeAt: timestamp("inactivity_notice_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("users_email_lower_idx").on(sql`lower(${t.email})`),
    uniqueIndex("users_proconnect_identity_idx").on(t.proconnectSub, t.proconnectIdpId),
  ],
);

/** Sessions per Lucia's guide: the token is `<id>.<secret>`; only SHA-256(secret) is stored. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    secretHash: bytea("secret_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastVerifiedAt: timestamp("last_verified_at", { withTimezone: true }).notNull().defaultNow(),
    userAgent: text("user_agent"),
    ipAddress: text("ip_address"),
    /** "Voir comme": an admin's session reading one structure's space, read-only, until the expiry. */
    impersonatedTenantId: uuid("impersonated_tenant_id"),
    impersonationExpiresAt: timestamp("impersonation_expires_at", { withTimezone: true }),
    /** The ID token of a session opened through ProConnect: the `id_token_hint` of its logout. */
    proconnectIdToken: text("proconnect_id_token"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** One-time tokens sent by e-mail (magic link, password reset, e-mail verification, ProConnect link). */
export const oneTimeTokens = pgTable(
  "one_time_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    purpose: text("purpose", { enum: ["magic_link", "password_reset", "email_verification", "proconnect_link"] }).notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** What the token carries besides its user (the ProConnect identity waiting to be linked). */
    payload: jsonb("payload"),
  },
  (t) => [uniqueIndex("one_time_tokens_hash_idx").on(t.tokenHash), index("one_time_tokens_user_idx").on(t.userId)],
);

/**
 * An OpenID Connect round trip to ProConnect in progress (login or logout): looked up by the
 * SHA-256 of its `state`, deleted when the browser comes back (single use), ten minutes at most.
 */
export const proconnectFlows = pgTable(
  "proconnect_flows",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind", { enum: ["login", "logout"] }).notNull(),
    stateHash: text("state_hash").notNull(),
    nonce: text("nonce"),
    codeVerifier: text("code_verifier"),
    /** The MFA `acr` values were asked as essential (staff sign-in). */
    mfaRequested: boolean("mfa_requested").notNull().default(false),
    redirectTo: text("redirect_to").notNull().default("/mon-espace"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("proconnect_flows_state_idx").on(t.stateHash), index("proconnect_flows_expiry_idx").on(t.expiresAt)],
);

/** Fixed-window counters shared by every app instance (login, sign-up, magic link, reset). */
export const rateLimitHits = pgTable("rate_limit_hits", {
  key: text("key").primaryKey(),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  count: integer("count").notNull(),
});

export const staffRoles = pgTable(
  "staff_roles",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["admin", "sales", "auditor"] }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    active: boolean("active").notNull().default(true),
  },
  (t) => [uniqueIndex("staff_roles_user_role_idx").on(t.userId, t.role)],
);
