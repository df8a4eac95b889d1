import { and, eq, ne, sql } from "drizzle-orm";
import { db } from "../../../db/client";
import { sessions, users } from "../../../db/schema";
import { env } from "~/env.server";
import { z } from "~/utils/zod";
import { recordAudit } from "../audit-log/audit-log.server";
import { enqueueEmail } from "../mail/outbox.server";
import { requestContext } from "../observability/request-context.server";
import { joinableTenants } from "../tenancy/membership-requests.server";
import { findUserByEmail, openSignInSession } from "./accounts.server";
import { getStaffRoles } from "./guards.server";
import { consumeToken, issueToken, tokenLifetimesMinutes } from "./one-time-tokens.server";
import { isMfaAcr, mfaClaimsParameter, PROCONNECT_SCOPES } from "./proconnect-acr";
import {
  callbackUrl,
  classifyError,
  client,
  consumeFlow,
  createFlow,
  postLogoutUrl,
  proconnectConfiguration,
  proconnectSettings,
  readFlowCookie,
  type FailureReason,
} from "./proconnect-client.server";
import { consume, rateLimits } from "./rate-limit.server";

/*
 * Signing in with ProConnect. The identity is the pair (sub, idp_id): `sub` is only unique per
 * identity provider. A known identity signs in; an unknown one whose e-mail already has an account
 * is linked only after the owner of the address clicks a link sent to it (never silently); a new
 * e-mail creates an account, verified (ProConnect vouches for the address) and without password.
 */

export type Failure = { ok: false; reason: FailureReason };
export type LoginOutcome =
  | { ok: true; kind: "signed-in"; token: string; userId: string; redirectTo: string; created: boolean }
  | { ok: true; kind: "link-sent" }
  | Failure;

const fail = (reason: FailureReason): Failure => ({ ok: false, reason });

/** What the portal keeps of a ProConnect login, read from the verified userinfo JWT. */
const claimsSchema = z.object({
  sub: z.string().min(1).max(255),
  email: z.email().max(254),
  given_name: z.string().trim().max(200).default(""),
  usual_name: z.string().trim().max(200).default(""),
  idp_id: z.string().min(1).max(255),
  siret: z
    .string()
    .transform((v) => v.replace(/\s/g, ""))
    .pipe(z.string().regex(/^(\d{14})?$/))
    .optional()
    .catch(undefined),
  organization_label: z.string().trim().max(300).optional().catch(undefined),
});
type Identity = { sub: string; idpId: string; siret: string | null; organizationLabel: string | null };

/** Payload of a pending link (the one-time token's): the identity and the ID token for the logout. */
const linkPayloadSchema = z.object({
  sub: z.string(),
  idpId: z.string(),
  siret: z.string().nullable(),
  organizationLabel: z.string().nullable(),
  idToken: z.string(),
  redirectTo: z.string(),
});

/**
 * Starts a login: records the round trip and returns the provider's authorization URL and the
 * `state` for the browser's cookie. `mfa`: the multi-factor `acr` values are asked as essential.
 */
export async function startProConnectLogin(input: { redirectTo: string; mfa: boolean }): Promise<{ ok: true; url: string; state: string } | Failure> {
  const settings = proconnectSettings();
  if (!settings) return fail("disabled");
  let configuration;
  try {
    configuration = await proconnectConfiguration(settings);
  } catch (error) {
    logProviderError("discovery", error);
    return fail("unavailable");
  }
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = await createFlow({ kind: "login", nonce, codeVerifier, mfaRequested: input.mfa, redirectTo: input.redirectTo });
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: callbackUrl(),
    scope: PROCONNECT_SCOPES,
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    ...(input.mfa ? { claims: mfaClaimsParameter() } : {}),
  });
  return { ok: true, url: url.href, state };
}

/**
 * The browser is back from ProConnect: checks the round trip (state bound to this browser, single
 * use), exchanges the code (PKCE), verifies the ID token (signature, issuer, audience, nonce,
 * expiry) and the userinfo JWT, then signs in, links or creates the account. A refusal writes
 * nothing but the round trip's deletion.
 */
