import { and, count, eq } from "drizzle-orm";
import type { RouteObject } from "react-router-dom";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { auditLog, laureates, practices, staffRoles, tenants } from "../../../db/schema";
import { seedLaureateRows, seedLaureates } from "../../../db/seed/laureates";
import { seedPracticeLibrary } from "../../../db/seed/practices";
import { addMember, makeTenant, makeUser } from "../../../db/testing/factories";
import { renderRoute, routeResponse } from "../../../db/testing/routes";
import { useTestDatabase } from "../../../db/testing/test-database";
import * as adminEditRoute from "../../routes/admin.laureats.$id";
import * as adminListRoute from "../../routes/admin.laureats._index";
import * as adminNewRoute from "../../routes/admin.laureats.nouveau";
import * as openDataPage from "../../routes/donnees._index";
import * as csvRoute from "../../routes/donnees.laureats[.csv]";
import * as jsonRoute from "../../routes/donnees.laureats[.json]";
import * as indexRoute from "../../routes/laureats._index";
import * as yearRoute from "../../routes/laureats.$annee";
import * as detailRoute from "../../routes/laureats_.$annee.$slug";
import * as sitemapRoute from "../../routes/sitemap[.xml]";
import * as vitrineRoute from "../../routes/t.$tenant.vitrine";
import { createSession } from "../auth/session.server";
import { NO_CONSENT_MESSAGE } from "./laureates-admin.server";
import { latestLaureates, laureate, laureatesOf, listLaureateYears } from "./laureates.server";

/*
 * The laureates' showcase through its loaders and actions: the public reads only published
 * entries whose linked structure (if any) consents; staff write, preview and publish; a
 * structure's owner gives or withdraws consent and its entries vanish from every public output.
 */

useTestDatabase();

const origin = "http://localhost:3000";
const tokens = { admin: "", sales: "", owner: "", member: "", lambersartOwner: "" };
const ids = { villeurbanne: "", lambersart: "", pagny: "" };

const routes = [
  { id: "index", path: "/laureats", loader: indexRoute.loader, Component: indexRoute.default },
  { id: "year", path: "/laureats/:annee", loader: yearRoute.loader, Component: yearRoute.default },
  { id: "detail", path: "/laureats/:annee/:slug", loader: detailRoute.loader, Component: detailRoute.default },
  { id: "sitemap", path: "/sitemap.xml", loader: sitemapRoute.loader },
  { id: "csv", path: "/donnees/laureats.csv", loader: csvRoute.loader },
  { id: "json", path: "/donnees/laureats.json", loader: jsonRoute.loader },
  { id: "donnees", path: "/donnees", loader: openDataPage.loader, Component: openDataPage.default },
  { id: "admin", path: "/admin/laureats", loader: adminListRoute.loader, Component: adminListRoute.default },
  { id: "admin-new", path: "/admin/laureats/nouveau", loader: adminNewRoute.loader, action: adminNewRoute.action, Component: adminNewRoute.default },
  { id: "admin-edit", path: "/admin/laureats/:id", loader: adminEditRoute.loader, action: adminEditRoute.action, Component: adminEditRoute.default },
  { id: "vitrine", path: "/t/:tenant/vitrine", loader: vitrineRoute.loader, action: vitrineRoute.action, Component: vitrineRoute.default },
] as unknown as RouteObject[];

function request(who: keyof typeof tokens | null, path: string, body?: FormData) {
  return new Request(`${origin}${path}`, { method: body ? "POST" : "GET", body, headers: who ? { Cookie: `ec_session=${tokens[who]}` } : {} });
}

async function page(path: string, who: keyof typeof tokens | null = null) {
  return renderRoute(routes, request(who, path));
}

async function text(path: string) {
  return (await routeResponse(routes, request(null, path))).text();
}

function form(values: Record<string, string | string[]>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) for (const v of [value].flat()) data.append(key, v);
  return data;
}

async function laureateCount() {
  const [row] = await db().select({ n: count() }).from(laureates);
  return row?.n ?? 0;
}

async function sessionOf(userId: string) {
  return (await createSession(userId, { userAgent: null, ipAddress: null })).token;
}

