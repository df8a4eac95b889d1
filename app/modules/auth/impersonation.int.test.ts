import type { AddressInfo } from "node:net";
import { and, eq, like } from "drizzle-orm";
import express from "express";
import { createElement } from "react";
import { useLoaderData, type RouteObject } from "react-router-dom";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { actions, auditLog, invitations, sessions, staffRoles } from "../../../db/schema";
import { addMember, makeTenant, makeUser } from "../../../db/testing/factories";
import { renderRoute, routeResponse } from "../../../db/testing/routes";
import { useTestDatabase } from "../../../db/testing/test-database";
import { ImpersonationBanner } from "../../components/impersonation-banner";
import * as structureRoute from "../../routes/admin.structures.$slug";
import * as startRoute from "../../routes/admin.structures_.$slug.voir-comme";
import * as billingRoute from "../../routes/t.$tenant.facturation";
import * as membersRoute from "../../routes/t.$tenant.membres";
import * as planRoute from "../../routes/t.$tenant.plan-action";
import * as tenantLayout from "../../routes/t.$tenant";
import * as endRoute from "../../routes/voir-comme.fin";
import { requireMembership } from "../tenancy/guard.server";
import { IMPERSONATION_DURATION_MS, IMPERSONATION_READ_ONLY_MESSAGE } from "./impersonation";
import { impersonationReadOnly, impersonationRefusal, loadImpersonationBanner } from "./impersonation.server";
import { createSession } from "./session.server";

/*
 * "Voir comme" end to end through the route modules and the Express middleware of server.ts:
 * who may start it, what the admin then reads (as a viewer), that every write is refused, and
 * that it ends (by hand or at its expiry) with both ends in the audit log.
 */

useTestDatabase();

const origin = "http://localhost:3000";
const tokens = { admin: "", sales: "", auditor: "", owner: "" };
const sessionIds = { admin: "" };
const ids = { admin: "", tenant: "", otherTenant: "" };
let slug = "";
let otherSlug = "";

const routes = [
  { id: "structure", path: "/admin/structures/:slug", loader: structureRoute.loader, Component: structureRoute.default },
  { id: "start", path: "/admin/structures/:slug/voir-comme", loader: startRoute.loader, action: startRoute.action },
  { id: "end", path: "/voir-comme/fin", loader: endRoute.loader, action: endRoute.action },
  {
    id: "tenant",
    path: "/t/:tenant",
    loader: tenantLayout.loader,
    Component: tenantLayout.default,
    children: [
      { id: "plan", path: "plan-action", loader: planRoute.loader, action: planRoute.action, Component: planRoute.default },
      { id: "members", path: "membres", loader: membersRoute.loader, action: membersRoute.action, Component: membersRoute.default },
      { id: "billing", path: "facturation", loader: billingRoute.loader, Component: billingRoute.default },
    ],
  },
] as unknown as RouteObject[];

function Banner() {
  return createElement(ImpersonationBanner, { impersonation: useLoaderData() as Awaited<ReturnType<typeof loadImpersonationBanner>> });
}

function get(who: keyof typeof tokens, path: string) {
  return new Request(`${origin}${path}`, { headers: { Cookie: `ec_session=${tokens[who]}` } });
}

function post(who: keyof typeof tokens, path: string, fields: [string, string][] = []) {
  const body = new FormData();
  for (const [name, value] of fields) body.append(name, value);
  return new Request(`${origin}${path}`, { method: "POST", body, headers: { Cookie: `ec_session=${tokens[who]}` } });
}

async function impersonationColumns() {
  const [row] = await db()
    .select({ tenantId: sessions.impersonatedTenantId, expiresAt: sessions.impersonationExpiresAt })
    .from(sessions)
    .where(eq(sessions.id, sessionIds.admin));
  return row!;
}

async function impersonationAudit() {
  return db()
    .select({ action: auditLog.action, tenantId: auditLog.tenantId, actorUserId: auditLog.actorUserId, details: auditLog.details })
    .from(auditLog)
    .where(like(auditLog.action, "impersonation.%"))
    .orderBy(auditLog.createdAt);
}

