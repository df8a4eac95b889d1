import type { RouteObject } from "react-router-dom";
import { describe, expect, it, beforeAll } from "vitest";
import { db } from "../../../db/client";
import { editionKeyFigures, laureates, practices } from "../../../db/schema";
import { renderRoute } from "../../../db/testing/routes";
import { useTestDatabase } from "../../../db/testing/test-database";
import * as homeRoute from "../../routes/_index";
import { practiceOfTheWeek } from "./home.server";
import { PUBLIC_PAGE_CACHE_CONTROL, SERVER_COPY_HEADER } from "./http-cache";

/*
 * The home page reads its figures, laureates and practice from the database: the latest published
 * edition's key figures (not a draft), the latest edition's public laureates (not a draft), the
 * practice of the week (not a scheduled one), plus the structured data and the call to enrol.
 */

useTestDatabase();

const routes = [{ id: "home", path: "/", loader: homeRoute.loader, Component: homeRoute.default }] as unknown as RouteObject[];
const home = async () => renderRoute(routes, new Request("http://localhost:3000/"));
/** As a reader sees it: plain spaces, apostrophes unescaped. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ").replaceAll("&#x27;", "'");

/** A Monday of the tests: 2026-11-23 at 10:00 Paris. */
const MONDAY = new Date("2026-11-23T09:00:00Z");
const days = (n: number) => new Date(MONDAY.getTime() + n * 86_400_000);

async function practice(number: number, publishAt: Date, title = `Pratique ${number}`) {
  await db()
    .insert(practices)
    .values({ number, slug: `pratique-${number}`, title, summary: `Résumé de la pratique ${number}.`, body: "Corps.", publishAt });
}

describe("an empty portal", () => {
  it("still renders a home page with the call to enrol", async () => {
    const { status, html } = await home();
    expect(status).toBe(200);
    expect(html).toContain("<h1");
    expect(html).toContain("Les chiffres de la prochaine édition seront publiés ici.");
    expect(html).toContain("Les lauréats de la prochaine édition seront annoncés ici.");
    expect(html).toMatch(/<a[^>]+href="\/barometre"[^>]*>Inscrire ma structure au baromètre<\/a>/);
  });
});

