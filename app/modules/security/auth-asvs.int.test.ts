import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { and, desc, eq, sql } from "drizzle-orm";
import express from "express";
import type { AddressInfo } from "node:net";
import type { RouteObject } from "react-router-dom";
import { createStaticHandler } from "react-router-dom/server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "../../../db/client";
import { emailOutbox, invitations, oneTimeTokens, sessions, users } from "../../../db/schema";
import { addMember, makeTenant, makeUser } from "../../../db/testing/factories";
import { useTestDatabase } from "../../../db/testing/test-database";
import * as connexion from "../../routes/connexion";
import * as magicLinkRoute from "../../routes/connexion_.lien";
import * as deconnexion from "../../routes/deconnexion";
import * as inscription from "../../routes/inscription";
import * as invitationRoute from "../../routes/invitation";
import * as monEspace from "../../routes/mon-espace";
import * as forgotPassword from "../../routes/mot-de-passe-oublie";
import * as newPassword from "../../routes/mot-de-passe.nouveau";
import * as members from "../../routes/t.$tenant.membres";
import * as verification from "../../routes/verification-email";
import { hashSecretHex } from "../auth/crypto.server";
import { issueToken, tokenLifetimesMinutes } from "../auth/one-time-tokens.server";
import { hashPassword } from "../auth/password.server";
import { rateLimits } from "../auth/rate-limit.server";
import { createSession, sessionCookieName, validateSessionToken } from "../auth/session.server";
import { SESSION_ABSOLUTE_LIFETIME_MS, SESSION_IDLE_TIMEOUT_MS } from "../auth/session-policy";
import { requestContext } from "../observability/request-context.server";

/*
 * OWASP ASVS 5.0, level 2: session management (V7), authentication (V6), the session cookie (V3.3)
 * and the one-time links (V6.5, V14.2). Each `describe` names its requirement. The requests go
 * through the real route modules (loader/action as Remix runs them) on a real database, with a
 * request context per request (its client IP is what the rate limits count).
 *
 * Already proven elsewhere, and only pointed to here:
 * - session-policy.test.ts: the idle (10 days) and absolute (30 days) limits, to the millisecond;
 * - session.int.test.ts: expired rows are deleted, the inactivity window slides hourly, a
 *   tampered token is refused, "log out everywhere";
 * - e2e/security.spec.ts and e2e/magic-link-reset-sessions.spec.ts: the same rules in a browser.
 *
 * argon2 (a third-party library) is observed, never replaced: every call still goes to the real
 * function. It shows that an unknown address costs the same password-hash work as a known one,
 * without any timed assertion (the measured comparison is `npm run bench:auth`).
 */

const argon2Calls = vi.hoisted(() => ({ hash: 0, verify: [] as string[] }));
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@node-rs/argon2")>();
  return {
    ...actual,
    hash: (...args: Parameters<typeof actual.hash>) => {
      argon2Calls.hash += 1;
      return actual.hash(...args);
    },
    verify: (...args: Parameters<typeof actual.verify>) => {
      argon2Calls.verify.push(String(args[0]));
      return actual.verify(...args);
    },
  };
});

useTestDatabase();

const PASSWORD = "Une phrase de passe solide 2027";
const BASE = "http://localhost:3000";

/* ------------------------------------------------------------------ requests through the routes */

type RouteModule = { loader?: unknown; action?: unknown };
const route = (id: string, path: string, module: RouteModule) => ({ id, path, loader: module.loader, action: module.action }) as unknown as RouteObject;
const routes = {
  login: route("connexion", "/connexion", connexion),
  magicLink: route("connexion_.lien", "/connexion/lien", magicLinkRoute),
  logout: route("deconnexion", "/deconnexion", deconnexion),
  signup: route("inscription", "/inscription", inscription),
  invitation: route("invitation", "/invitation", invitationRoute),
  myArea: route("mon-espace", "/mon-espace", monEspace),
  forgot: route("mot-de-passe-oublie", "/mot-de-passe-oublie", forgotPassword),
  reset: route("mot-de-passe.nouveau", "/mot-de-passe/nouveau", newPassword),
  members: route("t.$tenant.membres", "/t/:tenant/membres", members),
  verify: route("verification-email", "/verification-email", verification),
};

type Answer = { status: number; location: string | null; setCookie: string | null; body: string; data: unknown };