export async function completeProConnectLogin(request: Request): Promise<LoginOutcome> {
  const settings = proconnectSettings();
  if (!settings) return fail("disabled");
  const requestUrl = new URL(request.url);
  const flow = await consumeFlow("login", requestUrl.searchParams.get("state"), readFlowCookie(request));
  if (!flow || !flow.nonce || !flow.codeVerifier) return fail("state");

  let idToken: string;
  let acr: unknown;
  let claims: z.output<typeof claimsSchema>;
  try {
    const configuration = await proconnectConfiguration(settings);
    const tokens = await client.authorizationCodeGrant(configuration, new URL(`${callbackUrl()}${requestUrl.search}`), {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: requestUrl.searchParams.get("state")!,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims || !tokens.id_token) return fail("token");
    idToken = tokens.id_token;
    acr = idClaims.acr;
    const userinfo = await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
    const parsed = claimsSchema.safeParse(userinfo);
    if (!parsed.success) return fail("claims");
    claims = parsed.data;
  } catch (error) {
    const reason = classifyError(error);
    logProviderError(reason, error);
    return fail(reason);
  }
  if (flow.mfaRequested && !isMfaAcr(acr)) return fail("mfa");

  const identity: Identity = { sub: claims.sub, idpId: claims.idp_id, siret: claims.siret || null, organizationLabel: claims.organization_label || null };
  const [linked] = await db()
    .select()
    .from(users)
    .where(and(eq(users.proconnectSub, identity.sub), eq(users.proconnectIdpId, identity.idpId)));
  const existing = linked ?? (await findUserByEmail(claims.email));
  if (existing && !(await meetsStaffMfa(existing.id, acr))) return fail("mfa");

  if (linked) {
    await db().transaction(async (tx) => {
      await tx.update(users).set({ proconnectSiret: identity.siret, proconnectOrganizationLabel: identity.organizationLabel }).where(eq(users.id, linked.id));
      await recordAudit(tx, auditEntry(linked.id, "auth.proconnect_login", identity, acr));
    });
    return signIn(linked.id, idToken, flow.redirectTo, false);
  }

  if (existing) {
    const limited = await consume(`email-link:account:${existing.id}`, rateLimits.emailLinkPerAccount);
    if (!limited.allowed) return fail("rate-limited");
    await db().transaction(async (tx) => {
      const payload: z.input<typeof linkPayloadSchema> = { ...identity, idToken, redirectTo: flow.redirectTo };
      const { token } = await issueToken("proconnect_link", existing.id, tx, tokenLifetimesMinutes.proconnect_link, payload);
      await enqueueEmail(
        {
          template: "proconnect-link",
          to: existing.email,
          props: {
            name: existing.name,
            organizationLabel: identity.organizationLabel,
            url: `${env().APP_URL}/connexion/proconnect/lier?token=${encodeURIComponent(token)}`,
            expiresInMinutes: tokenLifetimesMinutes.proconnect_link,
          },
          idempotencyKey: `proconnect-link:${existing.id}:${token.slice(0, 12)}`,
        },
        tx,
      );
      await recordAudit(tx, auditEntry(existing.id, "auth.proconnect_link_requested", identity, acr));
    });
    return { ok: true, kind: "link-sent" };
  }

  const name = `${claims.given_name} ${claims.usual_name}`.trim() || null;
  const created = await db().transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({
        email: claims.email,
        name,
        emailVerifiedAt: sql`now()`,
        proconnectSub: identity.sub,
        proconnectIdpId: identity.idpId,
        proconnectSiret: identity.siret,
        proconnectOrganizationLabel: identity.organizationLabel,
      })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (row) await recordAudit(tx, auditEntry(row.id, "auth.proconnect_account_created", identity, acr));
    return row ?? null;
  });
  // Two first logins at once with the same identity or e-mail: the second one is refused, not merged.
  if (!created) return fail("conflict");
  return signIn(created.id, idToken, flow.redirectTo, true);
}

/** A staff account must have signed in with a multi-factor `acr` (unless PROCONNECT_STAFF_MFA=false). */
async function meetsStaffMfa(userId: string, acr: unknown) {
  if (!proconnectSettings()?.staffMfa || isMfaAcr(acr)) return true;
  return (await getStaffRoles(userId)).length === 0;
}

/**
 * The link sent to an existing account's address: associates the identity it carries, then signs
 * in. An account whose address had never been verified was perhaps opened by someone else with
 * this address: its password and its sessions go, the owner of the address keeps the account.
 */