beforeAll(async () => {
  await seedPracticeLibrary(db());
  ids.villeurbanne = (await makeTenant({ slug: "villeurbanne", name: "Ville de Villeurbanne", category: "commune_plus_50000" })).id;
  ids.lambersart = (await makeTenant({ slug: "lambersart", name: "Ville de Lambersart", category: "commune_20000_49999" })).id;
  ids.pagny = (await makeTenant({ slug: "pagny-sur-moselle", name: "Commune de Pagny-sur-Moselle" })).id;
  await seedLaureates(db());
  await seedLaureates(db()); // idempotent

  for (const role of ["admin", "sales"] as const) {
    const user = await makeUser();
    await db().insert(staffRoles).values({ userId: user.id, role });
    tokens[role] = await sessionOf(user.id);
  }
  const owner = await makeUser();
  await addMember(ids.villeurbanne, owner.id, "owner");
  tokens.owner = await sessionOf(owner.id);
  const member = await makeUser();
  await addMember(ids.villeurbanne, member.id, "member");
  tokens.member = await sessionOf(member.id);
  const lambersartOwner = await makeUser();
  await addMember(ids.lambersart, lambersartOwner.id, "owner");
  tokens.lambersartOwner = await sessionOf(lambersartOwner.id);
}, 120_000);

describe("the seed", () => {
  it("publishes the 2020, 2021 and 2023 laureates once, linked to consenting demo structures only", async () => {
    expect(await laureateCount()).toBe(seedLaureateRows.length);
    expect(seedLaureateRows.filter((r) => r.year === 2020)).toHaveLength(9);
    expect(seedLaureateRows.filter((r) => r.year === 2021)).toHaveLength(7);
    const rows = await db().select().from(laureates);
    expect(rows.every((r) => r.publishedAt !== null)).toBe(true);
    const bySlug = (year: number, slug: string) => rows.find((r) => r.year === year && r.slug === slug)!;
    expect(bySlug(2020, "villeurbanne")).toMatchObject({ linkedTenantId: ids.villeurbanne, mention: "numerique", category: "commune_plus_50000" });
    expect(bySlug(2020, "villeurbanne").practiceIds.length).toBeGreaterThan(0);
    expect(bySlug(2020, "villeurbanne").story).toMatch(/\]\(\/bonnes-pratiques\/\d+-villeurbanne/);
    expect(bySlug(2020, "pagny-sur-moselle")).toMatchObject({ linkedTenantId: ids.pagny, mention: "participation_citoyenne" });
    expect(bySlug(2020, "maison-des-services-de-viverols").mention).toBe("competence_accueil");
    expect(bySlug(2021, "lambersart").linkedTenantId).toBeNull();
    expect(bySlug(2023, "cannes").practiceIds.length).toBeGreaterThan(0);
    const consents = await db().select({ slug: tenants.slug, at: tenants.showcaseConsentAt }).from(tenants);
    expect(Object.fromEntries(consents.map((t) => [t.slug, t.at !== null]))).toEqual({ villeurbanne: true, "pagny-sur-moselle": true, lambersart: false });
  });
});