let requestCount = 0;
/** One request as the server runs it: its own request context (client IP, user agent), then the route. */
async function send(target: RouteObject, path: string, options: { form?: Record<string, string>; token?: string | null; ip?: string } = {}): Promise<Answer> {
  const headers = new Headers({ "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0" });
  if (options.token) headers.set("Cookie", `${sessionCookieName()}=${options.token}`);
  let init: RequestInit = { headers };
  if (options.form) {
    const body = new FormData();
    for (const [name, value] of Object.entries(options.form)) body.set(name, value);
    init = { method: "POST", headers, body };
  }
  const request = new Request(`${BASE}${path}`, init);
  const store = { requestId: randomUUID(), cspNonce: "test", ip: options.ip ?? `198.51.100.${(requestCount++ % 200) + 1}`, userAgent: headers.get("User-Agent") };
  return requestContext.run(store, async () => {
    let value: unknown;
    try {
      value = await createStaticHandler([target]).queryRoute(request);
    } catch (thrown) {
      if (!(thrown instanceof Response)) throw thrown;
      value = thrown;
    }
    if (value instanceof Response) {
      return { status: value.status, location: value.headers.get("Location"), setCookie: value.headers.get("Set-Cookie"), body: await value.text(), data: null };
    }
    return { status: 200, location: null, setCookie: null, body: JSON.stringify(value), data: value };
  });
}

/** The session token a login answer sets. */
function tokenOf(answer: Answer) {
  const match = new RegExp(`^${sessionCookieName()}=([^;]+)`).exec(answer.setCookie ?? "");
  if (!match) throw new Error(`no session cookie in ${answer.status} ${answer.setCookie} ${answer.body.slice(0, 200)}`);
  return match[1]!;
}
const sessionIdOf = (token: string) => token.split(".")[0]!;
const sessionRow = async (token: string) => (await db().select().from(sessions).where(eq(sessions.id, sessionIdOf(token))))[0] ?? null;

async function makeAccount(overrides: Partial<typeof users.$inferInsert> = {}) {
  return makeUser({ passwordHash: await hashPassword(PASSWORD), ...overrides });
}

async function login(email: string, options: { token?: string | null; password?: string; ip?: string } = {}) {
  return send(routes.login, "/connexion", { form: { email, password: options.password ?? PASSWORD, redirectTo: "/mon-espace" }, token: options.token, ip: options.ip });
}

/** The link of the latest e-mail to `to` with this template, and its token. */
async function latestLink(to: string, template: string) {
  const [mail] = await db()
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.toAddress, to), eq(emailOutbox.template, template)))
    .orderBy(desc(emailOutbox.createdAt))
    .limit(1);
  if (!mail) throw new Error(`no ${template} e-mail to ${to}`);
  const match = /https?:\/\/[^\s"<>]+[?&]token=([a-z2-7]+)/.exec(mail.text);
  if (!match) throw new Error(`no token link in the ${template} e-mail`);
  const url = new URL(match[0]);
  return { path: `${url.pathname}${url.search}`, token: match[1]! };
}

const formErrorsOf = (answer: Answer) => JSON.stringify((answer.data as { result?: { error?: Record<string, unknown> } } | null)?.result?.error ?? {});

/* ------------------------------------------------------------------------------- bookkeeping */

const passedByRequirement = new Map<string, number>();
let currentRequirement = "";
/** Counts the checks of the requirement under test; a failed test does not count. */
function checked(requirement = currentRequirement) {
  passedByRequirement.set(requirement, (passedByRequirement.get(requirement) ?? 0) + 1);
}
function requirement(id: string) {
  beforeAll(() => {
    currentRequirement = id;
  });
}

afterEach(() => {
  vi.unstubAllEnvs();
});

afterAll(() => {
  const total = [...passedByRequirement.values()].reduce((a, b) => a + b, 0);
  const detail = [...passedByRequirement.entries()].map(([id, n]) => `${id} : ${n}`).join(", ");
  console.info(`ASVS 5.0 (sessions et authentification) : ${total} vérifications passées sur ${passedByRequirement.size} exigences (${detail})`);
});

/* ------------------------------------------------------------------------------------ V7 */

