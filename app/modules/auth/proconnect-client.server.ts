import * as client from "openid-client";
import { and, eq, gt, lt, sql } from "drizzle-orm";
import { db } from "../../../db/client";
import { proconnectFlows } from "../../../db/schema";
import { env } from "~/env.server";
import { hashSecretHex } from "./crypto.server";
import type { FailureReason } from "./proconnect-messages";

export { failureMessages, failureStatus, type FailureReason } from "./proconnect-messages";

/*
 * The OpenID Connect plumbing of ProConnect: the client configuration (discovery, cached per
 * process and retried after a failure), the round trips in progress (state, nonce, PKCE verifier
 * kept server-side, single use), the cookie binding a round trip to the browser that started it,
 * and the French reading of the library's errors. The domain (accounts, linking) is in
 * proconnect.server.ts.
 */

export const CALLBACK_PATH = "/connexion/proconnect/retour";
export const POST_LOGOUT_PATH = "/deconnexion/proconnect";
const FLOW_LIFETIME_MS = 10 * 60_000;

export type ProConnectSettings = { issuer: string; clientId: string; clientSecret: string; staffMfa: boolean };

/** The ProConnect settings, or null when the three variables are not all set (no button then). */
export function proconnectSettings(): ProConnectSettings | null {
  const e = env();
  if (!e.PROCONNECT_ISSUER || !e.PROCONNECT_CLIENT_ID || !e.PROCONNECT_CLIENT_SECRET) return null;
  return { issuer: e.PROCONNECT_ISSUER, clientId: e.PROCONNECT_CLIENT_ID, clientSecret: e.PROCONNECT_CLIENT_SECRET, staffMfa: e.PROCONNECT_STAFF_MFA };
}

export function proconnectEnabled() {
  return proconnectSettings() !== null;
}

export function callbackUrl() {
  return `${env().APP_URL}${CALLBACK_PATH}`;
}

export function postLogoutUrl() {
  return `${env().APP_URL}${POST_LOGOUT_PATH}`;
}

let cached: { key: string; configuration: Promise<client.Configuration> } | null = null;

/**
 * The client configuration from the issuer's discovery document. Cached for the process; a failed
 * discovery is forgotten so that the next sign-in tries again. ID token and userinfo must be
 * RS256 JWTs, and every signature is checked (enableNonRepudiationChecks: without it a forged
 * ID token obtained straight from the token endpoint would not be verified).
 */
export function proconnectConfiguration(settings: ProConnectSettings): Promise<client.Configuration> {
  const key = `${settings.issuer}|${settings.clientId}|${settings.clientSecret}`;
  if (cached?.key === key) return cached.configuration;
  const configuration = client.discovery(
    new URL(settings.issuer),
    settings.clientId,
    { id_token_signed_response_alg: "RS256", userinfo_signed_response_alg: "RS256" },
    client.ClientSecretPost(settings.clientSecret),
    {
      execute: [client.enableNonRepudiationChecks, ...(settings.issuer.startsWith("http://") ? [client.allowInsecureRequests] : [])],
      timeout: 10,
    },
  );
  const entry = { key, configuration };
  cached = entry;
  configuration.catch(() => {
    if (cached === entry) cached = null;
  });
  return configuration;
}

// ---------------------------------------------------------------------------
// Round trips in progress

export type ProConnectFlow = typeof proconnectFlows.$inferSelect;

/** Records a round trip and returns its `state` (43 characters, 256 bits); only its SHA-256 is stored. */
export async function createFlow(values: { kind: "login" | "logout"; nonce?: string; codeVerifier?: string; mfaRequested?: boolean; redirectTo?: string }) {
  const state = client.randomState();
  // Expired round trips are swept here: no job needed, the table stays small.
  await db().delete(proconnectFlows).where(lt(proconnectFlows.expiresAt, sql`now()`));
  await db()
    .insert(proconnectFlows)
    .values({ ...values, stateHash: hashSecretHex(state), expiresAt: new Date(Date.now() + FLOW_LIFETIME_MS) });
  return state;
}

/**
 * Takes the round trip back (deleted in the same statement: two uses cannot both succeed). The
 * `state` of the URL must be the one of the browser's cookie: a response obtained in another
 * browser (login CSRF) is refused.
 */
export async function consumeFlow(kind: "login" | "logout", state: string | null, cookieState: string | null): Promise<ProConnectFlow | null> {
  if (!state || !cookieState || state !== cookieState || state.length > 200) return null;
  const [row] = await db()
    .delete(proconnectFlows)
    .where(and(eq(proconnectFlows.stateHash, hashSecretHex(state)), eq(proconnectFlows.kind, kind), gt(proconnectFlows.expiresAt, sql`now()`)))
    .returning();
  return row ?? null;
}

function flowCookieName() {
  return env().secureCookies ? "__Host-ec_proconnect" : "ec_proconnect";
}

export function serializeFlowCookie(state: string | null) {
  const parts = [`${flowCookieName()}=${state ?? ""}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${state ? FLOW_LIFETIME_MS / 1000 : 0}`];
  if (env().secureCookies) parts.push("Secure");
  return parts.join("; ");
}

/**
 * The cookie to send back once a round trip is over: cleared only when it is this round trip's
 * (an old callback reloaded in another tab must not break the login in progress).
 */
export function flowCookieAfter(request: Request): string | null {
  const state = new URL(request.url).searchParams.get("state");
  return state && readFlowCookie(request) === state ? serializeFlowCookie(null) : null;
}

export function readFlowCookie(request: Request): string | null {
  const name = flowCookieName();
  for (const part of (request.headers.get("Cookie") ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=") || null;
  }
  return null;
}

// ---------------------------------------------------------------------------
// Errors

/** What an `openid-client` error means for the person signing in. */
export function classifyError(error: unknown): FailureReason {
  // A network failure or timeout reaching the provider.
  if (error instanceof TypeError) return "unavailable";
  if (error instanceof client.AuthorizationResponseError) return "denied";
  if (error instanceof client.ResponseBodyError) return error.status >= 500 ? "unavailable" : "code";
  if (error instanceof client.ClientError) {
    if (["OAUTH_TIMEOUT", "OAUTH_ABORT", "OAUTH_RESPONSE_IS_NOT_CONFORM", "OAUTH_RESPONSE_IS_NOT_JSON"].includes(error.code ?? "")) return "unavailable";
    return "token";
  }
  return "token";
}

export { client };