describe("public reading", () => {
  it("lists editions latest first and the latest edition's laureates for the home page", async () => {
    expect((await listLaureateYears()).map((y) => y.year)).toEqual([2023, 2021, 2020]);
    const latest = await latestLaureates(5);
    expect(latest).toEqual([{ year: 2023, name: "Ville de Cannes", categoryLabel: "Mairies de plus de 50 000 habitants", mentionLabel: null, url: "/laureats/2023/cannes" }]);
  });

  it("groups an edition by category in the barometer's order", async () => {
    const edition = await laureatesOf(2020);
    expect(edition?.groups.map((g) => g.category)).toEqual([
      "commune_plus_50000",
      "commune_20000_49999",
      "commune_moins_20000",
      "intercommunalite",
      "departement",
      "region",
      "france_services",
      "developpement_attractivite",
      "social_sante",
    ]);
    expect(await laureatesOf(2019)).toBeNull();
  });

  it("never shows a draft, nor an entry linked to a structure that does not consent", async () => {
    const base = { year: 2020, category: "region", summary: "Résumé.", story: "Récit." };
    await db().insert(laureates).values([
      { ...base, name: "Brouillon caché", slug: "brouillon-cache" },
      { ...base, name: "Lié sans accord", slug: "lie-sans-accord", linkedTenantId: ids.lambersart, publishedAt: new Date() },
    ]);
    const names = (await laureatesOf(2020))!.groups.flatMap((g) => g.laureates.map((l) => l.name));
    expect(names).toHaveLength(9);
    expect(names).not.toContain("Brouillon caché");
    expect(names).not.toContain("Lié sans accord");
    expect(await laureate(2020, "brouillon-cache")).toBeNull();
    expect(await laureate(2020, "lie-sans-accord")).toBeNull();
    expect((await page("/laureats/2020/lie-sans-accord")).status).toBe(404);
    await db().delete(laureates).where(eq(laureates.slug, "lie-sans-accord"));
    await db().delete(laureates).where(eq(laureates.slug, "brouillon-cache"));
  });

  it("renders /laureats, an edition and a laureate's page, and 404s the unknown", async () => {
    const index = await page("/laureats");
    expect(index.status).toBe(200);
    expect(index.html.indexOf("Les lauréats 2023")).toBeLessThan(index.html.indexOf("Les lauréats 2021"));
    const edition = await page("/laureats/2020");
    expect(edition.status).toBe(200);
    expect(edition.html).toContain("Mention participation citoyenne");
    expect(edition.html.indexOf("Mairies de plus de 50 000 habitants")).toBeLessThan(edition.html.indexOf("Maisons France Services"));
    expect(edition.html).toContain('href="/laureats/2020/villeurbanne"');
    const detail = await page("/laureats/2020/villeurbanne");
    expect(detail.status).toBe(200);
    expect(detail.html).toContain("Mention numérique");
    expect(detail.html).toContain("Bonnes pratiques liées");
    expect(detail.html).toMatch(/href="\/bonnes-pratiques\/\d+-villeurbanne[^"]*"/);
    expect(detail.html).toContain('href="/laureats/2020"');
    for (const missing of ["/laureats/2019", "/laureats/abcd", "/laureats/2020/inconnu", "/laureats/2019/villeurbanne"]) expect((await page(missing)).status, missing).toBe(404);
  });

  it("declares its meta, cache headers and safe structured data", async () => {
    const edition = await page("/laureats/2021");
    const ld = /<script type="application\/ld\+json"[^>]*>(.*?)<\/script>/s.exec(edition.html)?.[1] ?? "";
    const itemList = JSON.parse(ld) as { "@type": string; itemListElement: { url: string }[] };
    expect(itemList["@type"]).toBe("ItemList");
    expect(itemList.itemListElement).toHaveLength(7);
    expect(ld).not.toMatch(/[<>]/);
    const data = await yearRoute.loader({ params: { annee: "2021" }, request: request(null, "/laureats/2021"), context: {} } as never);
    const meta = yearRoute.meta({ data } as never) as Record<string, string>[];
    expect(meta.find((m) => "title" in m)?.title).toBe("Les lauréats 2021 du Baromètre Expérience Citoyen | Baromètre Expérience Citoyen");
    expect(meta.find((m) => m.rel === "canonical")?.href).toMatch(/\/laureats\/2021$/);
    expect(meta.some((m) => m.property === "og:title") && meta.some((m) => m.name === "twitter:card")).toBe(true);
    expect(new Headers(yearRoute.headers({} as never)).get("Cache-Control")).toBe("public, max-age=60, stale-while-revalidate=600");
  });

  it("publishes open data with its licence, documented on /donnees", async () => {
    const csvBytes = new Uint8Array(await (await routeResponse(routes, request(null, "/donnees/laureats.csv"))).arrayBuffer());
    expect([...csvBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(csvBytes);
    expect(csv.startsWith("Année;Catégorie;Mention;Nom;Lieu;Résumé;URL\r\n")).toBe(true);
    expect(csv).toContain("2020;Mairies de plus de 50 000 habitants;Mention numérique;Ville de Villeurbanne;Villeurbanne (Rhône);");
    const json = JSON.parse(await text("/donnees/laureats.json")) as { licence: string; source: string; laureats: { nom: string; url: string }[] };
    expect(json.licence).toBe("Licence Ouverte 2.0");
    expect(json.source).toMatch(/\/laureats$/);
    expect(json.laureats).toHaveLength(seedLaureateRows.length);
    expect(json.laureats[0]).toMatchObject({ nom: "Ville de Cannes", url: expect.stringMatching(/\/laureats\/2023\/cannes$/) });
    const docs = await page("/donnees");
    expect(docs.html).toContain("/donnees/chiffres-cles.csv");
    expect(docs.html).toContain("/donnees/laureats.json");
    expect(docs.html).toContain("Licence Ouverte / Open Licence version 2.0");
    expect(docs.html).toContain("https://www.etalab.gouv.fr/licence-ouverte-open-licence/");
  });
});

describe("the back-office", () => {
  const entry = {
    year: "2023",
    category: "departement",
    mention: "numerique",
    name: "Département de l'Isère",
    slug: "",
    place: "Isère",
    summary: "Une carte des lieux d'aide au numérique.",
    story: "Le Département publie **une carte** des lieux d'aide.",
    position: "3",
  };

  it("lets sales read but not write, and refuses structure members", async () => {
    expect((await page("/admin/laureats", "sales")).status).toBe(200);
    expect((await page("/admin/laureats", "owner")).status).toBe(404);
    const refused = await routeResponse(routes, request("sales", "/admin/laureats/nouveau", form({ ...entry, intent: "save" })));
    expect(refused.status).toBe(403);
  });

  it("validates in French and previews without saving", async () => {
    const before = await laureateCount();
    const invalid = await renderRoute(routes, request("admin", "/admin/laureats/nouveau", form({ ...entry, name: "", category: "", intent: "save" })));
    expect(invalid.html).toContain("Indiquez le nom du lauréat.");
    expect(invalid.html).toContain("Choisissez la catégorie du palmarès.");
    const preview = await renderRoute(routes, request("admin", "/admin/laureats/nouveau", form({ ...entry, intent: "preview" })));
    expect(preview.html).toContain("Aperçu de la page /laureats/2023/departement-de-l-isere");
    expect(preview.html).toContain("<strong>une carte</strong>");
    expect(await laureateCount()).toBe(before);
  });

  it("refuses to link a structure without consent, and changes nothing", async () => {
    const before = await laureateCount();
    const refused = await renderRoute(routes, request("admin", "/admin/laureats/nouveau", form({ ...entry, linkedTenantId: ids.lambersart, intent: "save" })));
    expect(refused.html).toContain(NO_CONSENT_MESSAGE.replace(/'/g, "&#x27;"));
    expect(await laureateCount()).toBe(before);
    const [lambersart] = await db().select().from(laureates).where(and(eq(laureates.year, 2021), eq(laureates.slug, "lambersart")));
    const edit = await renderRoute(routes, request("admin", `/admin/laureats/${lambersart!.id}`, form({ ...entry, year: "2021", category: "commune_20000_49999", name: "Ville de Lambersart", slug: "lambersart", linkedTenantId: ids.lambersart, intent: "save" })));
    expect(edit.html).toContain(NO_CONSENT_MESSAGE.replace(/'/g, "&#x27;"));
    const [after] = await db().select().from(laureates).where(eq(laureates.id, lambersart!.id));
    expect(after).toEqual(lambersart);
    // The form offers consenting structures only.
    const blank = await page("/admin/laureats/nouveau", "admin");
    expect(blank.html).toContain(`value="${ids.villeurbanne}"`);
    expect(blank.html).not.toContain(`value="${ids.lambersart}"`);
  });

  it("adds a laureate as a draft, then publishes it: on its edition's page, its own page and the sitemap; audited", async () => {
    const [isere] = await db().select({ id: practices.id }).from(practices).where(eq(practices.sourceName, "Département de l'Isère"));
    const saved = await routeResponse(routes, request("admin", "/admin/laureats/nouveau", form({ ...entry, practiceIds: [isere!.id], intent: "save" })));
    expect(saved.status).toBe(302);
    const id = saved.headers.get("Location")!.match(/\/admin\/laureats\/([0-9a-f-]{36})/)![1]!;
    expect((await page("/laureats/2023/departement-de-l-isere")).status).toBe(404);
    const published = await renderRoute(routes, request("admin", `/admin/laureats/${id}`, form({ intent: "publish" })));
    expect(published.html).toContain("est publié sur /laureats/2023/departement-de-l-isere");
    expect((await page("/laureats/2023")).html).toContain('href="/laureats/2023/departement-de-l-isere"');
    const detail = await page("/laureats/2023/departement-de-l-isere");
    expect(detail.status).toBe(200);
    expect(detail.html).toContain("Isère : la carte des lieux d&#x27;aide au numérique");
    expect(await text("/sitemap.xml")).toContain("/laureats/2023/departement-de-l-isere</loc>");
    const actions = await db().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, id));
    expect(actions.map((a) => a.action).sort()).toEqual(["laureate.created", "laureate.published"]);
    // A second laureate cannot take the same address in the same edition.
    const duplicate = await renderRoute(routes, request("admin", "/admin/laureats/nouveau", form({ ...entry, intent: "save" })));
    expect(duplicate.html).toContain("Un autre lauréat 2023 a déjà cette adresse");
  });
});

describe("a structure's consent", () => {
  it("is the owner's decision only", async () => {
    expect((await page("/t/villeurbanne/vitrine", "member")).status).toBe(403);
    const own = await page("/t/villeurbanne/vitrine", "owner");
    expect(own.status).toBe(200);
    expect(own.html).toContain("Ville de Villeurbanne");
    expect(own.html).toContain('href="/laureats/2020/villeurbanne"');
  });

  it("withdrawn, hides the linked entry at once from pages, sitemap and open data; given again, shows it", async () => {
    const withdrawn = await renderRoute(routes, request("owner", "/t/villeurbanne/vitrine", form({ intent: "consent" })));
    expect(withdrawn.html).toContain("Votre accord est retiré");
    expect((await page("/laureats/2020/villeurbanne")).status).toBe(404);
    expect((await page("/laureats/2020")).html).not.toContain("Villeurbanne");
    expect(await text("/sitemap.xml")).not.toContain("/laureats/2020/villeurbanne");
    expect(await text("/donnees/laureats.csv")).not.toContain("Villeurbanne");
    expect(await text("/donnees/laureats.json")).not.toContain("Villeurbanne");
    // Nothing is unlinked: the entry is only hidden.
    const [row] = await db().select().from(laureates).where(and(eq(laureates.year, 2020), eq(laureates.slug, "villeurbanne")));
    expect(row!.linkedTenantId).toBe(ids.villeurbanne);
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.tenantId, ids.villeurbanne), eq(auditLog.action, "tenant.showcase_consent_withdrawn")));
    expect(audit).toBeDefined();
    // While hidden, the structure can no longer be chosen for another entry, but this entry keeps its link on save.
    expect((await page("/admin/laureats/nouveau", "admin")).html).not.toContain(`value="${ids.villeurbanne}"`);
    const kept = await renderRoute(
      routes,
      request(
        "admin",
        `/admin/laureats/${row!.id}`,
        form({ year: "2020", category: "commune_plus_50000", mention: "numerique", name: row!.name, slug: "villeurbanne", summary: row!.summary, story: row!.story, practiceIds: row!.practiceIds, linkedTenantId: ids.villeurbanne, position: "0", intent: "save" }),
      ),
    );
    expect(kept.html).toContain("mis à jour");
    expect(kept.html).toContain("accord retiré");

    const given = await renderRoute(routes, request("owner", "/t/villeurbanne/vitrine", form({ intent: "consent", consent: "oui" })));
    expect(given.html).toContain("Votre accord est enregistré");
    expect((await page("/laureats/2020/villeurbanne")).status).toBe(200);
  });

  it("refuses an unexpected value and changes nothing", async () => {
    const refused = await renderRoute(routes, request("owner", "/t/villeurbanne/vitrine", form({ intent: "consent", consent: "peut-etre" })));
    expect(refused.html).toContain("Valeur inattendue pour l&#x27;accord.");
    const [tenant] = await db().select({ at: tenants.showcaseConsentAt }).from(tenants).where(eq(tenants.id, ids.villeurbanne));
    expect(tenant!.at).not.toBeNull();
  });
});