describe("ASVS 7.2.4 — une nouvelle session à chaque authentification, l'ancienne est terminée", () => {
  requirement("7.2.4");

  it("a password login issues a fresh random token; re-authenticating ends the session the browser held", async () => {
    const user = await makeAccount();
    const first = await login(user.email);
    expect(first.status).toBe(302);
    const firstToken = tokenOf(first);
    expect((await validateSessionToken(firstToken))?.user.id).toBe(user.id);

    const again = await login(user.email, { token: firstToken });
    const secondToken = tokenOf(again);
    expect(sessionIdOf(secondToken)).not.toBe(sessionIdOf(firstToken));
    expect(secondToken.split(".")[1]).not.toBe(firstToken.split(".")[1]);
    expect(await validateSessionToken(firstToken)).toBeNull();
    expect(await sessionRow(firstToken)).toBeNull();
    expect((await validateSessionToken(secondToken))?.user.id).toBe(user.id);
    checked();
  });

  it("a session planted in the victim's browser is not elevated: the login ends it and starts an unrelated one", async () => {
    const attacker = await makeAccount();
    const victim = await makeAccount();
    const planted = (await createSession(attacker.id, { userAgent: null, ipAddress: null })).token;

    const answer = await login(victim.email, { token: planted });
    const fresh = tokenOf(answer);
    expect(sessionIdOf(fresh)).not.toBe(sessionIdOf(planted));
    expect(await sessionRow(planted)).toBeNull();
    expect((await sessionRow(fresh))?.userId).toBe(victim.id);
    // Nothing of the victim's identity is reachable through the planted token.
    expect(await validateSessionToken(planted)).toBeNull();
    checked();
  });

  it("a forged cookie (an id the server never issued) is never adopted as the session id", async () => {
    const user = await makeAccount();
    const forged = "aaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbb";
    const fresh = tokenOf(await login(user.email, { token: forged }));
    expect(sessionIdOf(fresh)).not.toBe("aaaaaaaaaaaaaaaaaaaaaaaa");
    expect(fresh).toMatch(/^[a-z2-7]{24}\.[a-z2-7]{24}$/);
    expect(await db().select().from(sessions).where(eq(sessions.id, "aaaaaaaaaaaaaaaaaaaaaaaa"))).toHaveLength(0);
    checked();
  });

  it("a wrong secret for a real session id terminates nothing (no one can end another's session by guessing)", async () => {
    const owner = await makeAccount();
    const other = await makeAccount();
    const real = (await createSession(owner.id, { userAgent: null, ipAddress: null })).token;
    tokenOf(await login(other.email, { token: `${sessionIdOf(real)}.cccccccccccccccccccccccc` }));
    expect((await validateSessionToken(real))?.user.id).toBe(owner.id);
    checked();
  });

  it("a magic-link login ends the session the browser held too", async () => {
    const user = await makeAccount();
    const held = (await createSession(user.id, { userAgent: null, ipAddress: null })).token;
    const { token } = await issueToken("magic_link", user.id);
    const answer = await send(routes.magicLink, `/connexion/lien?token=${token}`, { form: { token }, token: held });
    const fresh = tokenOf(answer);
    expect(fresh).not.toBe(held);
    expect(await sessionRow(held)).toBeNull();
    expect((await validateSessionToken(fresh))?.user.id).toBe(user.id);
    checked();
  });
});

describe("ASVS 7.4.1 — la déconnexion termine la session côté serveur", () => {
  requirement("7.4.1");

  it("after POST /deconnexion the token is refused, even if the browser (or an attacker) kept it", async () => {
    const user = await makeAccount();
    const token = tokenOf(await login(user.email));
    expect((await send(routes.myArea, "/mon-espace", { token })).status).not.toBe(302);

    const out = await send(routes.logout, "/deconnexion", { form: {}, token });
    expect(out.status).toBe(302);
    expect(out.location).toBe("/");
    expect(out.setCookie).toMatch(new RegExp(`^${sessionCookieName()}=;`));
    expect(out.setCookie).toContain("Max-Age=0");

    expect(await sessionRow(token)).toBeNull();
    expect(await validateSessionToken(token)).toBeNull();
    const replay = await send(routes.myArea, "/mon-espace", { token });
    expect(replay.status).toBe(302);
    expect(replay.location).toBe("/connexion?redirectTo=%2Fmon-espace");
    checked();
  });

  it("a GET on /deconnexion (a link or an image on another site) does not end anything", async () => {
    const user = await makeAccount();
    const token = tokenOf(await login(user.email));
    const answer = await send(routes.logout, "/deconnexion", { token });
    expect(answer.status).toBe(302);
    expect(answer.setCookie).toBeNull();
    expect((await validateSessionToken(token))?.user.id).toBe(user.id);
    checked();
  });

  it("logging out ends only this session: the user's other browsers stay signed in", async () => {
    const user = await makeAccount();
    const here = tokenOf(await login(user.email));
    const elsewhere = (await createSession(user.id, { userAgent: null, ipAddress: null })).token;
    await send(routes.logout, "/deconnexion", { form: {}, token: here });
    expect(await validateSessionToken(here)).toBeNull();
    expect((await validateSessionToken(elsewhere))?.user.id).toBe(user.id);
    checked();
  });
});