export async function confirmProConnectLink(token: string): Promise<LoginOutcome> {
  const outcome = await db().transaction(async (tx) => {
    const used = await consumeToken("proconnect_link", token, tx);
    if (!used) return fail("state");
    const payload = linkPayloadSchema.safeParse(used.payload);
    if (!payload.success) return fail("state");
    const { sub, idpId, siret, organizationLabel } = payload.data;
    const [other] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.proconnectSub, sub), eq(users.proconnectIdpId, idpId), ne(users.id, used.userId)));
    if (other) return fail("conflict");
    const [before] = await tx.select({ emailVerifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.id, used.userId));
    if (!before) return fail("state");
    await tx
      .update(users)
      .set({
        proconnectSub: sub,
        proconnectIdpId: idpId,
        proconnectSiret: siret,
        proconnectOrganizationLabel: organizationLabel,
        emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())`,
        ...(before.emailVerifiedAt ? {} : { passwordHash: null }),
      })
      .where(eq(users.id, used.userId));
    if (!before.emailVerifiedAt) await tx.delete(sessions).where(eq(sessions.userId, used.userId));
    await recordAudit(tx, auditEntry(used.userId, "auth.proconnect_linked", { sub, idpId, siret, organizationLabel }, null));
    return { ok: true as const, userId: used.userId, idToken: payload.data.idToken, redirectTo: payload.data.redirectTo };
  });
  if (!outcome.ok) return outcome;
  return signIn(outcome.userId, outcome.idToken, outcome.redirectTo, false);
}

/** Opens the session (remembering the ID token for the logout) and picks where to go next. */
async function signIn(userId: string, idToken: string, redirectTo: string, created: boolean): Promise<LoginOutcome> {
  const { token } = await openSignInSession(userId, { proconnectIdToken: idToken });
  // The SIRET claim matched structures: offer to ask to join them (nothing is granted here).
  const joinable = await joinableTenants(userId);
  return { ok: true, kind: "signed-in", token, userId, created, redirectTo: joinable.length > 0 ? "/compte/rejoindre" : redirectTo };
}

function auditEntry(userId: string, action: string, identity: Identity, acr: unknown) {
  return {
    tenantId: null,
    actorUserId: userId,
    action,
    targetType: "user",
    targetId: userId,
    details: { idpId: identity.idpId, siret: identity.siret, ...(typeof acr === "string" ? { acr } : {}) },
  };
}

function logProviderError(reason: string, error: unknown) {
  if (env().LOG_LEVEL === "silent") return;
  console.warn(JSON.stringify({ level: "warn", msg: "proconnect", reason, requestId: requestContext.getStore()?.requestId ?? null, error: describeError(error) }));
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
  return `${error.name}${typeof code === "string" ? ` ${code}` : ""}: ${error.message}${cause}`;
}

// ---------------------------------------------------------------------------
// Logout

/**
 * When the session was opened with ProConnect: ends it here and returns the provider's
 * end-session URL (id_token_hint, registered post-logout URL, a `state` checked on return) and
 * the `state` for the browser's cookie. Null for any other session, or when the provider cannot
 * be reached (the local logout is then enough).
 */
export async function proconnectLogoutUrl(sessionId: string): Promise<{ url: string; state: string } | null> {
  const settings = proconnectSettings();
  if (!settings) return null;
  const [row] = await db().select({ idToken: sessions.proconnectIdToken }).from(sessions).where(eq(sessions.id, sessionId));
  if (!row?.idToken) return null;
  try {
    const configuration = await proconnectConfiguration(settings);
    const state = await createFlow({ kind: "logout" });
    const url = client.buildEndSessionUrl(configuration, { id_token_hint: row.idToken, post_logout_redirect_uri: postLogoutUrl(), state });
    return { url: url.href, state };
  } catch (error) {
    logProviderError("logout", error);
    return null;
  }
}

/** Back from the provider's logout: true when the `state` is the one this browser was given. */
export async function completeProConnectLogout(request: Request): Promise<boolean> {
  const flow = await consumeFlow("logout", new URL(request.url).searchParams.get("state"), readFlowCookie(request));
  return flow !== null;
}
