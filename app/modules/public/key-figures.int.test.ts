import { and, eq } from "drizzle-orm";
import type { RouteObject } from "react-router-dom";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { auditLog, editionKeyFigures, editions, staffRoles } from "../../../db/schema";
import { seedEditions } from "../../../db/seed/editions";
import { seedKeyFigures } from "../../../db/seed/key-figures";
import { seedReferentials } from "../../../db/seed/referential";
import { enrolWithPhoneAudit, makeTenant, makeUser } from "../../../db/testing/factories";
import { renderRoute, routeResponse } from "../../../db/testing/routes";
import { useTestDatabase } from "../../../db/testing/test-database";
import * as adminEditRoute from "../../routes/admin.chiffres-cles.$annee";
import * as adminListRoute from "../../routes/admin.chiffres-cles._index";
import * as editionRoute from "../../routes/chiffres-cles.$annee";
import * as indexRoute from "../../routes/chiffres-cles._index";
import * as csvRoute from "../../routes/donnees.chiffres-cles[.csv]";
import * as jsonRoute from "../../routes/donnees.chiffres-cles[.json]";
import { createSession } from "../auth/session.server";
import { getBenchmark, publishEditionResults } from "../results/publication.server";
import { readCsvRows } from "../../utils/csv-read";
import { SERVER_COPY_HEADER } from "./http-cache";
import { openDataHeader, roundFigure } from "./key-figures";
import { keyFiguresFor, latestKeyFigures, listKeyFigures } from "./key-figures.server";

/*
 * The key figures as citizens, the press and staff reach them, through the routes' loaders and
 * actions: every figure of DOMAIN.md's "Published figures" in its row, the same numbers in the
 * open data, computed figures for an edition published in the portal, drafts kept private, and
 * an editor that refuses bad input without changing anything.
 */

useTestDatabase();

const origin = "http://localhost:3000";
const tokens = { admin: "", sales: "" };
let adminId = "";

const routes = [
  { id: "index", path: "/chiffres-cles", loader: indexRoute.loader, Component: indexRoute.default },
  { id: "edition", path: "/chiffres-cles/:annee", loader: editionRoute.loader, Component: editionRoute.default },
  { id: "csv", path: "/donnees/chiffres-cles.csv", loader: csvRoute.loader },
  { id: "json", path: "/donnees/chiffres-cles.json", loader: jsonRoute.loader },
  { id: "admin-list", path: "/admin/chiffres-cles", loader: adminListRoute.loader, Component: adminListRoute.default },
  { id: "admin-edit", path: "/admin/chiffres-cles/:annee", loader: adminEditRoute.loader, action: adminEditRoute.action, Component: adminEditRoute.default },
] as unknown as RouteObject[];

function request(who: keyof typeof tokens | null, path: string, body?: Record<string, string>) {
  const headers: Record<string, string> = who ? { Cookie: `ec_session=${tokens[who]}` } : {};
  if (!body) return new Request(`${origin}${path}`, { headers });
  return new Request(`${origin}${path}`, { method: "POST", body: new URLSearchParams(body), headers: { ...headers, Origin: origin } });
}

/** The text of the element whose id is given (tags removed, spaces collapsed). */
function textOf(html: string, id: string, tag = "tr") {
  const match = html.match(new RegExp(`<${tag}[^>]*id="${id}"[^>]*>([\\s\\S]*?)</${tag}>`));
  if (!match) throw new Error(`no <${tag} id="${id}"> in the page`);
  return match[1]!.replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/\s+/g, " ").replace(/ \/100/g, "/100").trim();
}