describe("ASVS 7.3.1 / 7.3.2 — expiration sur inactivité et durée absolue", () => {
  requirement("7.3.1/7.3.2");

  // The limits to the millisecond: session-policy.test.ts; the row deletion: session.int.test.ts.
  it("documented limits: 10 days without activity, 30 days at most", () => {
    expect(SESSION_IDLE_TIMEOUT_MS).toBe(10 * 24 * 3600_000);
    expect(SESSION_ABSOLUTE_LIFETIME_MS).toBe(30 * 24 * 3600_000);
    expect(SESSION_IDLE_TIMEOUT_MS).toBeLessThan(SESSION_ABSOLUTE_LIFETIME_MS);
    checked();
  });

  it("an expired session sends the page to the login form, through the route's guard", async () => {
    const user = await makeAccount();
    const idle = tokenOf(await login(user.email));
    const old = tokenOf(await login(user.email));
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000);
    await db().update(sessions).set({ lastVerifiedAt: hoursAgo(24 * 10 + 1) }).where(eq(sessions.id, sessionIdOf(idle)));
    await db().update(sessions).set({ createdAt: hoursAgo(24 * 30 + 1), lastVerifiedAt: hoursAgo(0.1) }).where(eq(sessions.id, sessionIdOf(old)));
    for (const token of [idle, old]) {
      const answer = await send(routes.myArea, "/mon-espace", { token });
      expect(answer.location).toBe("/connexion?redirectTo=%2Fmon-espace");
      expect(await sessionRow(token)).toBeNull();
    }
    checked();
  });
});

describe("ASVS 7.4.3 — la réinitialisation du mot de passe ferme toutes les sessions du compte", () => {
  requirement("7.4.3");

  it("every session of the account is deleted, other accounts' sessions are untouched, one new session is opened", async () => {
    const user = await makeAccount();
    const bystander = await makeAccount();
    const before = [tokenOf(await login(user.email)), tokenOf(await login(user.email)), (await createSession(user.id, { userAgent: null, ipAddress: null })).token];
    const foreign = tokenOf(await login(bystander.email));

    const asked = await send(routes.forgot, "/mot-de-passe-oublie", { form: { email: user.email } });
    expect(asked.status).toBe(200);
    const link = await latestLink(user.email, "reset-password");
    const done = await send(routes.reset, link.path, { form: { token: link.token, password: "Un tout autre mot de passe 2028", confirmation: "Un tout autre mot de passe 2028" } });
    expect(done.status).toBe(302);
    const fresh = tokenOf(done);

    for (const token of before) expect(await validateSessionToken(token)).toBeNull();
    const left = await db().select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, user.id));
    expect(left.map((s) => s.id)).toEqual([sessionIdOf(fresh)]);
    expect((await validateSessionToken(foreign))?.user.id).toBe(bystander.id);
    // The old password no longer opens anything.
    expect((await login(user.email)).status).toBe(200);
    checked();
  });
});

/* ------------------------------------------------------------------ one-time links (V6.5, V14.2) */

type Flow = {
  name: string;
  /** Sends the e-mail through the route that does it, returns the link (path + clear token). */
  request: () => Promise<{ path: string; token: string; userId?: string }>;
  /** Uses the link as the browser does (the page, then its form when there is one). */
  use: (link: { path: string; token: string }) => Promise<Answer>;
  /** The row holding the token's hash. */
  stored: (token: string) => Promise<{ expire: () => Promise<void> } | null>;
};

const oneTimeRow = (purpose: "magic_link" | "password_reset" | "email_verification") => async (token: string) => {
  const [row] = await db().select({ id: oneTimeTokens.id }).from(oneTimeTokens).where(and(eq(oneTimeTokens.tokenHash, hashSecretHex(token)), eq(oneTimeTokens.purpose, purpose)));
  if (!row) return null;
  return { expire: async () => void (await db().update(oneTimeTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(oneTimeTokens.id, row.id))) };
};

