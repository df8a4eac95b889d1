import type { RouteObject } from "react-router-dom";
import { describe, expect, it, vi } from "vitest";
import { renderRoute } from "../../../db/testing/routes";
import * as accessibilityRoute from "../../routes/accessibilite";
import * as personalDataRoute from "../../routes/donnees-personnelles";
import * as legalRoute from "../../routes/mentions-legales";
import { accessibilityStatus } from "./accessibility";
import { PUBLIC_PAGE_CACHE_CONTROL } from "./http-cache";

/*
 * The statutory pages hold what the law asks of them (RGAA statement, legal notice, GDPR notice),
 * are cacheable, and each has its own title, description and canonical link.
 */

const pages = [
  { path: "/accessibilite", module: accessibilityRoute },
  { path: "/mentions-legales", module: legalRoute },
  { path: "/donnees-personnelles", module: personalDataRoute },
];
const routes = pages.map(({ path, module }) => ({ id: path, path, loader: module.loader, Component: module.default })) as unknown as RouteObject[];
const render = async (path: string) => {
  const { status, html } = await renderRoute(routes, new Request(`http://localhost:3000${path}`));
  expect(status).toBe(200);
  return html.replace(/[\u00a0\u202f]/g, " ").replaceAll("&#x27;", "'");
};

describe("the accessibility statement", () => {
  it("states the status the checks support, how they were made, the derogations, the contact and the remedies", async () => {
    const html = await render("/accessibilite");
    expect(accessibilityStatus).toBe("non conforme");
    expect(html).toContain("<strong>non conforme</strong>");
    expect(html).toContain("aucun audit complet du RGAA n'a encore été");
    expect(html).toMatch(/axe-core[^<]*WCAG 2\.0 et WCAG 2\.1 de niveaux A et AA/);
    expect(html).toContain("clavier seul");
    expect(html).toContain("Aucune dérogation n'est invoquée.");
    expect(html).toMatch(/<time datetime="\d{4}-\d{2}-\d{2}">\d{1,2} [a-zéû]+ \d{4}<\/time>/i);
    expect(html).toContain('href="mailto:accessibilite@barometre.example"');
    expect(html).toContain('href="https://formulaire.defenseurdesdroits.fr/"');
    expect(html).toContain("Libre réponse 71120");
  });
});

describe("the legal notice", () => {
  it("names the publisher, the director of publication and the host (still to be filled)", async () => {
    const html = await render("/mentions-legales");
    expect(html).toContain("Éditeur du portail");
    expect(html).toContain("Directeur de la publication");
    expect(html).toContain("Hébergeur : à compléter avant la mise en production.");
  });

  it("names the host the deployment configures (HOSTING_NAME, HOSTING_ADDRESS, HOSTING_PHONE)", async () => {
    vi.stubEnv("HOSTING_NAME", "OVH SAS");
    vi.stubEnv("HOSTING_ADDRESS", "2 rue Kellermann, 59100 Roubaix");
    vi.stubEnv("HOSTING_PHONE", "09 72 10 10 07");
    vi.resetModules();
    try {
      const hosted = await import("../../routes/mentions-legales");
      const { html } = await renderRoute([{ id: "mentions", path: "/mentions-legales", loader: hosted.loader, Component: hosted.default }] as unknown as RouteObject[], new Request("http://localhost:3000/mentions-legales"));
      expect(html).toContain("Le portail est hébergé par OVH SAS, 2 rue Kellermann, 59100 Roubaix.");
      expect(html).toContain('href="tel:0972101007"');
      expect(html).not.toContain("à compléter");
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});

describe("the personal-data notice", () => {
  it("gives AFNOR's role per processing, retention periods, rights, how to use them and the CNIL", async () => {
    const html = await render("/donnees-personnelles");
    expect(html).toContain("Responsable de traitement");
    expect(html).toContain("Sous-traitant de la structure");
    expect(html).toContain("Durées de conservation");
    expect(html).toContain("10 ans (obligation légale)");
    expect(html).toContain("droit à la portabilité");
    expect(html).toContain('href="mailto:dpo@barometre.example"');
    expect(html).toContain('href="https://www.cnil.fr/fr/plaintes"');
  });
});

describe("findability and caching", () => {
  it("each page is public for a minute and has its own title, description and canonical link", () => {
    const titles = new Set<string>();
    for (const { path, module } of pages) {
      expect(module.headers({} as never)).toEqual({ "Cache-Control": PUBLIC_PAGE_CACHE_CONTROL });
      const meta = module.meta({ data: { origin: "https://barometre.example" } } as never) as Record<string, string>[];
      titles.add(meta.find((m) => m.title)!.title!);
      expect(meta.find((m) => m.name === "description")?.content?.length).toBeGreaterThan(50);
      expect(meta.find((m) => m.rel === "canonical")?.href).toBe(`https://barometre.example${path}`);
      expect(meta.find((m) => m.name === "twitter:card")).toBeDefined();
    }
    expect(titles.size).toBe(pages.length);
  });
});
