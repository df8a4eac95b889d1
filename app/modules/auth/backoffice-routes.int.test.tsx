import { eq } from "drizzle-orm";
import type { RouteObject } from "react-router-dom";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { staffRoles, users } from "../../../db/schema";
import { addMember, makeTenant, makeUser, requestWithSession } from "../../../db/testing/factories";
import { renderRoute, routeResponse } from "../../../db/testing/routes";
import { useTestDatabase } from "../../../db/testing/test-database";
import * as teamRoute from "../../routes/admin.equipe";
import * as journalRoute from "../../routes/admin.journal";
import * as journalCsvRoute from "../../routes/admin.journal[.csv]";
import * as structureRoute from "../../routes/admin.structures.$slug";
import { setTenantCategory } from "../tenancy/directory.server";
import { createSession } from "./session.server";

/*
 * The journal, team and structure pages through their loaders and actions: who may come (admin
 * only, or admin and sales for a structure), what they show, and the CSV export.
 */

useTestDatabase();

const origin = "http://localhost:3000";
const tokens = { admin: "", sales: "", auditor: "", tenantUser: "" };
const ids = { admin: "", auditor: "" };
let tenantSlug = "";

const routes = [
  { id: "journal", path: "/admin/journal", loader: journalRoute.loader, Component: journalRoute.default },
  { id: "journal-csv", path: "/admin/journal.csv", loader: journalCsvRoute.loader },
  { id: "team", path: "/admin/equipe", loader: teamRoute.loader, action: teamRoute.action, Component: teamRoute.default },
  { id: "structure", path: "/admin/structures/:slug", loader: structureRoute.loader, Component: structureRoute.default },
] as unknown as RouteObject[];

async function sessionFor(userId: string) {
  return (await createSession(userId, { userAgent: null, ipAddress: null })).token;
}

beforeAll(async () => {
  for (const role of ["admin", "sales", "auditor"] as const) {
    const user = await makeUser({ email: `${role}-routes@afnor.example` });
    await db().insert(staffRoles).values({ userId: user.id, role });
    tokens[role] = await sessionFor(user.id);
    if (role === "admin" || role === "auditor") ids[role] = user.id;
  }
  const tenant = await makeTenant({ name: "Ville de Routeville", slug: "routeville", population: 12345, certifications: ["Marianne"] });
  tenantSlug = tenant.slug;
  const member = await makeUser({ email: "qualite@routeville.example", name: "Claire Qualité" });
  await addMember(tenant.id, member.id, "owner");
  tokens.tenantUser = await sessionFor(member.id);
  await setTenantCategory(ids.admin, tenant.id, "commune_20000_49999");
});

function get(who: keyof typeof tokens, path: string) {
  return requestWithSession(tokens[who], `${origin}${path}`);
}

function post(who: keyof typeof tokens, path: string, fields: [string, string][]) {
  const body = new FormData();
  for (const [name, value] of fields) body.append(name, value);
  return new Request(`${origin}${path}`, { method: "POST", body, headers: { Cookie: `ec_session=${tokens[who]}` } });
}

describe("who may come", () => {
  it("keeps the journal and the team to admins: 403 for sales and auditors, 404 for a structure's user", async () => {
    for (const path of ["/admin/journal", "/admin/equipe"]) {
      expect((await renderRoute(routes, get("admin", path))).status).toBe(200);
      expect((await renderRoute(routes, get("sales", path))).status).toBe(403);
      expect((await renderRoute(routes, get("auditor", path))).status).toBe(403);
      expect((await renderRoute(routes, get("tenantUser", path))).status).toBe(404);
    }
    expect((await routeResponse(routes, get("sales", "/admin/journal.csv"))).status).toBe(403);
    expect((await routeResponse(routes, get("tenantUser", "/admin/journal.csv"))).status).toBe(404);
    expect((await routeResponse(routes, post("sales", "/admin/equipe", [["intent", "set-roles"], ["userId", ids.auditor], ["roles", "admin"]]))).status).toBe(403);
    expect(await db().select().from(staffRoles).where(eq(staffRoles.userId, ids.auditor))).toHaveLength(1);
  });

  it("opens a structure's page to admin and sales only", async () => {
    expect((await renderRoute(routes, get("sales", `/admin/structures/${tenantSlug}`))).status).toBe(200);
    expect((await renderRoute(routes, get("auditor", `/admin/structures/${tenantSlug}`))).status).toBe(403);
    expect((await renderRoute(routes, get("tenantUser", `/admin/structures/${tenantSlug}`))).status).toBe(404);
    expect((await renderRoute(routes, get("admin", "/admin/structures/inconnue"))).status).toBe(404);
  });
});

describe("pages", () => {
  it("shows the journal filtered by action and exports the same rows as CSV", async () => {
    const { html } = await renderRoute(routes, get("admin", "/admin/journal?action=tenant.category_changed&structure=Routeville"));
    expect(html).toContain("Entrées du journal (1)");
    expect(html).toContain(`href="/admin/structures/${tenantSlug}"`);
    expect(html).toContain("admin-routes@afnor.example");
    const csv = await routeResponse(routes, get("admin", "/admin/journal.csv?action=tenant.category_changed&structure=Routeville&page=3"));
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith("Date;Auteur;E-mail de l'auteur;Action;Structure;")).toBe(true);
    const lines = text.trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(";tenant.category_changed;Ville de Routeville;routeville;tenant;");
  });

  it("shows a structure's identity, members and recent actions", async () => {
    const { html } = await renderRoute(routes, get("sales", `/admin/structures/${tenantSlug}`));
    expect(html).toContain("<h1>Ville de Routeville</h1>");
    expect(html).toContain("12 345".replace(" ", "\u202f"));
    expect(html).toContain("Marianne");
    expect(html).toContain("qualite@routeville.example");
    expect(html).toContain("Responsable");
    expect(html).toContain("tenant.category_changed");
    expect(html).toContain("Aucune inscription.");
  });

  it("lets an admin change roles but not drop their own admin role, and invite by e-mail", async () => {
    const own = await renderRoute(routes, post("admin", "/admin/equipe", [["intent", "set-roles"], ["userId", ids.admin], ["roles", "sales"]]));
    expect(own.html).toContain("Vous ne pouvez pas retirer votre propre rôle d’administration");
    const granted = await renderRoute(routes, post("admin", "/admin/equipe", [["intent", "set-roles"], ["userId", ids.auditor], ["roles", "auditor"], ["roles", "sales"]]));
    expect(granted.html).toContain("Rôles de auditor-routes@afnor.example enregistrés.");
    const invalid = await renderRoute(routes, post("admin", "/admin/equipe", [["intent", "invite"], ["email", "pas-une-adresse"]]));
    expect(invalid.html).toContain("Saisissez une adresse e-mail valide");
    expect(invalid.html).toContain("Cochez au moins un rôle.");
    const invited = await renderRoute(routes, post("admin", "/admin/equipe", [["intent", "invite"], ["email", "Recrue@AFNOR.example"], ["roles", "sales"]]));
    expect(invited.html).toContain("Invitation envoyée à recrue@afnor.example");
    expect(await db().select().from(users).where(eq(users.email, "recrue@afnor.example"))).toHaveLength(1);
  });
});
