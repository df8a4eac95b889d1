import { readFileSync } from "node:fs";
import { and, eq, sql } from "drizzle-orm";
import { isRouteErrorResponse, type RouteObject } from "react-router-dom";
import { createStaticHandler } from "react-router-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { actions, audits, emailOutbox, enrolments, invitations, invoices, laureates, leads, membershipRequests, offers, orders, payments, practiceBookmarks, practices, tenants, users } from "../../db/schema";
import { seed } from "../../db/seed/index";
import { seedDemoLeads } from "../../db/seed/leads";
import { seedLaureates } from "../../db/seed/laureates";
import { demoPath, fullPath, manifest } from "../../db/testing/route-manifest";
import { useTestDatabase } from "../../db/testing/test-database";
import { env } from "../env.server";
import { createSession } from "../modules/auth/session.server";
import { can, type Permission } from "../modules/tenancy/permissions";

/*
 * Every route, every role. The routes come from Remix's own manifest (a new route file is covered
 * the day it is added); for each loader (GET) and action (POST) under /t/:tenant, /admin, /dev and
 * the API/webhook routes, each role gets the answer the permission map says. Never a 5xx; never a
 * 200 carrying Villeurbanne's data to someone who is not Villeurbanne's member or staff.
 * Then forged ids: Lambersart's owner posts Villeurbanne's object ids through Lambersart's own
 * URLs and gets 404, and nothing in the database changes.
 */

useTestDatabase();

const routesDir = new URL(".", import.meta.url).pathname;
type Family = "tenant" | "admin" | "dev" | "api";
function familyOf(path: string): Family | null {
  if (path === "/t/:tenant" || path.startsWith("/t/:tenant/")) return "tenant";
  if (path === "/admin" || path.startsWith("/admin/")) return "admin";
  if (path === "/dev" || path.startsWith("/dev/")) return "dev";
  if (/^\/(api|webhooks)(\/|$)/.test(path)) return "api";
  return null;
}