const flows: Flow[] = [
  {
    name: "réinitialisation du mot de passe",
    request: async () => {
      const user = await makeAccount();
      await send(routes.forgot, "/mot-de-passe-oublie", { form: { email: user.email } });
      return { ...(await latestLink(user.email, "reset-password")), userId: user.id };
    },
    use: (link) => send(routes.reset, link.path, { form: { token: link.token, password: "Encore un autre mot de passe 2029", confirmation: "Encore un autre mot de passe 2029" } }),
    stored: oneTimeRow("password_reset"),
  },
  {
    name: "lien de connexion",
    request: async () => {
      const user = await makeAccount();
      await send(routes.login, "/connexion", { form: { intent: "magic-link", email: user.email } });
      return { ...(await latestLink(user.email, "magic-link")), userId: user.id };
    },
    use: (link) => send(routes.magicLink, link.path, { form: { token: link.token } }),
    stored: oneTimeRow("magic_link"),
  },
  {
    name: "vérification de l'adresse e-mail",
    request: async () => {
      const email = `nouveau-${randomUUID().slice(0, 8)}@exemple.fr`;
      await send(routes.signup, "/inscription", { form: { name: "Camille Nouvelle", email, password: PASSWORD } });
      return latestLink(email, "verify-email");
    },
    use: (link) => send(routes.verify, link.path),
    stored: oneTimeRow("email_verification"),
  },
  {
    name: "invitation dans une structure",
    request: async () => {
      const tenant = await makeTenant();
      const owner = await makeAccount();
      await addMember(tenant.id, owner.id, "owner");
      const ownerToken = tokenOf(await login(owner.email));
      const email = `invite-${randomUUID().slice(0, 8)}@exemple.fr`;
      const answer = await send(routes.members, `/t/${tenant.slug}/membres`, { form: { intent: "invite", email, role: "member" }, token: ownerToken });
      expect(answer.status).toBe(200);
      const [mail] = await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, email));
      const match = /https?:\/\/[^\s"<>]+\/invitation\?token=([a-z2-7]+)/.exec(mail?.text ?? "");
      if (!match) throw new Error("no invitation link");
      const url = new URL(match[0]);
      return { path: `${url.pathname}${url.search}`, token: match[1]! };
    },
    use: (link) => send(routes.invitation, link.path, { form: { token: link.token, name: "Dominique Invitée", password: PASSWORD } }),
    stored: async (token) => {
      const [row] = await db().select({ id: invitations.id }).from(invitations).where(eq(invitations.tokenHash, hashSecretHex(token)));
      if (!row) return null;
      return { expire: async () => void (await db().update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.id, row.id))) };
    },
  },
];

/** Tables that may hold a token in clear: none but the outbox, which carries the e-mail itself until it is sent. */
async function tablesHolding(text: string) {
  const tables = await db().execute(sql`select tablename from pg_tables where schemaname = 'public' and tablename <> 'email_outbox' order by tablename`);
  const names = ((Array.isArray(tables) ? tables : (tables as { rows: unknown[] }).rows) as { tablename: string }[]).map((t) => t.tablename);
  const found: string[] = [];
  for (const name of names) {
    const result = await db().execute(sql.raw(`select count(*)::int as c from "${name}" x where x::text like '%${text.replace(/[^a-z2-7]/g, "")}%'`));
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { c: number }[];
    if (rows[0]!.c > 0) found.push(name);
  }
  return found;
}