describe("with published data", () => {
  beforeAll(async () => {
    await db()
      .insert(editionKeyFigures)
      .values([
        { year: 2020, editionLabel: "8e édition", globalScore: 62, globalDelta: -6.5, participants: 321, certifiedScore: 69, published: true },
        {
          year: 2021,
          editionLabel: "9e édition",
          globalScore: 67,
          globalDelta: 5,
          participants: 349,
          channels: { telephone: { score: 81, delta: null }, email: { score: 63, delta: null } },
          published: true,
        },
        // A draft of a later edition: never on the public pages.
        { year: 2022, globalScore: 99, participants: 999, published: false },
      ]);
    const published = new Date("2021-12-10T10:00:00Z");
    await db()
      .insert(laureates)
      .values([
        { year: 2020, category: "commune_plus_50000", name: "Villeurbanne", slug: "villeurbanne", summary: "Démarche qualité numérique.", story: "Récit.", publishedAt: published },
        { year: 2021, category: "commune_plus_50000", name: "Limoges", slug: "limoges", summary: "Accueil.", story: "Récit.", position: 1, publishedAt: published },
        {
          year: 2021,
          category: "commune_moins_20000",
          mention: "participation_citoyenne",
          name: "La Madeleine",
          slug: "la-madeleine",
          summary: "Accueil.",
          story: "Récit.",
          position: 3,
          publishedAt: published,
        },
        { year: 2021, category: "departement", name: "Brouillon secret", slug: "brouillon", summary: "Non publié.", story: "Récit.", position: 5, publishedAt: null },
      ]);
    const now = new Date();
    await practice(1, new Date(now.getTime() - 14 * 86_400_000), "Faire de l'accueil un projet de toute la structure");
    await practice(2, new Date(now.getTime() - 60_000), "Évaluer en continu plutôt qu'une fois par an");
    await practice(3, new Date(now.getTime() + 7 * 86_400_000), "Pratique programmée");
  });

  it("shows the latest published key figures, the latest laureates and the week's practice, with their links", async () => {
    const { status, html } = await home();
    expect(status).toBe(200);
    const text = plain(html);

    expect(text).toContain("Les chiffres clés de l'édition 2021");
    expect(text).toMatch(/67<span class="kpi-unit" aria-hidden="true">\/100<\/span><span class="visually-hidden"> sur 100<\/span>/);
    expect(text).toContain("Score global national, en hausse de 5 points sur un an");
    expect(text).toMatch(/349<\/span><span class="kpi-label">Structures participantes/);
    expect(text).toContain("Meilleur canal : ");
    expect(html).toContain('href="/chiffres-cles/2021"');
    expect(html).toContain('href="/chiffres-cles"');
    expect(text).not.toContain("999");

    expect(text).toContain("Les lauréats 2021");
    expect(html).toMatch(/<a[^>]+href="\/laureats\/2021\/limoges"[^>]*>Limoges<\/a>/);
    expect(html).toMatch(/<a[^>]+href="\/laureats\/2021\/la-madeleine"[^>]*>La Madeleine<\/a>/);
    expect(text).toMatch(/La Madeleine<\/a> — [^<]+, [^<]*participation citoyenne/i);
    expect(text).not.toContain("Villeurbanne");
    expect(text).not.toContain("Brouillon secret");
    expect(html).toContain('href="/laureats"');

    expect(text).toContain("Bonne pratique n° 2");
    expect(text).toMatch(/<a[^>]+href="\/bonnes-pratiques\/2-pratique-2"[^>]*>Évaluer en continu plutôt qu'une fois par an<\/a>/);
    expect(text).not.toContain("Pratique programmée");

    expect(html).toMatch(/<a[^>]+href="\/barometre"[^>]*>Inscrire ma structure au baromètre<\/a>/);
    expect(text).toMatch(/<a[^>]+href="\/barometre"[^>]*>Découvrir le baromètre et s'inscrire<\/a>/);
  });

  it("describes the organisation and the site as structured data, with `<` escaped", async () => {
    const { html } = await home();
    const block = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)?.[1];
    expect(block).toBeDefined();
    expect(block).not.toContain("<");
    const data = JSON.parse(block!) as { "@graph": { "@type": string; name: string; url: string }[] };
    expect(data["@graph"].map((node) => node["@type"])).toEqual(["Organization", "WebSite"]);
    expect(data["@graph"][1]!.url).toMatch(/^https?:\/\/[^/]+\/$/);
  });

  it("declares one minute of public caching and its own title, description, cards and canonical link", () => {
    // Built from the database: the server also keeps its rendered copy for anonymous visitors.
    expect(homeRoute.headers({} as never)).toEqual({ "Cache-Control": PUBLIC_PAGE_CACHE_CONTROL, [SERVER_COPY_HEADER]: "1" });
    const meta = homeRoute.meta({ data: { origin: "https://barometre.example" } } as never) as Record<string, string>[];
    expect(meta.find((m) => m.title)?.title).toBe("L'accueil des services publics, mesuré chaque année | Baromètre Expérience Citoyen");
    expect(meta.find((m) => m.name === "description")?.content).toMatch(/^Depuis 2012/);
    expect(meta.find((m) => m.property === "og:url")?.content).toBe("https://barometre.example/");
    expect(meta.find((m) => m.name === "twitter:card")?.content).toBe("summary");
    expect(meta.find((m) => m.rel === "canonical")?.href).toBe("https://barometre.example/");
  });
});

describe("practiceOfTheWeek", () => {
  it("is the practice published since Monday, else the latest one, never a scheduled one", async () => {
    await practice(10, days(-7));
    await practice(11, days(0));
    await practice(12, days(7));
    expect(await practiceOfTheWeek(days(1))).toMatchObject({ number: 11, thisWeek: true, path: "/bonnes-pratiques/11-pratique-11" });
    // The next Monday before 09:00 nothing new is out yet: the latest published one, labelled as such.
    const beforeNine = new Date(days(7).getTime() - 60 * 60_000);
    expect(await practiceOfTheWeek(beforeNine)).toMatchObject({ number: 11, thisWeek: false });
  });
});
