import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { auditLog, emailOutbox, oneTimeTokens, sessions, staffRoles, users } from "../../../db/schema";
import { lastEmailTo, makeTenant, makeUser, tokenFromEmail } from "../../../db/testing/factories";
import { useTestDatabase } from "../../../db/testing/test-database";
import { startFakeProConnect, type FakeProConnect, type ForgedIdToken } from "../../../scripts/fake-proconnect";

/*
 * The ProConnect login against a local identity provider built on oidc-provider (the real
 * openid-client talks to it over HTTP): the browser is played by a small cookie-keeping client
 * that submits the provider's own sign-in form, then hands the callback URL to the portal.
 */

useTestDatabase();

let fake: FakeProConnect;
let proconnect: typeof import("./proconnect.server");
let clientModule: typeof import("./proconnect-client.server");

beforeAll(async () => {
  fake = await startFakeProConnect({ appUrl: "http://localhost:3000" });
  // Before the first env() of this file: the configuration is parsed once.
  Object.assign(process.env, { PROCONNECT_ISSUER: fake.issuer, PROCONNECT_CLIENT_ID: fake.clientId, PROCONNECT_CLIENT_SECRET: fake.clientSecret, LOG_LEVEL: "silent" });
  proconnect = await import("./proconnect.server");
  clientModule = await import("./proconnect-client.server");
});
afterAll(() => fake?.close());

/** A browser's cookies for the identity provider. */
class Jar {
  private cookies = new Map<string, string>();
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  store(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...rest] = pair!.split("=");
      const value = rest.join("=");
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === "") this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
  }
  async fetch(url: string, init: RequestInit = {}) {
    const response = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), Cookie: this.header() } });
    this.store(response);
    return response;
  }
}

/** Follows the provider's redirects until it leaves for the portal (returns that URL) or shows a page. */
async function follow(jar: Jar, url: string): Promise<{ portalUrl: string } | { page: Response; url: string }> {
  let current = url;
  for (let hops = 0; hops < 10; hops++) {
    if (current.startsWith("http://localhost:3000/")) return { portalUrl: current };
    const response = await jar.fetch(current);
    const location = response.headers.get("location");
    if (!location) return { page: response, url: current };
    current = new URL(location, current).href;
  }
  throw new Error("too many redirects");
}

type Agent = { email: string; given_name?: string; usual_name?: string; siret?: string; organization_label?: string; acr?: string; scenario?: ForgedIdToken | "normal" };