/** The cells of a <tr>, in order, as text. */
function cellsOf(html: string, id: string) {
  const match = html.match(new RegExp(`<tr[^>]*id="${id}"[^>]*>([\\s\\S]*?)</tr>`));
  if (!match) throw new Error(`no row ${id}`);
  return [...match[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => cell[1]!.replace(/<span class="visually-hidden">[^<]*<\/span>/g, "").replace(/<[^>]+>/g, "").trim());
}

const pct = (value: number) => `${value}\u202f%`;
const MINUS = "\u2212";

beforeAll(async () => {
  await seedEditions(db());
  await seedReferentials(db());
  await seedKeyFigures(db());
  await seedKeyFigures(db()); // idempotent
  const admin = await makeUser();
  adminId = admin.id;
  await db().insert(staffRoles).values({ userId: admin.id, role: "admin" });
  tokens.admin = (await createSession(admin.id, { userAgent: null, ipAddress: null })).token;
  const sales = await makeUser();
  await db().insert(staffRoles).values({ userId: sales.id, role: "sales" });
  tokens.sales = (await createSession(sales.id, { userAgent: null, ipAddress: null })).token;
});

describe("the 2020 and 2021 pages", () => {
  it("/chiffres-cles/2020 shows every published figure in its row", async () => {
    const { status, html } = await renderRoute(routes, request(null, "/chiffres-cles/2020"));
    expect(status).toBe(200);
    expect(html).toContain("8e édition");
    expect(textOf(html, "chiffre-global", "li")).toBe(`62/100 Score global national ${MINUS}6,5 points sur un an`);
    expect(textOf(html, "chiffre-participants", "li")).toBe("321 Structures participantes");
    expect(textOf(html, "chiffre-certified", "li")).toBe("69/100 Score des structures certifiées");
    expect(textOf(html, "chiffre-others", "li")).toBe("61/100 Score des autres structures");
    expect(html).toContain("Les structures certifiées obtiennent 8 points de plus que les autres.");
    expect(cellsOf(html, "canal-telephone")).toEqual(["Téléphone", "81", "—"]);
    expect(cellsOf(html, "canal-reseaux_sociaux")).toEqual(["Réseaux sociaux et avis en ligne", "72", "—"]);
    expect(cellsOf(html, "canal-courriel")).toEqual(["Courriel", "63", `${MINUS}8`]);
    expect(cellsOf(html, "canal-site")).toEqual(["Site internet", "63", `${MINUS}3`]);
    expect(cellsOf(html, "canal-courrier")).toEqual(["Courrier postal", "50", `${MINUS}6`]);
    // Best first: phone, social networks, e-mail, website, letter.
    const order = ["canal-telephone", "canal-reseaux_sociaux", "canal-courriel", "canal-site", "canal-courrier"].map((id) => html.indexOf(`id="${id}"`));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(html).not.toContain("canal-accueil_physique");
    expect(html).toContain('href="/chiffres-cles/2019"');
    expect(html).toContain('href="/chiffres-cles/2021"');
    expect(html).toContain('href="/laureats/2020"');
  });

  it("/chiffres-cles/2021 shows its score, change, participation and facts", async () => {
    const { status, html } = await renderRoute(routes, request(null, "/chiffres-cles/2021"));
    expect(status).toBe(200);
    expect(textOf(html, "chiffre-global", "li")).toBe("67/100 Score global national +5 points sur un an");
    expect(textOf(html, "chiffre-participants", "li")).toBe("349 Structures participantes");
    expect(html).toContain(`${pct(74)} des structures évaluées disposent d'une page Facebook.`.replace(/'/g, "&#x27;"));
    expect(html).toContain(`${pct(57)} des messages privés`);
    expect(html).not.toContain("chiffre-certified");
  });

  it("2019 reads « environ 231 », 2022 and 2023 show their facts without a score", async () => {
    const index = await renderRoute(routes, request(null, "/chiffres-cles"));
    expect(index.status).toBe(200);
    expect(cellsOf(index.html, "edition-2019").slice(1, 4)).toEqual(["68,5", "—", "environ 231"]);
    expect(cellsOf(index.html, "edition-2020").slice(1, 5)).toEqual(["62", `${MINUS}6,5`, "321", "69 / 61"]);
    expect(cellsOf(index.html, "edition-2022")[1]).toBe("—");
    expect(index.html).toContain("du 7 février au 8 avril 2022");
    expect(index.html).toContain("28 secondes en 2023");
    // The trend charts and their tables: the global score skips 2022 and 2023.
    expect(index.html).toContain('id="tableau-evolution-global"');
    expect(textOf(index.html, "tableau-evolution-global", "table")).toContain("2019 68,5 2020 62 2021 67");
    expect(textOf(index.html, "tableau-evolution-global", "table")).not.toContain("2022");
    // Channels were published for 2020 only: no one-point "trend", a pointer to the edition instead.
    expect(index.html).not.toContain('id="tableau-evolution-telephone"');
    expect(index.html).toContain("Scores par canal publiés pour une seule édition : téléphone");
    const page2023 = await renderRoute(routes, request(null, "/chiffres-cles/2023"));
    expect(page2023.html).toContain("Aucun score national n&#x27;a été publié pour cette édition.");
    expect(page2023.html).toContain(`${pct(38)} dans le service public, contre ${pct(85)}`);
  });

  it("has its own title, description, OpenGraph, Twitter card, canonical link and public caching", async () => {
    const data = await editionRoute.loader({ params: { annee: "2020" }, request: request(null, "/chiffres-cles/2020"), context: {} } as never);
    const tags = editionRoute.meta({ data, params: { annee: "2020" }, matches: [], location: {} } as never) as Record<string, string>[];
    const find = (key: string, value: string) => tags.find((tag) => tag[key] === value);
    expect(tags[0]?.title).toBe("Chiffres clés 2020 du Baromètre Expérience Citoyen | Baromètre Expérience Citoyen");
    expect(find("name", "description")?.content).toContain("score global national 62/100, 321 structures participantes");
    expect(find("property", "og:title")?.content).toBe("Chiffres clés 2020 du Baromètre Expérience Citoyen");
    expect(find("property", "og:type")?.content).toBe("article");
    expect(find("property", "og:url")?.content).toMatch(/\/chiffres-cles\/2020$/);
    expect(find("name", "twitter:card")?.content).toBe("summary");
    expect(find("rel", "canonical")?.href).toMatch(/^https?:\/\/.+\/chiffres-cles\/2020$/);
    const indexData = await indexRoute.loader({ params: {}, request: request(null, "/chiffres-cles"), context: {} } as never);
    const indexTags = indexRoute.meta({ data: indexData, params: {}, matches: [], location: {} } as never) as Record<string, string>[];
    expect(indexTags[0]?.title).not.toBe(tags[0]?.title);
    const declared = { "Cache-Control": "public, max-age=60, stale-while-revalidate=600", [SERVER_COPY_HEADER]: "1" };
    expect(editionRoute.headers({} as never)).toEqual(declared);
    expect(indexRoute.headers({} as never)).toEqual(declared);
  });

  it("answers 404 for a year without public figures or not a year", async () => {
    expect((await renderRoute(routes, request(null, "/chiffres-cles/2015"))).status).toBe(404);
    expect((await renderRoute(routes, request(null, "/chiffres-cles/deux-mille"))).status).toBe(404);
  });
});

describe("open data", () => {
  it("the CSV holds the same numbers, French Excel style", async () => {
    const response = await routeResponse(routes, request(null, "/donnees/chiffres-cles.csv"));
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=60, stale-while-revalidate=600");
    expect(response.headers.get("Content-Type")).toContain("text/csv");
    const bytes = new Uint8Array(await response.arrayBuffer());
    // UTF-8 byte-order mark, so French Excel opens the accents intact.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = readCsvRows(new TextDecoder().decode(bytes).replace(/\r\n/g, "\n"), ";");
    if (!parsed.ok) throw new Error(parsed.error);
    const [header, ...lines] = parsed.rows.map((row) => row.cells);
    expect(header).toEqual(openDataHeader);
    const cell = (year: number, column: string) => lines.find((line) => line[0] === String(year))![openDataHeader.indexOf(column)];
    expect(cell(2019, "Score global")).toBe("68,5");
    expect(cell(2019, "Participants")).toBe("231");
    expect(cell(2019, "Participants approximatif")).toBe("oui");
    expect(cell(2020, "Édition")).toBe("8e édition");
    expect(cell(2020, "Score global")).toBe("62");
    expect(cell(2020, "Évolution")).toBe("-6,5");
    expect(cell(2020, "Participants")).toBe("321");
    expect(cell(2020, "Score certifiés")).toBe("69");
    expect(cell(2020, "Score autres")).toBe("61");
    expect(cell(2020, "Score Téléphone")).toBe("81");
    expect(cell(2020, "Score Réseaux sociaux et avis en ligne")).toBe("72");
    expect(cell(2020, "Score Courriel")).toBe("63");
    expect(cell(2020, "Évolution Courriel")).toBe("-8");
    expect(cell(2020, "Score Site internet")).toBe("63");
    expect(cell(2020, "Évolution Site internet")).toBe("-3");
    expect(cell(2020, "Score Courrier postal")).toBe("50");
    expect(cell(2020, "Évolution Courrier postal")).toBe("-6");
    expect(cell(2021, "Score global")).toBe("67");
    expect(cell(2021, "Évolution")).toBe("5");
    expect(cell(2021, "Participants")).toBe("349");
    expect(cell(2021, "Faits")).toBe(`${pct(74)} des structures évaluées disposent d'une page Facebook. | ${pct(57)} des messages privés adressés à ces pages Facebook restent sans réponse.`);
    expect(cell(2022, "Score global")).toBe("");
  });

  it("the JSON holds the same numbers with dot decimals, the licence and the source", async () => {
    const response = await routeResponse(routes, request(null, "/donnees/chiffres-cles.json"));
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=60, stale-while-revalidate=600");
    const text = await response.text();
    expect(text).toContain('"score_global":68.5');
    const document = JSON.parse(text);
    expect(document.licence).toBe("Licence Ouverte 2.0");
    expect(document.source).toContain("AFNOR");
    expect(document.mis_a_jour).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const byYear = (year: number) => document.editions.find((e: { annee: number }) => e.annee === year);
    expect(byYear(2019)).toMatchObject({ score_global: 68.5, participants: 231, participants_approximatif: true });
    expect(byYear(2020)).toMatchObject({ edition: "8e édition", score_global: 62, evolution: -6.5, participants: 321, score_certifies: 69, score_autres: 61 });
    expect(byYear(2020).canaux).toMatchObject({
      telephone: { score: 81, evolution: null },
      reseaux_sociaux: { score: 72, evolution: null },
      courriel: { score: 63, evolution: -8 },
      site: { score: 63, evolution: -3 },
      courrier: { score: 50, evolution: -6 },
      accueil_physique: { score: null, evolution: null },
    });
    expect(byYear(2021)).toMatchObject({ score_global: 67, evolution: 5, participants: 349 });
    expect(byYear(2023).score_global).toBeNull();
    expect(byYear(2023).faits).toHaveLength(5);
  });
});

describe("an edition published in the portal without editorial row", () => {
  beforeAll(async () => {
    // Six structures in 2027, five of them certified: the "others" group is too small to show.
    for (const [index, certified] of [true, true, true, true, true, false].entries()) {
      const tenant = await makeTenant({ category: "commune_20000_49999", certifications: certified ? ["Qualivilles"] : [] });
      await enrolWithPhoneAudit(tenant, 2027, 3 + index);
    }
    // A draft row of 2026 (no results): never public.
    await db().insert(editionKeyFigures).values({ year: 2026, globalScore: 55, facts: ["Brouillon secret."], published: false });
  });

  it("is absent before publication, then shows figures computed from the benchmarks", async () => {
    expect((await renderRoute(routes, request(null, "/chiffres-cles/2027"))).status).toBe(404);
    const outcome = await publishEditionResults(adminId, 2027);
    expect(outcome).toMatchObject({ ok: true, structures: 6 });
    const [edition2027] = (await listKeyFigures()).filter((e) => e.year === 2027);
    const editionId = (await editionIdOf(2027))!;
    const national = await getBenchmark(db(), { editionId, version: 1, groupType: "national", groupKey: "national", measure: "global" });
    const certified = await getBenchmark(db(), { editionId, version: 1, groupType: "certified", groupKey: "certifiees", measure: "global" });
    const phone = await getBenchmark(db(), { editionId, version: 1, groupType: "national", groupKey: "national", measure: "channel:telephone" });
    expect(edition2027).toMatchObject({
      source: "computed",
      participants: 6,
      globalScore: roundFigure(national!.mean),
      certifiedScore: roundFigure(certified!.mean),
      othersScore: null,
      // 2026 has no public figures: no change to compute.
      globalDelta: null,
    });
    expect(edition2027!.channels).toEqual([{ code: "telephone", label: "Téléphone", score: roundFigure(phone!.mean), delta: null }]);
    const { status, html } = await renderRoute(routes, request(null, "/chiffres-cles/2027"));
    expect(status).toBe(200);
    expect(cellsOf(html, "canal-telephone")[1]).toBe(new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 }).format(roundFigure(phone!.mean)));
    expect(textOf(html, "chiffre-participants", "li")).toBe("6 Structures participantes");
    expect(html).toContain("Chiffres calculés à partir des résultats publiés");
    expect((await latestKeyFigures())?.year).toBe(2027);
    // The open data follows.
    const json = await (await routeResponse(routes, request(null, "/donnees/chiffres-cles.json"))).json();
    expect(json.editions.at(-1)).toMatchObject({ annee: 2027, origine: "calcul", participants: 6, score_global: roundFigure(national!.mean) });
  });

  it("keeps a draft row private: no page, no line in the list or the open data", async () => {
    expect((await renderRoute(routes, request(null, "/chiffres-cles/2026"))).status).toBe(404);
    expect(await keyFiguresFor(2026)).toBeNull();
    const index = await renderRoute(routes, request(null, "/chiffres-cles"));
    expect(index.html).not.toContain("Brouillon secret");
    const csv = await (await routeResponse(routes, request(null, "/donnees/chiffres-cles.csv"))).text();
    expect(csv).not.toContain("Brouillon secret");
    expect(csv).not.toMatch(/\r\n2026;/);
  });

  it("a draft row does not hide the computed figures; a published one replaces them entirely", async () => {
    await db().insert(editionKeyFigures).values({ year: 2027, facts: ["Un fait de 2027."], published: false });
    expect((await keyFiguresFor(2027))?.source).toBe("computed");
    await db().update(editionKeyFigures).set({ published: true }).where(eq(editionKeyFigures.year, 2027));
    const figures = await keyFiguresFor(2027);
    expect(figures).toMatchObject({ source: "editorial", globalScore: null, participants: null, channels: [], facts: ["Un fait de 2027."] });
    await db().delete(editionKeyFigures).where(eq(editionKeyFigures.year, 2027));
  });
});

async function editionIdOf(year: number) {
  const [row] = await db().select({ id: editions.id }).from(editions).where(eq(editions.year, year));
  return row?.id;
}

describe("the back-office editor", () => {
  const storedRow = async (year: number) => (await db().select().from(editionKeyFigures).where(eq(editionKeyFigures.year, year)))[0];
  const filled2020 = {
    editionLabel: "8e édition",
    globalScore: "62",
    globalDelta: "-6,5",
    participants: "321",
    certifiedScore: "69",
    othersScore: "61",
    "score-telephone": "81",
    "score-reseaux_sociaux": "72",
    "score-courriel": "63",
    "evolution-courriel": "-8",
    "score-site": "63",
    "evolution-site": "-3",
    "score-courrier": "50",
    "evolution-courrier": "-6",
    facts: "Un fait.",
  };

  it("lists every edition with its status, for sales too", async () => {
    const { status, html } = await renderRoute(routes, request("sales", "/admin/chiffres-cles"));
    expect(status).toBe(200);
    expect(html).toContain("Publiés");
    expect(html).toContain("Brouillon");
    expect(html).toContain("Consulter");
    const form = await renderRoute(routes, request("sales", "/admin/chiffres-cles/2020"));
    expect(form.html).toContain("Consultation seule");
    expect(form.html).toContain('value="62"');
    expect(form.html).toContain('value="-6,5"');
    expect(form.html).not.toContain('value="preview"');
  });

  it("refuses bad input with French messages and changes nothing", async () => {
    const before = await storedRow(2020);
    const auditsBefore = await db().select().from(auditLog).where(eq(auditLog.targetType, "edition_key_figures"));
    const { status, html } = await renderRoute(
      routes,
      request("admin", "/admin/chiffres-cles/2020", { ...filled2020, intent: "publish", globalScore: "101", certifiedScore: "69,55", participants: "beaucoup", "evolution-telephone": "+2", "score-telephone": "" }),
    );
    expect(status).toBe(200);
    expect(html).toContain("Corrigez les champs signalés : rien n&#x27;a été enregistré.");
    expect(html).toContain("Score global : le score doit être compris entre 0 et 100.");
    expect(html).toContain("Score des structures certifiées : saisissez un score sur 100 avec au plus une décimale");
    expect(html).toContain("Participants : saisissez un nombre entier");
    expect(html).toContain("Évolution Téléphone : indiquez aussi le score du canal.");
    expect(html).toContain('value="beaucoup"');
    expect(await storedRow(2020)).toEqual(before);
    expect(await db().select().from(auditLog).where(eq(auditLog.targetType, "edition_key_figures"))).toHaveLength(auditsBefore.length);
    // Sales read, never write.
    expect((await renderRoute(routes, request("sales", "/admin/chiffres-cles/2020", { ...filled2020, intent: "save" }))).status).toBe(403);
    expect(await storedRow(2020)).toEqual(before);
  });

  it("previews unsaved values as the public page shows them, without saving", async () => {
    const before = await storedRow(2020);
    const { status, html } = await renderRoute(routes, request("admin", "/admin/chiffres-cles/2020", { ...filled2020, globalScore: "62,5", intent: "preview" }));
    expect(status).toBe(200);
    expect(html).toContain("Aperçu de la page publique (non enregistré)");
    expect(textOf(html, "chiffre-global", "li")).toBe(`62,5/100 Score global national ${MINUS}6,5 points sur un an`);
    expect(await storedRow(2020)).toEqual(before);
  });

  it("saves a draft, publishes, unpublishes, each in the journal", async () => {
    const save = await renderRoute(routes, request("admin", "/admin/chiffres-cles/2030", { ...filled2020, globalScore: "70,5", facts: "Premier fait.\nSecond fait.", intent: "save" }));
    expect(save.status).toBe(302);
    expect(await storedRow(2030)).toMatchObject({ globalScore: 70.5, globalDelta: -6.5, published: false, facts: ["Premier fait.", "Second fait."], updatedBy: adminId });
    expect((await renderRoute(routes, request(null, "/chiffres-cles/2030"))).status).toBe(404);
    await renderRoute(routes, request("admin", "/admin/chiffres-cles/2030", { ...filled2020, globalScore: "70,5", intent: "publish" }));
    expect((await storedRow(2030))?.published).toBe(true);
    const page = await renderRoute(routes, request(null, "/chiffres-cles/2030"));
    expect(page.status).toBe(200);
    expect(textOf(page.html, "chiffre-global", "li")).toContain("70,5/100");
    await renderRoute(routes, request("admin", "/admin/chiffres-cles/2030", { intent: "unpublish" }));
    expect((await storedRow(2030))?.published).toBe(false);
    expect((await renderRoute(routes, request(null, "/chiffres-cles/2030"))).status).toBe(404);
    const journal = await db()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.targetType, "edition_key_figures"), eq(auditLog.targetId, "2030")))
      .orderBy(auditLog.createdAt);
    expect(journal.map((entry) => entry.action)).toEqual(["key_figures.saved", "key_figures.published", "key_figures.unpublished"]);
  });
});
