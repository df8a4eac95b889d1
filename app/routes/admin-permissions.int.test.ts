import { readdirSync } from "node:fs";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { RouteObject } from "react-router-dom";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { audits, invoices, laureates, leads, practices, tenants, users } from "../../db/schema";
import { demoStaff, demoTenants, seed } from "../../db/seed/index";
import { seedDemoLeads } from "../../db/seed/leads";
import { seedLaureates } from "../../db/seed/laureates";
import { requestWithSession } from "../../db/testing/factories";
import { routeResponse } from "../../db/testing/routes";
import { useTestDatabase } from "../../db/testing/test-database";
import { createSession } from "../modules/auth/session.server";

/*
 * The back-office's permission matrix, for every admin route file found on disk: anonymous →
 * login, a structure's owner → 404 (the back-office is not advertised), and each staff role →
 * what `expectedAccess` says. A new admin route fails this test until it is added to the table.
 */

type Outcome = 200 | 403 | "redirect";
type Access = { admin: Outcome; sales: Outcome; auditor: Outcome; search?: string };

const all: Access = { admin: 200, sales: 200, auditor: 200 };
const adminSales: Access = { admin: 200, sales: 200, auditor: 403 };
const adminAuditor: Access = { admin: 200, sales: 403, auditor: 200 };
const adminOnly: Access = { admin: 200, sales: 403, auditor: 403 };

/** The intended role map (mirrors the sections of admin.tsx); one row per route file. */
const expectedAccess: Record<string, Access> = {
  // The layout: an auditor's back-office home is their audits.
  "admin.tsx": { admin: 200, sales: 200, auditor: "redirect" },
  "admin._index.tsx": adminSales,
  "admin.structures[.csv].tsx": adminSales,
  "admin.inscriptions.tsx": adminSales,
  "admin.inscriptions[.csv].tsx": { ...adminSales, search: "?annee=2027" },
  "admin.editions._index.tsx": adminSales,
  "admin.editions[.csv].tsx": adminSales,
  "admin.editions.nouvelle.tsx": adminOnly,
  "admin.editions.$annee.tsx": adminOnly,
  "admin.referentiel._index.tsx": all,
  "admin.referentiel[.csv].tsx": all,
  "admin.referentiel.$annee.tsx": all,
  "admin.referentiel.$annee[.csv].tsx": all,
  "admin.audits._index.tsx": adminAuditor,
  "admin.audits[.csv].tsx": adminAuditor,
  "admin.audits.$id.tsx": adminAuditor,
  "admin.audits.import.tsx": adminAuditor,
  "admin.publication.tsx": adminSales,
  "admin.publication[.csv].tsx": adminSales,
  // Invoices of a period as Factur-X: the list, one invoice, the ZIP for a Chorus Pro batch.
  "admin.factures.tsx": adminSales,
  "admin.factures_.$id.factur-x[.pdf].tsx": adminSales,
  "admin.factures[.zip].tsx": adminSales,
  "admin.impayes.tsx": adminSales,
  "admin.impayes[.csv].tsx": adminSales,
  "admin.tableau-de-bord.tsx": adminSales,
  "admin.tableau-de-bord[.csv].tsx": adminSales,
  "admin.bonnes-pratiques._index.tsx": adminOnly,
  "admin.bonnes-pratiques[.csv].tsx": adminOnly,
  "admin.bonnes-pratiques.nouvelle.tsx": adminOnly,
  "admin.bonnes-pratiques.$id.tsx": adminOnly,
  "admin.equipe.tsx": adminOnly,
  "admin.equipe[.csv].tsx": adminOnly,
  "admin.journal.tsx": adminOnly,
  "admin.journal[.csv].tsx": adminOnly,
  "admin.structures.$slug.tsx": adminSales,
  // The offer catalogue: sales read it, only admins change it (actions are admin-only).
  "admin.offres._index.tsx": adminSales,
  "admin.offres.$code.tsx": adminSales,
  "admin.offres[.csv].tsx": adminSales,
  "admin.prospects._index.tsx": adminSales,
  "admin.prospects[.csv].tsx": adminSales,
  "admin.prospects.$id.tsx": adminSales,
  // Editions' key figures: sales read them, only admins write (actions are admin-only).
  "admin.chiffres-cles._index.tsx": adminSales,
  "admin.chiffres-cles.$annee.tsx": adminSales,
  // POST-only (starts "voir comme"); a GET is sent back to the structure's page, admins only.
  "admin.structures_.$slug.voir-comme.tsx": { admin: "redirect", sales: 403, auditor: 403 },
  // Laureates' showcase: sales read the list and entries, only admins write (actions are admin-only).
  "admin.laureats._index.tsx": adminSales,
  "admin.laureats.nouveau.tsx": adminOnly,
  "admin.laureats.$id.tsx": adminSales,
};