/** Clicks the button, signs in at the provider, and returns the callback request the browser would send. */
async function signInAtProvider(agent: Agent, options: { mfa?: boolean; jar?: Jar } = {}) {
  const started = await proconnect.startProConnectLogin({ redirectTo: "/mon-espace", mfa: options.mfa ?? false });
  if (!started.ok) throw new Error(`start refused: ${started.reason}`);
  const jar = options.jar ?? new Jar();
  const first = await follow(jar, started.url);
  if ("portalUrl" in first) return { callback: first.portalUrl, state: started.state, jar };
  const uid = /\/interaction\/([\w-]+)/.exec(first.url)?.[1];
  expect(uid, "the provider shows its sign-in form").toBeTruthy();
  expect(await first.page.text()).toContain("identifier auprès de votre administration");
  const form = new URLSearchParams({
    email: agent.email,
    given_name: agent.given_name ?? "Camille",
    usual_name: agent.usual_name ?? "Durand",
    siret: agent.siret ?? "",
    organization_label: agent.organization_label ?? "",
    acr: agent.acr ?? "eidas1",
    scenario: agent.scenario ?? "normal",
  });
  const posted = await jar.fetch(new URL(`/interaction/${uid}/login`, fake.origin).href, {
    method: "POST",
    body: form.toString(),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
  const location = posted.headers.get("location");
  expect(location, await posted.clone().text()).toBeTruthy();
  const back = await follow(jar, new URL(location!, fake.origin).href);
  if (!("portalUrl" in back)) throw new Error(`the provider did not come back: ${await back.page.text()}`);
  return { callback: back.portalUrl, state: started.state, jar };
}

function callbackRequest(url: string, state: string | null) {
  return new Request(url, { headers: state ? { Cookie: `ec_proconnect=${state}` } : {} });
}

async function login(agent: Agent, options: { mfa?: boolean } = {}) {
  const { callback, state } = await signInAtProvider(agent, options);
  return proconnect.completeProConnectLogin(callbackRequest(callback, state));
}

/** Rows of the tables a login may write: a refusal must leave them as they were. */
async function footprint() {
  const count = async (table: typeof users | typeof sessions | typeof oneTimeTokens | typeof auditLog | typeof emailOutbox) =>
    Number((await db().select({ n: sql<number>`count(*)` }).from(table))[0]!.n);
  const identities = await db().select({ id: users.id, sub: users.proconnectSub, siret: users.proconnectSiret }).from(users).orderBy(users.id);
  return { users: await count(users), sessions: await count(sessions), tokens: await count(oneTimeTokens), audit: await count(auditLog), mails: await count(emailOutbox), identities };
}

let n = 0;
const newEmail = () => `agent-${Date.now()}-${n++}@test.proconnect.gouv.fr`;

describe("first login, known identity, SIRET", () => {
  it("creates a verified account without password, stores the identity and the SIRET, and opens a session", async () => {
    const email = newEmail();
    const outcome = await login({ email, given_name: "Camille", usual_name: "Durand", siret: "21690266800013", organization_label: "Commune de Villeurbanne" });
    expect(outcome).toMatchObject({ ok: true, kind: "signed-in", created: true, redirectTo: "/mon-espace" });
    const [user] = await db().select().from(users).where(eq(users.email, email));
    expect(user).toMatchObject({ name: "Camille Durand", passwordHash: null, proconnectSiret: "21690266800013", proconnectOrganizationLabel: "Commune de Villeurbanne", proconnectIdpId: "fia-demonstration" });
    expect(user!.emailVerifiedAt).not.toBeNull();
    expect(user!.proconnectSub).toMatch(/^[0-9a-f]{8}/);
    const [session] = await db().select().from(sessions).where(eq(sessions.userId, user!.id));
    expect(session!.proconnectIdToken?.split(".")).toHaveLength(3);
    const [audit] = await db().select().from(auditLog).where(eq(auditLog.actorUserId, user!.id));
    expect(audit?.action).toBe("auth.proconnect_account_created");
  });

  it("signs a known identity in again and refreshes its SIRET and organisation", async () => {
    const email = newEmail();
    await login({ email, siret: "21690266800013" });
    const before = await footprint();
    const again = await login({ email, siret: "21590350100017", organization_label: "Commune de Lambersart" });
    expect(again).toMatchObject({ ok: true, kind: "signed-in", created: false });
    const [user] = await db().select().from(users).where(eq(users.email, email));
    expect(user).toMatchObject({ proconnectSiret: "21590350100017", proconnectOrganizationLabel: "Commune de Lambersart" });
    const after = await footprint();
    expect(after.users).toBe(before.users);
    expect(after.sessions).toBe(before.sessions + 1);
  });

  it("sends a user whose SIRET matches a structure to the membership request page", async () => {
    const siret = "21380185500015";
    await makeTenant({ siret, name: "Commune de Test SIRET" });
    const outcome = await login({ email: newEmail(), siret });
    expect(outcome).toMatchObject({ ok: true, kind: "signed-in", redirectTo: "/compte/rejoindre" });
  });
});

describe("linking to an existing account", () => {
  it("never links silently: an e-mailed link links the identity and signs in, once", async () => {
    const existing = await makeUser({ email: newEmail(), name: "Nadia Qualité", passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2VsZWw$aGFzaA" });
    const sessionsBefore = (await db().select().from(sessions).where(eq(sessions.userId, existing.id))).length;
    const outcome = await login({ email: existing.email, siret: "21690266800013" });
    expect(outcome).toEqual({ ok: true, kind: "link-sent" });
    // Nothing linked, no session, until the link is used.
    const [pending] = await db().select().from(users).where(eq(users.id, existing.id));
    expect(pending).toMatchObject({ proconnectSub: null, proconnectSiret: null });
    expect(await db().select().from(sessions).where(eq(sessions.userId, existing.id))).toHaveLength(sessionsBefore);
    const mail = await lastEmailTo(existing.email);
    expect(mail?.subject).toBe("Confirmez la connexion avec ProConnect");
    const token = tokenFromEmail(mail!.text, "/connexion/proconnect/lier");

    const linked = await proconnect.confirmProConnectLink(token);
    expect(linked).toMatchObject({ ok: true, kind: "signed-in" });
    const [after] = await db().select().from(users).where(eq(users.id, existing.id));
    expect(after).toMatchObject({ proconnectIdpId: "fia-demonstration", proconnectSiret: "21690266800013" });
    expect(after!.passwordHash).toBe(pending!.passwordHash);
    expect(after!.proconnectSub).toBeTruthy();
    expect(await proconnect.confirmProConnectLink(token)).toEqual({ ok: false, reason: "state" });

    // From now on the identity signs in directly.
    expect(await login({ email: existing.email })).toMatchObject({ ok: true, kind: "signed-in", created: false });
  });

  it("takes an unverified account over only through the link, and drops its password and sessions", async () => {
    const squatted = await makeUser({ email: newEmail(), emailVerifiedAt: null, passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2VsZWw$aGFzaA" });
    await db().insert(sessions).values({ id: `squat-${squatted.id}`, userId: squatted.id, secretHash: new Uint8Array(32) });
    expect(await login({ email: squatted.email })).toEqual({ ok: true, kind: "link-sent" });
    const token = tokenFromEmail((await lastEmailTo(squatted.email))!.text, "/connexion/proconnect/lier");
    expect(await proconnect.confirmProConnectLink(token)).toMatchObject({ ok: true, kind: "signed-in" });
    const [after] = await db().select().from(users).where(eq(users.id, squatted.id));
    expect(after!.passwordHash).toBeNull();
    expect(after!.emailVerifiedAt).not.toBeNull();
    const remaining = await db().select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, squatted.id));
    expect(remaining.map((s) => s.id)).not.toContain(`squat-${squatted.id}`);
  });
});

describe("refusals: a French reason, and nothing written", () => {
  async function expectRefused(run: () => Promise<import("./proconnect.server").LoginOutcome>, reason: string) {
    const before = await footprint();
    const outcome = await run();
    expect(outcome).toEqual({ ok: false, reason });
    expect(await footprint()).toEqual(before);
    return outcome;
  }

  it("refuses a state that is not this browser's, or unknown", async () => {
    const { callback, state } = await signInAtProvider({ email: newEmail() });
    await expectRefused(() => proconnect.completeProConnectLogin(callbackRequest(callback, null)), "state");
    await expectRefused(() => proconnect.completeProConnectLogin(callbackRequest(callback, `${state}x`)), "state");
    const forged = new URL(callback);
    forged.searchParams.set("state", "etat-invente-par-un-tiers-0000000000000000000");
    await expectRefused(() => proconnect.completeProConnectLogin(callbackRequest(forged.href, "etat-invente-par-un-tiers-0000000000000000000")), "state");
    expect(clientModule.failureMessages.state).toMatch(/n'est pas reconnue/);
  });

  it("refuses a replayed state (the round trip is single use)", async () => {
    const { callback, state } = await signInAtProvider({ email: newEmail() });
    expect(await proconnect.completeProConnectLogin(callbackRequest(callback, state))).toMatchObject({ ok: true });
    await expectRefused(() => proconnect.completeProConnectLogin(callbackRequest(callback, state)), "state");
  });

  it("refuses a replayed authorization code", async () => {
    const first = await signInAtProvider({ email: newEmail() });
    expect(await proconnect.completeProConnectLogin(callbackRequest(first.callback, first.state))).toMatchObject({ ok: true });
    // A fresh round trip of the same browser, answered with the code already used.
    const second = await signInAtProvider({ email: newEmail() }, { jar: first.jar });
    const replay = new URL(second.callback);
    replay.searchParams.set("code", new URL(first.callback).searchParams.get("code")!);
    await expectRefused(() => proconnect.completeProConnectLogin(callbackRequest(replay.href, second.state)), "code");
  });

  for (const scenario of ["nonce", "expired", "audience", "signature"] as const) {
    it(`refuses an ID token with ${scenario === "signature" ? "a bad signature" : scenario === "nonce" ? "another nonce" : scenario === "expired" ? "an expiry in the past" : "another audience"}`, async () => {
      const { callback, state } = await signInAtProvider({ email: newEmail(), scenario });
      await expectRefused(() => proconnect.completeProConnectLogin(callbackRequest(callback, state)), "token");
    });
  }

  it("reads an error answered by the provider (the agent cancelled) as a refusal, writing nothing", async () => {
    const { callback, state } = await signInAtProvider({ email: newEmail() });
    const cancelled = new URL(callback);
    cancelled.searchParams.delete("code");
    cancelled.searchParams.set("error", "access_denied");
    cancelled.searchParams.set("error_description", "L'agent a annulé");
    await expectRefused(() => proconnect.completeProConnectLogin(callbackRequest(cancelled.href, state)), "denied");
    expect(clientModule.failureMessages.denied).toBeTruthy();
  });

  it("refuses the same forged tokens when the provider is driven without its form", async () => {
    const { callback, state } = await signInAtProvider({ email: newEmail() });
    fake.forgeNextIdToken("audience");
    await expectRefused(() => proconnect.completeProConnectLogin(callbackRequest(callback, state)), "token");
  });

  it("refuses a staff account whose login used no second factor, and accepts it with one", async () => {
    const staff = await makeUser({ email: newEmail(), name: "Hélène Admin" });
    await db().insert(staffRoles).values({ userId: staff.id, role: "admin" });
    await expectRefused(() => login({ email: staff.email, acr: "eidas1" }), "mfa");
    expect(clientModule.failureStatus.mfa).toBe(403);
    expect(clientModule.failureMessages.mfa).toMatch(/authentification à deux facteurs/);
    // Asked with the essential MFA acr, the provider answers a weaker one anyway: refused too.
    await expectRefused(() => login({ email: staff.email, acr: "eidas2", scenario: "weak-acr" }, { mfa: true }), "mfa");
    expect(await login({ email: staff.email, acr: "eidas2" }, { mfa: true })).toEqual({ ok: true, kind: "link-sent" });
  });

  it("reads a network failure as « ProConnect ne répond pas », never as an error page", async () => {
    const error = await clientModule
      .proconnectConfiguration({ issuer: "http://127.0.0.1:9/api/v2", clientId: "x", clientSecret: "y", staffMfa: true })
      .then(() => null, (e: unknown) => e);
    expect(clientModule.classifyError(error)).toBe("unavailable");
    expect(clientModule.failureStatus.unavailable).toBe(503);
    expect(clientModule.failureMessages.unavailable).toMatch(/ProConnect ne répond pas/);
  });
});

describe("logout", () => {
  it("ends the ProConnect session with the ID token, and checks the state on return", async () => {
    const email = newEmail();
    const { callback, state, jar } = await signInAtProvider({ email });
    const outcome = await proconnect.completeProConnectLogin(callbackRequest(callback, state));
    if (!outcome.ok || outcome.kind !== "signed-in") throw new Error("login failed");
    const [session] = await db().select().from(sessions).where(eq(sessions.userId, outcome.userId));
    const logout = await proconnect.proconnectLogoutUrl(session!.id);
    expect(logout).not.toBeNull();
    const endSession = new URL(logout!.url);
    expect(endSession.origin + endSession.pathname).toBe(`${fake.issuer}/session/end`);
    expect(endSession.searchParams.get("id_token_hint")).toBe(session!.proconnectIdToken);
    expect(endSession.searchParams.get("post_logout_redirect_uri")).toBe("http://localhost:3000/deconnexion/proconnect");

    // The provider's page submits its own confirmation form; the browser then comes back.
    const page = await follow(jar, logout!.url);
    if ("portalUrl" in page) throw new Error("expected the provider's logout form");
    const html = await page.page.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    const posted = await jar.fetch(new URL(action!.replace(/&amp;/g, "&"), fake.origin).href, {
      method: "POST",
      body: new URLSearchParams({ xsrf: xsrf!, logout: "yes" }).toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    const back = await follow(jar, new URL(posted.headers.get("location")!, fake.origin).href);
    if (!("portalUrl" in back)) throw new Error(`the provider did not come back: ${await back.page.text()}`);
    expect(new URL(back.portalUrl).pathname).toBe("/deconnexion/proconnect");
    expect(new URL(back.portalUrl).searchParams.get("state")).toBe(logout!.state);
    expect(fake.logouts.length).toBeGreaterThan(0);

    expect(await proconnect.completeProConnectLogout(callbackRequest(back.portalUrl, "un-autre-etat"))).toBe(false);
    expect(await proconnect.completeProConnectLogout(callbackRequest(back.portalUrl, logout!.state))).toBe(true);
    // Single use.
    expect(await proconnect.completeProConnectLogout(callbackRequest(back.portalUrl, logout!.state))).toBe(false);
  });

  it("leaves a session opened otherwise to the usual logout", async () => {
    const user = await makeUser({ email: newEmail() });
    const [session] = await db().insert(sessions).values({ id: `local-${user.id}`, userId: user.id, secretHash: new Uint8Array(32) }).returning();
    expect(await proconnect.proconnectLogoutUrl(session!.id)).toBeNull();
  });
});
