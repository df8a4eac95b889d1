import { and, eq } from "drizzle-orm";
import type { RouteObject } from "react-router-dom";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { auditLog, staffRoles, tenants } from "../../../db/schema";
import { makeTenant, makeUser, requestWithSession } from "../../../db/testing/factories";
import { renderRoute, routeResponse } from "../../../db/testing/routes";
import { useTestDatabase } from "../../../db/testing/test-database";
import * as directoryRoute from "../../routes/admin._index";
import { createSession } from "../auth/session.server";
import { directoryFilterParams, parseDirectoryFilters, searchCodes } from "./directory-filters";
import { listAllTenants, listTenantDepartements } from "./directory.server";
import { completeSiret } from "./siret";

/*
 * The back-office directory of structures: search by name, SIRET, INSEE code and département (code
 * or name), the département and category filters, and who may correct a category (admins only).
 */

useTestDatabase();

const origin = "http://localhost:3000";
const tokens = { admin: "", sales: "" };
const ids = { lyon: "", ajaccio: "" };

const routes = [
  { id: "directory", path: "/admin", loader: directoryRoute.loader, action: directoryRoute.action, Component: directoryRoute.default },
] as unknown as RouteObject[];

beforeAll(async () => {
  const lyon = await makeTenant({
    name: "Ville de Lyon",
    slug: "lyon",
    kind: "commune",
    category: "commune_plus_50000",
    siret: completeSiret("216901231"),
    territoryCode: "69123",
    departementCode: "69",
    departementName: "Rhône",
    regionName: "Auvergne-Rhône-Alpes",
  });
  const ajaccio = await makeTenant({
    name: "Mairie d'Ajaccio",
    slug: "ajaccio",
    kind: "commune",
    category: "commune_plus_50000",
    siret: completeSiret("212000046"),
    territoryCode: "2A004",
    departementCode: "2A",
    departementName: "Corse-du-Sud",
    regionName: "Corse",
  });
  await makeTenant({
    name: "Bourg-en-Bresse",
    slug: "bourg-en-bresse",
    siret: completeSiret("210100533"),
    territoryCode: "01053",
    departementCode: "01",
    departementName: "Ain",
    regionName: "Auvergne-Rhône-Alpes",
  });
  // Its SIRET starts with 69 but it is in Isère: "69" means the département, not a SIRET prefix.
  await makeTenant({
    name: "CCAS de Vienne",
    slug: "ccas-vienne",
    kind: "service_social",
    category: "social_sante",
    siret: completeSiret("690001234"),
    departementCode: "38",
    departementName: "Isère",
  });
  await makeTenant({ name: "Régie 100%_Rhône", slug: "regie-rhone", category: "developpement_attractivite", siret: completeSiret("200046977") });
  ids.lyon = lyon.id;
  ids.ajaccio = ajaccio.id;
  for (const role of ["admin", "sales"] as const) {
    const user = await makeUser({ email: `${role}-annuaire@afnor.example` });
    await db().insert(staffRoles).values({ userId: user.id, role });
    tokens[role] = (await createSession(user.id, { userAgent: null, ipAddress: null })).token;
  }
});

const names = async (filters: Parameters<typeof listAllTenants>[0]) => (await listAllTenants(filters)).rows.map((r) => r.name);

describe("searching the structures", () => {
  it("finds a commune by its INSEE code, Corsican ones included, case ignored", async () => {
    expect(await names({ query: "69123" })).toEqual(["Ville de Lyon"]);
    expect(await names({ query: "2a004" })).toEqual(["Mairie d'Ajaccio"]);
    expect(await names({ query: "01053" })).toEqual(["Bourg-en-Bresse"]);
  });

  it("finds the structures of a département by its code or a part of its name, accents ignored", async () => {
    expect(await names({ query: "69" })).toEqual(["Ville de Lyon"]);
    expect(await names({ query: "2A" })).toEqual(["Mairie d'Ajaccio"]);
    expect(await names({ query: "01" })).toEqual(["Bourg-en-Bresse"]);
    expect(await names({ query: "rhone" })).toEqual(["Régie 100%_Rhône", "Ville de Lyon"]);
    expect(await names({ query: "Corse-du-Sud" })).toEqual(["Mairie d'Ajaccio"]);
    expect(await names({ query: "isère" })).toEqual(["CCAS de Vienne"]);
  });

  it("finds a structure by its SIRET or SIREN, spaces ignored, from 4 digits on", async () => {
    expect(await names({ query: "216 901 231" })).toEqual(["Ville de Lyon"]);
    expect(await names({ query: completeSiret("212000046") })).toEqual(["Mairie d'Ajaccio"]);
    expect(await names({ query: "6900" })).toEqual(["CCAS de Vienne"]);
  });

  it("searches LIKE wildcards literally", async () => {
    expect(await names({ query: "%" })).toEqual(["Régie 100%_Rhône"]);
    expect(await names({ query: "_" })).toEqual(["Régie 100%_Rhône"]);
    expect(await names({ query: "100%_r" })).toEqual(["Régie 100%_Rhône"]);
    expect(await names({ query: "v_lle" })).toEqual([]);
  });

  it("narrows by département and by category, with or without a text", async () => {
    expect(await names({ departement: "69" })).toEqual(["Ville de Lyon"]);
    expect(await names({ category: "commune_plus_50000" })).toEqual(["Mairie d'Ajaccio", "Ville de Lyon"]);
    expect(await names({ query: "rhône", category: "commune_plus_50000" })).toEqual(["Ville de Lyon"]);
    expect(await names({ query: "ajaccio", departement: "69" })).toEqual([]);
    expect((await listAllTenants({ departement: "2A" })).total).toBe(1);
  });

  it("lists the départements that have structures, in code order, for the filter", async () => {
    expect(await listTenantDepartements()).toEqual([
      { code: "01", name: "Ain" },
      { code: "2A", name: "Corse-du-Sud" },
      { code: "38", name: "Isère" },
      { code: "69", name: "Rhône" },
    ]);
  });
});

