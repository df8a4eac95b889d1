import type { RouteObject } from "react-router-dom";
import { describe, expect, it } from "vitest";
import { routeResponse } from "../../../db/testing/routes";
import { env } from "~/env.server";
import * as robotsRoute from "../../routes/robots[.txt]";
import { robotsTxt } from "./robots";

const routes = [{ id: "robots", path: "/robots.txt", loader: robotsRoute.loader }] as unknown as RouteObject[];

describe("robots.txt", () => {
  it("opens the public pages, closes the private spaces and points to the absolute sitemap", async () => {
    const response = await routeResponse(routes, new Request(`${env().APP_URL}/robots.txt`));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("cache-control")).toMatch(/^public/);
    const lines = (await response.text()).split("\n");
    expect(lines[0]).toBe("User-agent: *");
    expect(lines).toContain("Allow: /");
    for (const path of ["/admin", "/t/", "/compte", "/connexion", "/mon-espace", "/dev/", "/inscription"]) {
      expect(lines).toContain(`Disallow: ${path}`);
    }
    // Public pages stay open: no rule is a prefix of them.
    const disallowed = lines.filter((line) => line.startsWith("Disallow: ")).map((line) => line.slice("Disallow: ".length));
    for (const page of ["/", "/barometre", "/chiffres-cles/2021", "/laureats", "/bonnes-pratiques/3-un-titre", "/bonnes-pratiques/abonnement", "/donnees", "/accessibilite"]) {
      expect(disallowed.filter((rule) => !rule.includes("*") && page.startsWith(rule)), page).toEqual([]);
    }
    expect(lines).toContain(`Sitemap: ${env().APP_URL}/sitemap.xml`);
  });

  it("writes the sitemap address without a double slash", () => {
    expect(robotsTxt("https://barometre.example/")).toContain("Sitemap: https://barometre.example/sitemap.xml\n");
  });
});