const selected = Object.values(manifest)
  .map((route) => ({ route, file: route.file.replace(/^routes\//, ""), path: fullPath(route), family: familyOf(fullPath(route)) }))
  .filter((r): r is typeof r & { family: Family } => r.family !== null)
  .sort((a, b) => a.file.localeCompare(b.file));

/** The module's source, to know which permission each loader/action asks (the permission map). */
function source(file: string) {
  return readFileSync(`${routesDir}${file}`, "utf8");
}
function functionBody(text: string, name: "loader" | "action") {
  const start = text.search(new RegExp(`export (async )?function ${name}\\b|export const ${name}\\b`));
  if (start < 0) return null;
  const next = text.slice(start + 10).search(/\nexport /);
  return next < 0 ? text.slice(start) : text.slice(start, start + 10 + next);
}
/** The permissions a tenant loader/action asks of requireMembership (none named = "tenant.read"). */
function permissionsAsked(file: string, name: "loader" | "action"): Permission[] {
  const body = functionBody(source(file), name) ?? "";
  return [...body.matchAll(/requireMembership\(\s*request\s*,\s*params\.tenant\s*(?:,\s*"([\w.]+)")?\s*\)/g)].map((m) => (m[1] ?? "tenant.read") as Permission);
}

/*
 * The back-office role map is the one of admin-permissions.int.test.ts: re-read from its source
 * (importing a test file would run its tests here too).
 */
type Outcome = 200 | 403 | "redirect";
type Access = { admin: Outcome; sales: Outcome; auditor: Outcome; search?: string };
function readExpectedAccess(): Record<string, Access> {
  const text = readFileSync(`${routesDir}admin-permissions.int.test.ts`, "utf8");
  const start = text.indexOf("const expectedAccess: Record<string, Access> = {");
  const end = text.indexOf("\n};", start);
  if (start < 0 || end < 0) throw new Error("expectedAccess not found in admin-permissions.int.test.ts");
  const body = text.slice(text.indexOf("{", start), end + 2).replace(/^\s*\/\/.*$/gm, "");
  const constants = { all: { admin: 200, sales: 200, auditor: 200 }, adminSales: { admin: 200, sales: 200, auditor: 403 }, adminAuditor: { admin: 200, sales: 403, auditor: 200 }, adminOnly: { admin: 200, sales: 403, auditor: 403 } };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- a table of literals from this repository
  return new Function(...Object.keys(constants), `return (${body});`)(...Object.values(constants)) as Record<string, Access>;
}
const expectedAccess = readExpectedAccess();

type Who = "anonymous" | "other" | "viewer" | "owner" | "admin" | "sales" | "auditor";
const roles: Who[] = ["anonymous", "other", "viewer", "owner", "admin", "sales", "auditor"];
const emails: Record<Exclude<Who, "anonymous">, string> = {
  other: "qualite@lambersart.example",
  viewer: "agent@villeurbanne.example",
  owner: "qualite@villeurbanne.example",
  admin: "admin@afnor.example",
  sales: "ventes@afnor.example",
  auditor: "auditeur@afnor.example",
};
const staff = new Set<Who>(["admin", "sales", "auditor"]);
const userIds: Partial<Record<Who, string>> = {};
const tokens: Partial<Record<Who, string>> = {};
const ids: Record<string, string> = {};
let checked = 0;
let cases = 0;
let forged = 0;
let ownerOk = 0;

async function newToken(who: Exclude<Who, "anonymous">) {
  return (await createSession(userIds[who]!, { userAgent: null, ipAddress: null })).token;
}

/** Every table but the session bookkeeping: a write anywhere changes this. */
let fingerprintQuery: ReturnType<typeof sql.raw>;
async function fingerprint(): Promise<string> {
  const result = (await db().execute(fingerprintQuery)) as unknown as { rows?: { f: string }[] } | { f: string }[];
  const rows = Array.isArray(result) ? result : (result.rows ?? []);
  return rows[0]!.f;
}

beforeAll(async () => {
  await seed(db());
  await seedDemoLeads(db());
  await seedLaureates(db());
  for (const [who, email] of Object.entries(emails) as [Exclude<Who, "anonymous">, string][]) {
    const [user] = await db().select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
    if (!user) throw new Error(`no demo user ${email}`);
    userIds[who] = user.id;
    tokens[who] = await newToken(who);
  }
  const [villeurbanne] = await db().select().from(tenants).where(eq(tenants.slug, "villeurbanne"));
  const [audit] = await db().select({ id: audits.id }).from(audits).where(eq(audits.auditorUserId, userIds.auditor!)).limit(1);
  const [practice] = await db().select({ id: practices.id }).from(practices).limit(1);
  const [lead] = await db().select({ id: leads.id }).from(leads).limit(1);
  const [laureate] = await db().select({ id: laureates.id }).from(laureates).limit(1);
  const [action] = await db().select({ id: actions.id }).from(actions).where(eq(actions.tenantId, villeurbanne!.id)).limit(1);
  const [offer] = await db().select({ id: offers.id }).from(offers).limit(1);
  if (!villeurbanne || !audit || !practice || !lead || !laureate || !action || !offer) throw new Error("the demo seed lacks an object the routes need");
  const [mail] = await db()
    .insert(emailOutbox)
    .values({ idempotencyKey: "route-security-test", template: "test", toAddress: "qualite@villeurbanne.example", subject: "Ville de Villeurbanne", html: "<p>Villeurbanne</p>", text: "Villeurbanne", tenantId: villeurbanne.id })
    .returning({ id: emailOutbox.id });
  // Villeurbanne's objects that travel by id: an order awaiting card payment, its checkout, a bookmark, an invitation.
  const [order] = await db()
    .insert(orders)
    .values({
      tenantId: villeurbanne.id,
      reference: "CMD-TEST-FORGE",
      offerId: offer.id,
      status: "awaiting_payment",
      totalHtCents: 1000,
      vatCents: 200,
      totalTtcCents: 1200,
      paymentPath: "card",
      billingContactName: "Nadia Responsable Qualité",
      billingContactEmail: "qualite@villeurbanne.example",
      billingAddress: "Ville de Villeurbanne",
      payerSiret: "21690266800013",
    })
    .returning({ id: orders.id });
  await db().insert(payments).values({ tenantId: villeurbanne.id, orderId: order!.id, method: "card", amountCents: 1200, stripeCheckoutSessionId: "cs_test_forge_order" });
  // A finalised invoice of that order (its Factur-X travels by id).
  const [invoice] = await db()
    .insert(invoices)
    .values({
      tenantId: villeurbanne.id,
      orderId: order!.id,
      stripeInvoiceId: "in_test_forge_order",
      stripeCustomerId: "cus_test_forge_order",
      number: "BEC-TEST-FORGE",
      status: "open",
      totalHtCents: 1000,
      vatCents: 200,
      totalTtcCents: 1200,
      finalizedAt: new Date(),
      dueAt: new Date(Date.now() + 30 * 86_400_000),
    })
    .returning({ id: invoices.id });
  ids.invoice = invoice!.id;
  const [enrolment] = await db().select({ id: enrolments.id }).from(enrolments).where(eq(enrolments.tenantId, villeurbanne.id)).limit(1);
  if (enrolment) {
    await db().insert(payments).values({ tenantId: villeurbanne.id, enrolmentId: enrolment.id, method: "card", amountCents: 1200, stripeCheckoutSessionId: "cs_test_forge_enrolment" });
    ids.enrolment = enrolment.id;
  }
  await db().insert(practiceBookmarks).values({ tenantId: villeurbanne.id, userId: userIds.owner!, practiceId: practice.id }).onConflictDoNothing();
  const [invitation] = await db()
    .insert(invitations)
    .values({ tenantId: villeurbanne.id, email: "nouveau@villeurbanne.example", role: "member", tokenHash: "route-security-test", expiresAt: new Date(Date.now() + 86_400_000) })
    .returning({ id: invitations.id });
  // An agent whose ProConnect SIRET is Villeurbanne's, waiting for an owner's decision.
  const [requester] = await db().insert(users).values({ email: "agent.proconnect@villeurbanne.example", name: "Agent ProConnect", proconnectSiret: villeurbanne.siret }).returning({ id: users.id });
  const [joinRequest] = await db().insert(membershipRequests).values({ tenantId: villeurbanne.id, userId: requester!.id, siret: villeurbanne.siret }).returning({ id: membershipRequests.id });
  Object.assign(ids, { audit: audit.id, practice: practice.id, lead: lead.id, laureate: laureate.id, action: action.id, mail: mail!.id, order: order!.id, invitation: invitation!.id, joinRequest: joinRequest!.id });

  const tables = await db().execute(sql`select tablename from pg_tables where schemaname = 'public' and tablename not in ('sessions', 'rate_limit_hits') order by tablename`);
  const names = ((Array.isArray(tables) ? tables : (tables as { rows: { tablename: string }[] }).rows) as { tablename: string }[]).map((t) => t.tablename);
  // Small tables are hashed row by row; the few big, read-mostly ones (answers, snapshots…) are counted.
  const parts: string[] = [];
  for (const n of names) {
    const counted = await db().execute(sql.raw(`select count(*)::int as c from "${n}"`));
    const c = ((Array.isArray(counted) ? counted : (counted as { rows: { c: number }[] }).rows) as { c: number }[])[0]!.c;
    parts.push(c > 1500 ? `(select count(*)::text from "${n}")` : `coalesce((select md5(string_agg(md5(x::text), ',' order by md5(x::text))) from "${n}" x), '')`);
  }
  fingerprintQuery = sql.raw(`select md5(${parts.join(" || ")}) as f`);
}, 240_000);

/** The demo URL of a route (db/testing/route-manifest.ts gives the parameters), with the query its check needs. */
function urlOf(file: string, path: string, tenant = "villeurbanne") {
  const filled = demoPath(file, path, ids, { tenant });
  return `http://localhost:3000${filled}${expectedAccess[file]?.search ?? ""}`;
}

type Answer = { status: number; location: string | null; body: string };

/** Runs a route's loader (GET) or action (POST) as the server would; an uncaught error is a 500. */
async function answer(route: RouteObject, request: Request): Promise<Answer> {
  try {
    const value: unknown = await createStaticHandler([route]).queryRoute(request);
    if (value instanceof Response) return { status: value.status, location: value.headers.get("Location"), body: await value.text() };
    return { status: 200, location: null, body: JSON.stringify(value) ?? "" };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("Location"), body: await thrown.text() };
    if (isRouteErrorResponse(thrown)) return { status: thrown.status, location: null, body: String(thrown.data) };
    return { status: 500, location: null, body: thrown instanceof Error ? `${thrown.message}\n${thrown.stack}` : String(thrown) };
  }
}

/** A GET, or a POST as a browser sends a form (multipart, which every action reads, upload forms included). */
function request(url: string, token: string | null, form?: Record<string, string> | string) {
  const headers = new Headers();
  if (token) headers.set("Cookie", `ec_session=${token}`);
  if (form === undefined) return new Request(url, { headers });
  if (typeof form === "string") {
    headers.set("Content-Type", "application/json");
    return new Request(url, { method: "POST", headers, body: form });
  }
  const body = new FormData();
  for (const [name, value] of Object.entries(form)) body.set(name, value);
  return new Request(url, { method: "POST", headers, body });
}

async function load(file: string) {
  return (await import(`./${file.replace(/\.tsx?$/, "")}`)) as { loader?: unknown; action?: unknown };
}

describe("every route, every role", () => {
  it("reads the manifest: every family is there", () => {
    for (const family of ["tenant", "admin", "dev", "api"] as const) expect(selected.filter((r) => r.family === family).length, family).toBeGreaterThan(0);
    expect(selected.length).toBeGreaterThan(60);
  });

  for (const { file, path, family } of selected) {
    it(`${file} (${path})`, async () => {
      const module = await load(file);
      const route = { id: file, path, loader: module.loader, action: module.action } as unknown as RouteObject;
      const failures: string[] = [];
      const check = (ok: boolean, what: string) => {
        checked += 1;
        if (!ok) failures.push(what);
      };
      const modes: ("GET" | "POST")[] = [...(module.loader ? (["GET"] as const) : []), ...(module.action ? (["POST"] as const) : [])];
      const access = expectedAccess[file];
      if (family === "admin") expect(access, `${file} has no row in admin-permissions.int.test.ts's expectedAccess`).toBeDefined();

      for (const method of modes) {
        for (const who of roles) {
          // Writes as Villeurbanne's owner are the features themselves: not this test's business.
          if (method === "POST" && who === "owner" && family === "tenant") continue;
          // Staff POSTs on a fresh session ("voir comme" lives on the session).
          const token = who === "anonymous" ? null : method === "POST" && staff.has(who) ? await newToken(who) : tokens[who]!;
          // A webhook gets a plausible unsigned event; a form, an empty submission.
          const form = method === "POST" ? (family === "api" ? JSON.stringify({ type: "checkout.session.completed", data: { object: { id: "cs_test_forge_order" } } }) : {}) : undefined;
          const url = urlOf(file, path);
          const before = method === "POST" ? await fingerprint() : null;
          const got = await answer(route, request(url, token, form));
          cases += 1;
          const wrote = before !== null && (await fingerprint()) !== before;
          const label = `${method} ${url} as ${who} → ${got.status}${got.location ? ` ${got.location}` : ""}`;
          check(got.status < 500, `${label}: 5xx ${got.body.slice(0, 300)}`);
          const foreign = who === "anonymous" || who === "other" || (staff.has(who) && family === "tenant") || (!staff.has(who) && family === "admin");
          if (foreign && family !== "dev") check(!(got.status === 200 && got.body.includes("Villeurbanne")), `${label}: Villeurbanne's data leaked`);

          if (family === "tenant") {
            if (who === "anonymous") check(got.status === 302 && (got.location ?? "").startsWith("/connexion"), `${label}: expected login redirect`);
            else if (who === "other" || staff.has(who)) check(got.status === 404, `${label}: expected 404 (not a member)`);
            else if (who === "viewer") {
              const asked = permissionsAsked(file, method === "GET" ? "loader" : "action");
              check(asked.length > 0, `${file} ${method}: no requireMembership(request, params.tenant, …) found`);
              const allowed = asked.some((p) => can("viewer", p));
              if (!allowed) check(got.status === 403, `${label}: the role map denies viewers ${asked.join(", ")}: expected 403`);
              // Allowed: anything but the guard's refusals (a route's own "not found", e.g. no payment, is fine).
              else check(got.status !== 403 && got.body !== "Page introuvable", `${label}: viewers may ${asked.join(", ")}`);
              if (method === "POST") check(!wrote, `${label}: a viewer's POST wrote to the database`);
            } else if (who === "owner") {
              if (got.status === 200) ownerOk += 1;
              check(got.status !== 403, `${label}: the owner has every permission`);
            }
          } else if (family === "admin") {
            if (who === "anonymous") check(got.status === 302 && /^\/connexion\?redirectTo=%2Fadmin/.test(got.location ?? ""), `${label}: expected login redirect`);
            else if (!staff.has(who)) check(got.status === 404, `${label}: expected 404 (the back-office is not advertised)`);
            else if (access) {
              const expected = access[who as "admin" | "sales" | "auditor"];
              if (method === "GET") {
                const actual = got.status === 302 && got.location ? "redirect" : got.status;
                check(actual === expected, `${label}: expected ${expected}`);
              } else if (expected === 403) {
                check(got.status === 403, `${label}: a role that may not read may not write`);
                check(!wrote, `${label}: a forbidden POST wrote to the database`);
              }
            }
            if (method === "POST" && !staff.has(who)) check(!wrote, `${label}: a non-staff POST wrote to the database`);
          } else if (family === "dev") {
            // The developer mailbox: open in demo/development (e-mails never leave), 404 in production.
            if (env().DEMO) check(got.status === 200, `${label}: demo mode shows the mailbox`);
            else check(got.status === 404, `${label}: production hides the mailbox`);
          } else if (method === "POST" && path.startsWith("/webhooks/")) {
            check(got.status === 400, `${label}: an unsigned webhook is refused with 400`);
            check(!wrote, `${label}: an unsigned webhook wrote to the database`);
          } else if (method === "GET" && who === "anonymous") {
            check(got.status !== 200, `${label}: anonymous must not read the API`);
          }
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it("counts the (route × role) cases", () => {
    console.log(`route × rôle : ${cases} cas vérifiés (${selected.length} routes, ${roles.length} rôles, ${checked} assertions ; ${ownerOk} réponses 200 au responsable de Villeurbanne)`);
    // Every selected route has a loader or an action, asked by every role (the owner's POSTs aside).
    expect(cases).toBeGreaterThanOrEqual(selected.length * (roles.length - 1));
    // Positive control: the 404s above are not an artefact of wrong parameters.
    expect(ownerOk).toBeGreaterThan(selected.filter((r) => r.family === "tenant").length / 2);
  });
});

/** A selected route of the manifest as a route object, for one request. */
const routeOf = async (file: string) => {
  const entry = selected.find((r) => r.file === file);
  if (!entry) throw new Error(`${file} is not in the manifest`);
  const module = await load(file);
  return { id: file, path: entry.path, loader: module.loader, action: module.action } as unknown as RouteObject;
};

describe("upload forms", () => {
  it("answer a POST that is not multipart with a French 400, never a 500", async () => {
    for (const [file, path] of [
      ["admin.audits.import.tsx", "/admin/audits/import"],
      ["admin.referentiel.$annee.tsx", "/admin/referentiel/2027"],
    ] as const) {
      const headers = new Headers({ Cookie: `ec_session=${tokens.admin!}`, "Content-Type": "application/x-www-form-urlencoded" });
      const got = await answer(await routeOf(file), new Request(`http://localhost:3000${path}`, { method: "POST", headers, body: "intent=import" }));
      expect({ file, status: got.status }).toEqual({ file, status: 400 });
      expect(got.body).toContain("multipart/form-data");
    }
  });
});

describe("forged ids: Lambersart posts Villeurbanne's ids through its own URLs", () => {
  const forgedCases: { name: string; file: string; path: () => string; form?: () => Record<string, string> }[] = [
    { name: "order: pay another tenant's order", file: "t.$tenant.offres.tsx", path: () => "/t/lambersart/offres", form: () => ({ intent: "pay", orderId: ids.order! }) },
    { name: "order: its card checkout's return page", file: "t.$tenant.offres_.retour.tsx", path: () => "/t/lambersart/offres/retour?session_id=cs_test_forge_order" },
    { name: "enrolment: its card checkout's return page", file: "t.$tenant.inscription_.retour.tsx", path: () => "/t/lambersart/inscription/retour?session_id=cs_test_forge_enrolment" },
    { name: "invoice: download its Factur-X", file: "t.$tenant.facturation_.$id.factur-x[.pdf].tsx", path: () => `/t/lambersart/facturation/${ids.invoice}/factur-x.pdf` },
    { name: "action: read it", file: "t.$tenant.plan-action_.$id.tsx", path: () => `/t/lambersart/plan-action/${ids.action}` },
    {
      name: "action: update it",
      file: "t.$tenant.plan-action_.$id.tsx",
      path: () => `/t/lambersart/plan-action/${ids.action}`,
      form: () => ({ intent: "update", title: "Action détournée", status: "a_faire", priority: "haute", description: "", ownerUserId: "", dueOn: "", channel: "" }),
    },
    { name: "action: comment on it", file: "t.$tenant.plan-action_.$id.tsx", path: () => `/t/lambersart/plan-action/${ids.action}`, form: () => ({ intent: "comment", body: "Commentaire détourné" }) },
    { name: "action: delete it", file: "t.$tenant.plan-action_.$id.tsx", path: () => `/t/lambersart/plan-action/${ids.action}`, form: () => ({ intent: "delete" }) },
    { name: "action: change its status from the plan", file: "t.$tenant.plan-action.tsx", path: () => "/t/lambersart/plan-action", form: () => ({ intent: "status", id: ids.action!, status: "a_faire" }) },
    { name: "member: change a Villeurbanne member's role", file: "t.$tenant.membres.tsx", path: () => "/t/lambersart/membres", form: () => ({ intent: "change-role", userId: userIds.viewer!, role: "owner" }) },
    { name: "member: remove a Villeurbanne member", file: "t.$tenant.membres.tsx", path: () => "/t/lambersart/membres", form: () => ({ intent: "remove", userId: userIds.owner! }) },
    { name: "invitation: revoke Villeurbanne's invitation", file: "t.$tenant.membres.tsx", path: () => "/t/lambersart/membres", form: () => ({ intent: "revoke-invitation", invitationId: ids.invitation! }) },
    { name: "membership request: approve Villeurbanne's", file: "t.$tenant.membres.tsx", path: () => "/t/lambersart/membres", form: () => ({ intent: "approve-request", requestId: ids.joinRequest!, role: "owner" }) },
    { name: "membership request: refuse Villeurbanne's", file: "t.$tenant.membres.tsx", path: () => "/t/lambersart/membres", form: () => ({ intent: "refuse-request", requestId: ids.joinRequest! }) },
  ];

  for (const c of forgedCases) {
    it(`${c.name} → 404, nothing changes`, async () => {
      if (c.name.startsWith("enrolment") && !ids.enrolment) throw new Error("the demo seed has no Villeurbanne enrolment");
      const before = await fingerprint();
      const got = await answer(await routeOf(c.file), request(`http://localhost:3000${c.path()}`, tokens.other!, c.form?.()));
      forged += 1;
      expect(got.status, got.body.slice(0, 200)).toBe(404);
      expect(got.body).not.toContain("Villeurbanne");
      expect(await fingerprint(), "the database changed").toBe(before);
    });
  }

  it("bookmark: un-bookmarking a practice Villeurbanne bookmarked leaves Villeurbanne's bookmark", async () => {
    const before = await fingerprint();
    const got = await answer(await routeOf("t.$tenant.bonnes-pratiques.tsx"), request("http://localhost:3000/t/lambersart/bonnes-pratiques", tokens.other!, { intent: "unbookmark", practiceId: ids.practice! }));
    expect(got.status).toBeLessThan(500);
    const kept = await db()
      .select()
      .from(practiceBookmarks)
      .where(and(eq(practiceBookmarks.userId, userIds.owner!), eq(practiceBookmarks.practiceId, ids.practice!)));
    expect(kept).toHaveLength(1);
    expect(await fingerprint(), "the database changed").toBe(before);
  });

  it("the Villeurbanne objects are intact", async () => {
    console.log(`identifiants forgés : ${forged} cas vérifiés`);
    expect(forged).toBe(forgedCases.length);
    const [order] = await db().select({ status: orders.status }).from(orders).where(eq(orders.id, ids.order!));
    expect(order?.status).toBe("awaiting_payment");
    const [action] = await db().select({ title: actions.title }).from(actions).where(eq(actions.id, ids.action!));
    expect(action?.title).not.toBe("Action détournée");
    const [invitation] = await db().select({ revokedAt: invitations.revokedAt }).from(invitations).where(eq(invitations.id, ids.invitation!));
    expect(invitation?.revokedAt).toBeNull();
    const [joinRequest] = await db().select({ status: membershipRequests.status }).from(membershipRequests).where(eq(membershipRequests.id, ids.joinRequest!));
    expect(joinRequest?.status).toBe("pending");
  });
});