describe("ASVS 6.5.1 — les liens à usage unique ne servent qu'une fois", () => {
  requirement("6.5.1");
  for (const flow of flows) {
    it(`${flow.name}: the second use is refused with a French message`, async () => {
      const link = await flow.request();
      const first = await flow.use(link);
      expect(first.status, first.body.slice(0, 300)).toBe(302);
      const second = await flow.use(link);
      expect(second.setCookie).toBeNull();
      expect(second.status).toBe(200);
      expect(second.body).toMatch(/n'est plus valable/);
      checked();
    });
  }
});

describe("ASVS 6.5.5 / 6.4.1 — les liens expirent", () => {
  requirement("6.5.5");
  it("lifetimes: 15 minutes for a sign-in link or a ProConnect association, 1 hour for a reset, 24 hours for an address check", () => {
    expect(tokenLifetimesMinutes).toEqual({ magic_link: 15, password_reset: 60, email_verification: 24 * 60, proconnect_link: 15 });
    checked();
  });
  for (const flow of flows) {
    it(`${flow.name}: an expired link opens nothing`, async () => {
      const link = await flow.request();
      const row = await flow.stored(link.token);
      expect(row).not.toBeNull();
      await row!.expire();
      const answer = await flow.use(link);
      expect(answer.setCookie).toBeNull();
      expect(answer.status).toBe(200);
      expect(answer.body).toMatch(/n'est plus valable/);
      checked();
    });
  }
});

describe("ASVS 6.5.2 — les jetons sont stockés hachés, jamais en clair", () => {
  requirement("6.5.2");
  for (const flow of flows) {
    it(`${flow.name}: the database holds the SHA-256 of the token, and the token nowhere`, async () => {
      const link = await flow.request();
      expect(link.token).toMatch(/^[a-z2-7]{32}$/); // 160 random bits
      expect(await flow.stored(link.token)).not.toBeNull();
      expect(await tablesHolding(link.token)).toEqual([]);
      // Used, still nowhere.
      await flow.use(link);
      expect(await tablesHolding(link.token)).toEqual([]);
      checked();
    });
  }
  it("session secrets too: only their hash is stored", async () => {
    const user = await makeAccount();
    const token = tokenOf(await login(user.email));
    const secret = token.split(".")[1]!;
    expect(await tablesHolding(secret)).toEqual([]);
    checked();
  });
});

describe("ASVS 14.2.1 — un jeton ne reste ni dans l'URL après usage, ni dans le journal des requêtes", () => {
  requirement("14.2.1");
  for (const flow of flows) {
    it(`${flow.name}: the page after using the link is a URL without the token`, async () => {
      const link = await flow.request();
      const answer = await flow.use(link);
      expect(answer.status).toBe(302);
      expect(answer.location).toBeTruthy();
      expect(answer.location).not.toContain(link.token);
      expect(new URL(answer.location!, BASE).searchParams.has("token")).toBe(false);
      checked();
    });
  }

  it("the request log line carries the path, never the query string (Express's req.path on a real request)", async () => {
    // server.ts writes one JSON line per request with `path: req.path`; nothing else of the URL.
    const source = readFileSync(new URL("../../../server.ts", import.meta.url), "utf8");
    const logCall = /res\.on\("finish"[\s\S]*?JSON\.stringify\(\{([\s\S]*?)\}\)/.exec(source)?.[1] ?? "";
    expect(logCall).toMatch(/\bpath: req\.path,/);
    expect(logCall).not.toMatch(/req\.(url|originalUrl|query|baseUrl)|searchParams/);

    const app = express();
    let logged = "";
    app.use((req, res) => {
      logged = JSON.stringify({ method: req.method, path: req.path });
      res.end();
    });
    const server = app.listen(0, "127.0.0.1");
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    try {
      const { port } = server.address() as AddressInfo;
      const token = "abcdefghijklmnopqrstuvwxyz234567";
      for (const path of [`/connexion/lien?token=${token}`, `/mot-de-passe/nouveau?token=${token}`, `/verification-email?token=${token}`, `/invitation?token=${token}`]) {
        await fetch(`http://127.0.0.1:${port}${path}`);
        expect(logged).toContain(path.split("?")[0]);
        expect(logged).not.toContain(token);
      }
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    checked();
  });
});

/* ------------------------------------------------------------------------------ V3.3 cookie */

describe("ASVS 3.3.1 à 3.3.4 — le cookie de session", () => {
  requirement("3.3");

  it("over http (local run): HttpOnly, SameSite=Lax, Path=/, no Domain, as the login route sets it", async () => {
    const user = await makeAccount();
    const answer = await login(user.email);
    const [nameValue, ...attributes] = (answer.setCookie ?? "").split(";").map((p) => p.trim());
    expect(nameValue).toMatch(/^ec_session=[a-z2-7]{24}\.[a-z2-7]{24}$/);
    expect(attributes).toEqual(expect.arrayContaining(["Path=/", "HttpOnly", "SameSite=Lax"]));
    expect(attributes.some((a) => /^Domain=/i.test(a))).toBe(false);
    expect(attributes).not.toContain("Secure");
    // The token travels only in Set-Cookie: not in the Location nor the body.
    expect(answer.location).not.toContain(tokenOf(answer));
    expect(answer.body).not.toContain(tokenOf(answer));
    checked();
  });

  it("over https (APP_URL https://…): the __Host- prefix and Secure, on the login and the logout cookies", async () => {
    vi.stubEnv("APP_URL", "https://barometre.example");
    vi.resetModules();
    const secure = await import("../auth/session.server");
    expect(secure.sessionCookieName()).toBe("__Host-ec_session");
    for (const cookie of [secure.serializeSessionCookie("abc.def"), secure.serializeBlankSessionCookie()]) {
      const [nameValue, ...attributes] = cookie.split(";").map((p) => p.trim());
      expect(nameValue).toMatch(/^__Host-ec_session=/);
      expect(attributes).toEqual(expect.arrayContaining(["Path=/", "HttpOnly", "SameSite=Lax", "Secure"]));
      expect(attributes.some((a) => /^Domain=/i.test(a))).toBe(false);
    }
    // A cookie without the prefix (set by a sibling subdomain, or over http) is ignored.
    const tossed = new Request("https://barometre.example/mon-espace", { headers: { Cookie: "ec_session=aaaa.bbbb" } });
    expect(secure.readSessionToken(tossed)).toBeNull();
    const genuine = new Request("https://barometre.example/mon-espace", { headers: { Cookie: "ec_session=aaaa.bbbb; __Host-ec_session=cccc.dddd" } });
    expect(secure.readSessionToken(genuine)).toBe("cccc.dddd");
    checked();
  });
});

/* ------------------------------------------------------------------------------- V6.3 */

describe("ASVS 6.3.1 — limitation des tentatives (connexion, mot de passe oublié, lien de connexion, inscription)", () => {
  requirement("6.3.1");
  const lockout = /Trop de tentatives\. Par sécurité, réessayez dans \d+ minutes?\./;

  it(`login: after ${rateLimits.loginFailuresPerAccount.limit} wrong passwords the account is locked, even for the right one`, async () => {
    const user = await makeAccount();
    for (let attempt = 1; attempt <= rateLimits.loginFailuresPerAccount.limit; attempt++) {
      const answer = await login(user.email, { password: `Mauvais mot de passe ${attempt}`, ip: `203.0.113.${attempt}` });
      expect(formErrorsOf(answer)).toContain("Adresse e-mail ou mot de passe incorrect.");
    }
    const locked = await login(user.email, { ip: "203.0.113.99" });
    expect(locked.setCookie).toBeNull();
    expect(formErrorsOf(locked)).toMatch(lockout);
    checked();
  });

  it(`login: one IP gets ${rateLimits.loginFailuresPerIp.limit} failures, whatever the addresses (credential stuffing)`, async () => {
    const ip = "203.0.113.200";
    const user = await makeAccount();
    for (let attempt = 1; attempt <= rateLimits.loginFailuresPerIp.limit; attempt++) {
      const answer = await login(`inconnu-${attempt}-${randomUUID().slice(0, 6)}@exemple.fr`, { ip });
      expect(formErrorsOf(answer)).toContain("Adresse e-mail ou mot de passe incorrect.");
    }
    const blocked = await login(user.email, { ip });
    expect(blocked.setCookie).toBeNull();
    expect(formErrorsOf(blocked)).toMatch(lockout);
    // Another IP still signs in.
    expect((await login(user.email, { ip: "203.0.113.201" })).status).toBe(302);
    checked();
  });

  const emailLinkForms = [
    { name: "mot de passe oublié", send: (email: string, ip: string) => send(routes.forgot, "/mot-de-passe-oublie", { form: { email }, ip }) },
    { name: "lien de connexion", send: (email: string, ip: string) => send(routes.login, "/connexion", { form: { intent: "magic-link", email }, ip }) },
  ];
  for (const form of emailLinkForms) {
    it(`${form.name}: request no. ${rateLimits.emailLinkPerIp.limit + 1} from one IP is refused in French`, async () => {
      const ip = `192.0.2.${form.name.length}`;
      for (let attempt = 1; attempt <= rateLimits.emailLinkPerIp.limit; attempt++) {
        const answer = await form.send(`quelquun-${attempt}@exemple.fr`, ip);
        expect(formErrorsOf(answer)).toBe("{}");
      }
      expect(formErrorsOf(await form.send("encore@exemple.fr", ip))).toMatch(lockout);
      checked();
    });

    it(`${form.name}: at most ${rateLimits.emailLinkPerAccount.limit} e-mails per account per window (no mailbox flooding)`, async () => {
      const user = await makeAccount();
      for (let attempt = 1; attempt <= rateLimits.emailLinkPerAccount.limit + 3; attempt++) await form.send(user.email, `192.0.2.${100 + attempt}`);
      const sent = await db().select({ id: emailOutbox.id }).from(emailOutbox).where(eq(emailOutbox.toAddress, user.email));
      expect(sent).toHaveLength(rateLimits.emailLinkPerAccount.limit);
      checked();
    });
  }

  it(`sign-up: request no. ${rateLimits.signupPerIp.limit + 1} from one IP is refused in French`, async () => {
    const ip = "192.0.2.250";
    for (let attempt = 1; attempt <= rateLimits.signupPerIp.limit; attempt++) {
      const answer = await send(routes.signup, "/inscription", { form: { name: "Camille Test", email: `inscrit-${attempt}-${randomUUID().slice(0, 6)}@exemple.fr`, password: PASSWORD }, ip });
      expect(formErrorsOf(answer)).toBe("{}");
    }
    const refused = await send(routes.signup, "/inscription", { form: { name: "Camille Test", email: "encore-un@exemple.fr", password: PASSWORD }, ip });
    expect(formErrorsOf(refused)).toMatch(lockout);
    checked();
  });
});

describe("ASVS 6.3.8 — pas d'énumération des comptes (réponse et travail identiques)", () => {
  requirement("6.3.8");

  /** The answer with the address replaced: what a visitor could compare. */
  const visible = (answer: Answer, email: string) => ({ status: answer.status, location: answer.location, setCookie: answer.setCookie, body: answer.body.replaceAll(email, "<adresse>") });

  const forms = [
    { name: "mot de passe oublié", send: (email: string) => send(routes.forgot, "/mot-de-passe-oublie", { form: { email } }) },
    { name: "lien de connexion", send: (email: string) => send(routes.login, "/connexion", { form: { intent: "magic-link", email } }) },
    { name: "inscription", send: (email: string) => send(routes.signup, "/inscription", { form: { name: "Camille Test", email, password: PASSWORD } }) },
  ];
  for (const form of forms) {
    it(`${form.name}: the same status and body for a known and an unknown address`, async () => {
      const known = await makeAccount();
      const unknown = `personne-${randomUUID().slice(0, 8)}@exemple.fr`;
      const a = visible(await form.send(known.email), known.email);
      const b = visible(await form.send(unknown), unknown);
      expect(a).toEqual(b);
      expect(a.status).toBe(200);
      checked();
    });
  }

  it("sign-up: a known and an unknown address cost the same password hashing", async () => {
    const known = await makeAccount();
    const count = async (email: string) => {
      const before = argon2Calls.hash;
      await forms[2]!.send(email);
      return argon2Calls.hash - before;
    };
    const forKnown = await count(known.email);
    const forUnknown = await count(`personne-${randomUUID().slice(0, 8)}@exemple.fr`);
    expect(forKnown).toBe(1);
    expect(forUnknown).toBe(forKnown);
    checked();
  });

  it("login: an unknown address, an account without password and a wrong password get the same answer after the same argon2id verification", async () => {
    const known = await makeAccount();
    const passwordless = await makeUser(); // signed up through links only
    await login(`echauffement-${randomUUID().slice(0, 8)}@exemple.fr`); // the dummy hash is computed once per process

    const attempt = async (email: string) => {
      const from = argon2Calls.verify.length;
      const hashesBefore = argon2Calls.hash;
      const answer = await login(email, { password: "Pas le bon mot de passe 2027" });
      return { answer: visible(answer, email), verified: argon2Calls.verify.slice(from), hashed: argon2Calls.hash - hashesBefore };
    };
    const wrong = await attempt(known.email);
    const unknown = await attempt(`personne-${randomUUID().slice(0, 8)}@exemple.fr`);
    const noPassword = await attempt(passwordless.email);

    expect(unknown.answer).toEqual(wrong.answer);
    expect(noPassword.answer).toEqual(wrong.answer);
    expect(wrong.answer.status).toBe(200);
    expect(wrong.answer.setCookie).toBeNull();
    expect(wrong.answer.body).toContain("Adresse e-mail ou mot de passe incorrect.");
    // One argon2id verification each, with the same cost parameters as a real password hash.
    const params = (encoded: string) => /^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/.exec(encoded)?.[0];
    expect(wrong.verified).toHaveLength(1);
    expect(unknown.verified).toHaveLength(1);
    expect(noPassword.verified).toHaveLength(1);
    expect(params(wrong.verified[0]!)).toBe("$argon2id$v=19$m=19456,t=2,p=1$");
    expect(params(unknown.verified[0]!)).toBe(params(wrong.verified[0]!));
    expect(params(noPassword.verified[0]!)).toBe(params(wrong.verified[0]!));
    expect(unknown.verified[0]).not.toBe(wrong.verified[0]);
    expect([wrong.hashed, unknown.hashed, noPassword.hashed]).toEqual([0, 0, 0]);
    checked();
  });
});
