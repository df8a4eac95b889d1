import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";

/** Presses Tab until the focused element is the link named `name`, then follows it with Enter. */
async function followWithKeyboard(page: Page, name: string | RegExp) {
  for (let presses = 0; presses < 150; presses++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el && el.tagName === "A" ? (el.getAttribute("aria-label") ?? el.innerText).replace(/\s+/g, " ").trim() : null;
    });
    if (focused !== null && (typeof name === "string" ? focused === name : name.test(focused))) {
      await page.keyboard.press("Enter");
      return;
    }
  }
  throw new Error(`lien « ${name} » introuvable au clavier`);
}

const spaces = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

/*
 * Acceptance 1 of the public pages, keyboard only: a citizen goes from the home page to the key
 * figures, to 2020 (channel table as published), to the 2020 laureates, to Villeurbanne's story
 * and its related good practice. Every page is scanned by axe (fixtures/test.ts).
 */
test("un citoyen, au clavier seul, va des chiffres clés 2020 au récit de Villeurbanne et à sa bonne pratique", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await followWithKeyboard(page, "Chiffres clés");
  await expect(page).toHaveURL("/chiffres-cles");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("chiffres clés");

  await followWithKeyboard(page, "2020");
  await expect(page).toHaveURL("/chiffres-cles/2020");
  const channels = page.getByRole("table", { name: /par canal de contact en 2020/ });
  const score = async (label: RegExp) => spaces(await channels.getByRole("row").filter({ has: page.getByRole("rowheader", { name: label }) }).getByRole("cell").first().innerText());
  expect(await score(/Téléphone/)).toBe("81");
  expect(await score(/Réseaux sociaux/)).toBe("72");
  expect(await score(/Courriel/)).toBe("63");
  expect(await score(/Site internet/)).toBe("63");
  expect(await score(/Courrier/)).toBe("50");
  await expect(page.locator("#chiffre-certified")).toContainText("69");

  await followWithKeyboard(page, "Les lauréats 2020");
  await expect(page).toHaveURL("/laureats/2020");
  await followWithKeyboard(page, /Villeurbanne/);
  await expect(page).toHaveURL("/laureats/2020/villeurbanne");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Villeurbanne");
  const related = page.getByRole("region", { name: /Bonnes pratiques liées/ }).getByRole("link").first();
  const practiceName = (await related.innerText()).trim();
  await followWithKeyboard(page, practiceName);
  await expect(page).toHaveURL(/\/bonnes-pratiques\/\d+-/);
});

test("les pages publiques se mettent en cache, les données ouvertes tiennent les chiffres publiés", async ({ page }) => {
  const first = await page.request.get("/chiffres-cles/2020");
  expect(first.headers()["cache-control"]).toMatch(/^public, max-age=60, stale-while-revalidate/);
  const etag = first.headers()["etag"];
  expect(etag).toBeTruthy();
  const again = await page.request.get("/chiffres-cles/2020", { headers: { "If-None-Match": etag! } });
  expect(again.status()).toBe(304);

  const json = await (await page.request.get("/donnees/chiffres-cles.json")).json();
  expect(JSON.stringify(json)).toContain("Licence Ouverte 2.0");
  const csv = await (await page.request.get("/donnees/chiffres-cles.csv")).text();
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toMatch(/2020;[^\n]*;62;/);
  await page.goto("/donnees");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const robots = await (await page.request.get("/robots.txt")).text();
  expect(robots).toContain("Disallow: /admin");
  expect(robots).toMatch(/Sitemap: http.*\/sitemap\.xml/);
});