const routesDir = new URL(".", import.meta.url).pathname;
const routeFiles = readdirSync(routesDir)
  .filter((file) => /^admin[.\w$[\]-]*\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
  .sort();

/** Remix flat-route file name → URL pattern: "admin.referentiel.$annee[.csv].tsx" → "/admin/referentiel/:annee.csv". */
function pathOf(file: string) {
  const segments = file
    .replace(/\.tsx?$/, "")
    .replace(/\[\.(\w+)\]/g, "\u0000$1")
    .split(".")
    .filter((segment) => segment !== "_index");
  // A trailing "_" only escapes the parent layout: "structures_" is "/structures".
  return `/${segments.map((s) => (s.startsWith("$") ? `:${s.slice(1)}` : s).replace("\u0000", ".").replace(/_$/, "")).join("/")}`;
}

useTestDatabase();

type Who = "anonymous" | "owner" | "admin" | "sales" | "auditor";
const tokens: Partial<Record<Who, string>> = {};
const params: Record<string, string> = {};

async function tokenOf(email: string) {
  const [user] = await db().select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
  if (!user) throw new Error(`no demo user ${email}`);
  return (await createSession(user.id, { userAgent: null, ipAddress: null })).token;
}

beforeAll(async () => {
  await seed(db());
  for (const staff of demoStaff) tokens[staff.role] = await tokenOf(staff.email);
  tokens.owner = await tokenOf(demoTenants[0].members[0].email);
  const [auditor] = await db().select({ id: users.id }).from(users).where(eq(users.email, "auditeur@afnor.example"));
  const [audit] = await db()
    .select({ id: audits.id })
    .from(audits)
    .where(and(eq(audits.auditorUserId, auditor!.id)))
    .limit(1);
  const [practice] = await db().select({ id: practices.id }).from(practices).limit(1);
  if (!audit || !practice) throw new Error("the demo seed has no audit of the demo auditor or no practice");
  params["admin.audits.$id.tsx"] = audit.id;
  params["admin.bonnes-pratiques.$id.tsx"] = practice.id;
  params["admin.offres.$code.tsx"] = "diagnostic-interne";
  // The demo leads (idempotent, whether or not seed() already made them).
  await seedDemoLeads(db());
  const [lead] = await db().select({ id: leads.id }).from(leads).limit(1);
  params["admin.prospects.$id.tsx"] = lead!.id;
  // The laureates (idempotent, whether or not seed() already made them).
  await seedLaureates(db());
  const [laureate] = await db().select({ id: laureates.id }).from(laureates).limit(1);
  params["admin.laureats.$id.tsx"] = laureate!.id;
  // A finalised invoice of the demo (the seeded unpaid one).
  const [invoice] = await db().select({ id: invoices.id }).from(invoices).where(isNotNull(invoices.number)).limit(1);
  if (!invoice) throw new Error("the demo seed has no finalised invoice");
  params["admin.factures_.$id.factur-x[.pdf].tsx"] = invoice.id;
}, 180_000);

/** A real demo value for each URL parameter. */
function urlOf(file: string) {
  const path = pathOf(file).replace(/:(\w+)/g, (_, name: string) => {
    if (name === "annee") return "2027";
    if (name === "slug") return demoTenants[0].slug;
    const value = params[file];
    if (!value) throw new Error(`no demo value for :${name} in ${file}: add one in admin-permissions.int.test.ts`);
    return value;
  });
  return `http://localhost:3000${path}${expectedAccess[file]?.search ?? ""}`;
}

async function outcomeOf(file: string, who: Who) {
  const module = (await import(`./${file.replace(/\.tsx?$/, "")}`)) as { loader?: unknown };
  const routes = [{ id: file, path: pathOf(file), loader: module.loader }] as unknown as RouteObject[];
  const url = urlOf(file);
  const request = who === "anonymous" ? new Request(url) : requestWithSession(tokens[who]!, url);
  const response = await routeResponse(routes, request);
  // A page loader returns its data (a plain object); a resource route or a guard, a Response.
  return response instanceof Response ? { status: response.status, location: response.headers.get("Location") } : { status: 200, location: null };
}

describe("admin permission matrix", () => {
  it("finds the admin route files, and every one is in the expected-access table (and only those)", () => {
    expect(routeFiles.length).toBeGreaterThan(10);
    expect(routeFiles.filter((file) => !expectedAccess[file]), "routes missing from expectedAccess").toEqual([]);
    expect(Object.keys(expectedAccess).filter((file) => !routeFiles.includes(file)), "rows of routes that no longer exist").toEqual([]);
  });

  for (const file of routeFiles) {
    it(`${file}: anonymous → login, owner → 404, staff → as the role map says`, async () => {
      const access = expectedAccess[file];
      if (!access) throw new Error(`${file} is missing from expectedAccess`);
      const anonymous = await outcomeOf(file, "anonymous");
      expect(anonymous.status, "anonymous").toBe(302);
      expect(anonymous.location, "anonymous").toMatch(/^\/connexion\?redirectTo=%2Fadmin/);
      expect((await outcomeOf(file, "owner")).status, "tenant owner").toBe(404);
      for (const role of ["admin", "sales", "auditor"] as const) {
        const { status, location } = await outcomeOf(file, role);
        const actual: Outcome | number = status === 302 && location ? "redirect" : status;
        expect(actual, `${role} on ${urlOf(file)}`).toBe(access[role]);
      }
    });
  }
});

describe("deleting a structure from its back-office page (POST)", () => {
  it("answers 403 to sales, a French refusal to an admin who mistypes the name, and deletes nothing", async () => {
    const module = (await import("./admin.structures.$slug")) as { loader?: unknown; action?: unknown };
    const routes = [{ id: "structure", path: "/admin/structures/:slug", loader: module.loader, action: module.action }] as unknown as RouteObject[];
    const post = (who: "sales" | "admin", confirmName: string) => {
      const body = new FormData();
      body.set("confirmName", confirmName);
      const cookie = requestWithSession(tokens[who]!).headers.get("Cookie")!;
      return new Request("http://localhost:3000/admin/structures/villeurbanne", { method: "POST", headers: { Cookie: cookie }, body });
    };
    const bySales = await routeResponse(routes, post("sales", "Ville de Villeurbanne"));
    expect(bySales instanceof Response ? bySales.status : 200).toBe(403);
    const mistyped = (await routeResponse(routes, post("admin", "Ville de Villeurbane"))) as unknown;
    expect(mistyped).toMatchObject({ ok: false, error: "Le nom recopié ne correspond pas : saisissez exactement « Ville de Villeurbanne »." });
    const [tenant] = await db().select({ deletedAt: tenants.deletedAt }).from(tenants).where(eq(tenants.slug, "villeurbanne"));
    expect(tenant!.deletedAt).toBeNull();
  });
});