const planFields: [string, string][] = [
  ["intent", "create"],
  ["title", "Rappeler sous 48 heures"],
  ["priority", "haute"],
  ["status", "a_faire"],
];

beforeAll(async () => {
  const tenant = await makeTenant({ name: "Ville de Voircomme" });
  const other = await makeTenant({ name: "Communauté Autre" });
  ids.tenant = tenant.id;
  ids.otherTenant = other.id;
  slug = tenant.slug;
  otherSlug = other.slug;
  for (const role of ["admin", "sales", "auditor"] as const) {
    const user = await makeUser({ email: `${role}-voir-comme@afnor.example` });
    await db().insert(staffRoles).values({ userId: user.id, role });
    const { token, session } = await createSession(user.id, { userAgent: null, ipAddress: null });
    tokens[role] = token;
    if (role === "admin") {
      ids.admin = user.id;
      sessionIds.admin = session.id;
      // The admin also belongs to another structure: it must stay closed during the consultation.
      await addMember(other.id, user.id, "owner");
    }
  }
  const owner = await makeUser({ email: "qualite@voircomme.example" });
  await addMember(tenant.id, owner.id, "owner");
  tokens.owner = (await createSession(owner.id, { userAgent: null, ipAddress: null })).token;
});

describe("starting a consultation", () => {
  it("offers the button on the structure's page to admins only", async () => {
    const button = "Voir comme cette structure (lecture seule, 30 min)";
    const admin = await renderRoute(routes, get("admin", `/admin/structures/${slug}`));
    expect(admin.html).toContain(button);
    expect(admin.html).toContain(`action="/admin/structures/${slug}/voir-comme"`);
    const sales = await renderRoute(routes, get("sales", `/admin/structures/${slug}`));
    expect(sales.status).toBe(200);
    expect(sales.html).not.toContain(button);
  });

  it("refuses sales and auditors (403) and leaves no trace", async () => {
    for (const who of ["sales", "auditor"] as const) {
      expect((await routeResponse(routes, post(who, `/admin/structures/${slug}/voir-comme`))).status).toBe(403);
    }
    expect((await routeResponse(routes, post("owner", `/admin/structures/${slug}/voir-comme`))).status).toBe(404);
    expect(await impersonationAudit()).toEqual([]);
  });

  it("answers 404 for an unknown structure", async () => {
    expect((await routeResponse(routes, post("admin", "/admin/structures/nulle-part/voir-comme"))).status).toBe(404);
    expect((await impersonationColumns()).tenantId).toBeNull();
  });

  it("lets an admin start it: 30 minutes on the session, the structure's space next, one audit entry", async () => {
    const before = Date.now();
    const response = await routeResponse(routes, post("admin", `/admin/structures/${slug}/voir-comme`));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/t/${slug}`);
    const columns = await impersonationColumns();
    expect(columns.tenantId).toBe(ids.tenant);
    expect(columns.expiresAt!.getTime() - before).toBeGreaterThanOrEqual(IMPERSONATION_DURATION_MS - 1000);
    expect(columns.expiresAt!.getTime() - before).toBeLessThanOrEqual(IMPERSONATION_DURATION_MS + 5000);
    const audit = await impersonationAudit();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "impersonation.started", tenantId: ids.tenant, actorUserId: ids.admin });
    expect(JSON.parse(audit[0]!.details!)).toEqual({ expiresAt: columns.expiresAt!.toISOString() });
  });
});

describe("during the consultation", () => {
  it("opens the structure's pages to the admin as a viewer", async () => {
    const ctx = await requireMembership(get("admin", `/t/${slug}`), slug);
    expect(ctx).toMatchObject({ role: "viewer", impersonating: true, tenant: { id: ids.tenant, slug } });
    const plan = await renderRoute(routes, get("admin", `/t/${slug}/plan-action`));
    expect(plan.status).toBe(200);
    expect(plan.html).toContain("votre rôle : Lecteur");
    expect((await renderRoute(routes, get("admin", `/t/${slug}/membres`))).html).toContain("qualite@voircomme.example");
    // What a viewer may not read stays closed.
    expect((await renderRoute(routes, get("admin", `/t/${slug}/facturation`))).status).toBe(403);
  });

  it("keeps every other structure closed, even one the admin belongs to", async () => {
    expect((await renderRoute(routes, get("admin", `/t/${otherSlug}/plan-action`))).status).toBe(404);
  });

  it("refuses every write in the Express middleware, before any route runs", async () => {
    for (const path of [`/t/${slug}/plan-action`, `/t/${slug}/membres`, `/t/${slug}/plan-action.data`, `/admin/structures/${otherSlug}/voir-comme`, "/compte"]) {
      expect(await impersonationRefusal({ method: "POST", path, cookie: `ec_session=${tokens.admin}` }), path).toBe(IMPERSONATION_READ_ONLY_MESSAGE);
    }
    expect(await impersonationRefusal({ method: "GET", path: `/t/${slug}/plan-action`, cookie: `ec_session=${tokens.admin}` })).toBeNull();
    expect(await impersonationRefusal({ method: "POST", path: "/voir-comme/fin", cookie: `ec_session=${tokens.admin}` })).toBeNull();
    expect(await impersonationRefusal({ method: "POST", path: "/deconnexion", cookie: `ec_session=${tokens.admin}` })).toBeNull();
    // Other people's sessions, no session, or a forged secret: not this rule's business.
    expect(await impersonationRefusal({ method: "POST", path: `/t/${slug}/plan-action`, cookie: `ec_session=${tokens.owner}` })).toBeNull();
    expect(await impersonationRefusal({ method: "POST", path: `/t/${slug}/plan-action`, cookie: undefined })).toBeNull();
    const forged = `${tokens.admin.split(".")[0]}.aaaaaaaaaaaaaaaaaaaaaaaa`;
    expect(await impersonationRefusal({ method: "POST", path: `/t/${slug}/plan-action`, cookie: `ec_session=${forged}` })).toBeNull();
  });

  it("is wired as an Express middleware: 403 with the French message, reads and the end pass", async () => {
    const app = express();
    app.use(impersonationReadOnly);
    app.use((_req, res) => {
      res.send("atteint");
    });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const cookie = { Cookie: `ec_session=${tokens.admin}` };
      const refused = await fetch(`${base}/t/${slug}/plan-action`, { method: "POST", headers: cookie, body: new URLSearchParams(planFields) });
      expect(refused.status).toBe(403);
      expect(await refused.text()).toBe(IMPERSONATION_READ_ONLY_MESSAGE);
      expect((await fetch(`${base}/t/${slug}/plan-action`, { headers: cookie })).status).toBe(200);
      expect((await fetch(`${base}/voir-comme/fin`, { method: "POST", headers: cookie })).status).toBe(200);
      expect((await fetch(`${base}/t/${slug}/plan-action`, { method: "POST", headers: { Cookie: `ec_session=${tokens.owner}` } })).status).toBe(200);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("refuses writes in the tenant routes too (defence in depth), and nothing changes", async () => {
    const plan = await routeResponse(routes, post("admin", `/t/${slug}/plan-action`, planFields));
    expect(plan.status).toBe(403);
    expect(await plan.text()).toBe(IMPERSONATION_READ_ONLY_MESSAGE);
    const invite = await routeResponse(routes, post("admin", `/t/${slug}/membres`, [["intent", "invite"], ["email", "intrus@exemple.fr"], ["role", "owner"]]));
    expect(invite.status).toBe(403);
    expect(await db().select().from(actions).where(eq(actions.tenantId, ids.tenant))).toEqual([]);
    expect(await db().select().from(invitations).where(eq(invitations.tenantId, ids.tenant))).toEqual([]);
  });

  it("shows a banner with the structure and the end time in Paris, and a button to end it", async () => {
    const banner = await loadImpersonationBanner(get("admin", "/"));
    expect(banner?.tenantName).toBe("Ville de Voircomme");
    expect(banner?.until).toMatch(/^\d{2}:\d{2}$/);
    // The banner as the root layout renders it: from a loader, in a data router (its form needs one).
    const shell = [{ id: "shell", path: "/", loader: ({ request }: { request: Request }) => loadImpersonationBanner(request), Component: Banner }] as unknown as RouteObject[];
    const { html } = await renderRoute(shell, get("admin", "/"));
    expect(html).toContain(`Vous consultez l’espace de <strong>Ville de Voircomme</strong> en lecture seule, jusqu’à ${banner!.until} (heure de Paris).`);
    expect(html).toMatch(/<section class="banner" aria-labelledby="voir-comme-titre">.*<h2 id="voir-comme-titre"/);
    expect(html).toMatch(/<form method="post" action="\/voir-comme\/fin"[^>]*>.*<button type="submit"[^>]*>Terminer<\/button>/);
    expect((await renderRoute(shell, get("owner", "/"))).html).toBe("");
    expect(await loadImpersonationBanner(get("owner", "/"))).toBeNull();
  });
});

describe("ending the consultation", () => {
  it("ends by hand: back to the structure's page, session cleared, audit entry, space closed again", async () => {
    const response = await routeResponse(routes, post("admin", "/voir-comme/fin"));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/admin/structures/${slug}`);
    expect(await impersonationColumns()).toEqual({ tenantId: null, expiresAt: null });
    const ended = (await impersonationAudit()).filter((entry) => entry.action === "impersonation.ended");
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ tenantId: ids.tenant, actorUserId: ids.admin });
    expect(JSON.parse(ended[0]!.details!)).toEqual({ reason: "manuel" });
    expect((await renderRoute(routes, get("admin", `/t/${slug}/plan-action`))).status).toBe(404);
    // The admin's own structure opens again, with the admin's real role.
    expect((await requireMembership(get("admin", `/t/${otherSlug}`), otherSlug)).role).toBe("owner");
    // Ending again changes nothing.
    await routeResponse(routes, post("admin", "/voir-comme/fin"));
    expect((await impersonationAudit()).filter((entry) => entry.action === "impersonation.ended")).toHaveLength(1);
  });

  it("ends at its expiry: the space reads 404 again and the end is logged once", async () => {
    await db().delete(auditLog).where(like(auditLog.action, "impersonation.%"));
    expect((await routeResponse(routes, post("admin", `/admin/structures/${slug}/voir-comme`))).status).toBe(302);
    await db().update(sessions).set({ impersonationExpiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, sessionIds.admin));
    // Writes pass the global rule again (the route decides), reads no longer open the structure.
    expect(await impersonationRefusal({ method: "POST", path: `/t/${slug}/plan-action`, cookie: `ec_session=${tokens.admin}` })).toBeNull();
    const [first, second] = await Promise.all([
      renderRoute(routes, get("admin", `/t/${slug}/plan-action`)),
      renderRoute(routes, get("admin", `/t/${slug}/membres`)),
    ]);
    expect([first.status, second.status]).toEqual([404, 404]);
    expect(await impersonationColumns()).toEqual({ tenantId: null, expiresAt: null });
    const ended = await db()
      .select({ details: auditLog.details, tenantId: auditLog.tenantId, actorUserId: auditLog.actorUserId })
      .from(auditLog)
      .where(and(eq(auditLog.action, "impersonation.ended"), eq(auditLog.tenantId, ids.tenant)));
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ tenantId: ids.tenant, actorUserId: ids.admin });
    expect(JSON.parse(ended[0]!.details!)).toEqual({ reason: "expiré" });
    expect(await loadImpersonationBanner(get("admin", "/"))).toBeNull();
  });

  it("ends when the admin loses the admin role", async () => {
    expect((await routeResponse(routes, post("admin", `/admin/structures/${slug}/voir-comme`))).status).toBe(302);
    await db().update(staffRoles).set({ active: false }).where(eq(staffRoles.userId, ids.admin));
    try {
      expect((await renderRoute(routes, get("admin", `/t/${slug}/plan-action`))).status).toBe(404);
      const [last] = (await impersonationAudit()).slice(-1);
      expect(last?.action).toBe("impersonation.ended");
      expect(JSON.parse(last!.details!)).toEqual({ reason: "droits retirés" });
    } finally {
      await db().update(staffRoles).set({ active: true }).where(eq(staffRoles.userId, ids.admin));
    }
  });
});