describe("the directory's filters in the URL", () => {
  it("reads the page's parameters, ignoring wrong values", () => {
    expect(parseDirectoryFilters(new URLSearchParams("q=+Lyon+&departement=2a&categorie=region&page=2"))).toEqual({
      filters: { query: "Lyon", departement: "2A", category: "region" },
      page: 2,
    });
    expect(parseDirectoryFilters(new URLSearchParams("departement=Rhône&categorie=inconnue&page=-1"))).toEqual({
      filters: { query: "", departement: undefined, category: undefined },
      page: 1,
    });
    expect(String(directoryFilterParams({ query: "Lyon", departement: "69", category: "region" }, 3))).toBe("q=Lyon&departement=69&categorie=region&page=3");
    expect(String(directoryFilterParams({ query: "" }))).toBe("");
  });

  it("tells which codes a text may be", () => {
    expect(searchCodes("1")).toEqual({ departement: "01", territory: null, siretPrefix: null });
    expect(searchCodes("69")).toEqual({ departement: "69", territory: null, siretPrefix: null });
    expect(searchCodes("2b033")).toEqual({ departement: null, territory: "2B033", siretPrefix: null });
    expect(searchCodes("69 123")).toEqual({ departement: null, territory: "69123", siretPrefix: "69123" });
    expect(searchCodes("Lyon")).toEqual({ departement: null, territory: null, siretPrefix: null });
  });
});

describe("the structures page", () => {
  const get = (who: keyof typeof tokens, search = "") => requestWithSession(tokens[who], `${origin}/admin${search}`);
  const post = (who: keyof typeof tokens, fields: Record<string, string>) => {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    return new Request(`${origin}/admin`, { method: "POST", body, headers: { Cookie: `ec_session=${tokens[who]}` } });
  };
  const categoryOf = async (id: string) => (await db().select({ category: tenants.category }).from(tenants).where(eq(tenants.id, id)))[0]?.category;

  it("filters by département, keeps the filters in the CSV link, and shows sales the category without a form", async () => {
    const sales = await renderRoute(routes, get("sales", "?departement=2A"));
    expect(sales.status).toBe(200);
    expect(sales.html).toContain("Mairie d&#x27;Ajaccio");
    expect(sales.html).not.toContain("Ville de Lyon</a>");
    expect(sales.html).toContain('href="/admin/structures.csv?departement=2A"');
    expect(sales.html).toContain("<td>Mairies de plus de 50 000 habitants</td>");
    expect(sales.html).not.toContain('name="category"');

    const admin = await renderRoute(routes, get("admin", "?q=69123"));
    expect(admin.html).toContain("Ville de Lyon");
    expect(admin.html).toContain('name="category"');
  });

  it("refuses a category change from sales (403, nothing changed) and records an admin's", async () => {
    const refused = await routeResponse(routes, post("sales", { intent: "set-category", tenantId: ids.ajaccio, category: "commune_20000_49999" }));
    expect(refused.status).toBe(403);
    expect(await categoryOf(ids.ajaccio)).toBe("commune_plus_50000");
    expect(await db().select().from(auditLog).where(and(eq(auditLog.targetId, ids.ajaccio), eq(auditLog.action, "tenant.category_changed")))).toEqual([]);

    const done = await renderRoute(routes, post("admin", { intent: "set-category", tenantId: ids.ajaccio, category: "commune_20000_49999" }));
    expect(done.status).toBe(200);
    expect(done.html).toContain("Catégorie enregistrée : Mairies de 20 000 à 49 999 habitants.");
    expect(await categoryOf(ids.ajaccio)).toBe("commune_20000_49999");
    const entries = await db().select().from(auditLog).where(and(eq(auditLog.targetId, ids.ajaccio), eq(auditLog.action, "tenant.category_changed")));
    expect(entries).toHaveLength(1);
    expect(entries[0]!.tenantId).toBe(ids.ajaccio);
    expect(JSON.parse(entries[0]!.details ?? "{}")).toEqual({ from: "commune_plus_50000", to: "commune_20000_49999" });

    // Back as it was, for the other tests.
    await renderRoute(routes, post("admin", { intent: "set-category", tenantId: ids.ajaccio, category: "commune_plus_50000" }));
  });

  it("rejects an unknown category with a French message and changes nothing", async () => {
    const refused = await renderRoute(routes, post("admin", { intent: "set-category", tenantId: ids.lyon, category: "capitale" }));
    expect(refused.html).toContain("Choisissez une catégorie du baromètre.");
    expect(await categoryOf(ids.lyon)).toBe("commune_plus_50000");
  });
});
