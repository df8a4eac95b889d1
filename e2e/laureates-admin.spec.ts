import { demoAccounts } from "./fixtures/accounts";
import { loginAs } from "./fixtures/login";
import { expect, test } from "./fixtures/test";

/*
 * Acceptance 3 of the public pages: staff add a laureate in the back-office (preview first,
 * nothing saved), publish it; it appears on the edition's page, on its own page and in the
 * sitemap. A structure without consent (Lambersart) can never be linked, hence never named.
 */
test("l'administration ajoute un lauréat, visible sur les pages publiques et dans le plan du site", async ({ page }) => {
  await loginAs(page, demoAccounts.admin);
  await page.goto("/admin/laureats");
  await page.getByRole("link", { name: /Ajouter un lauréat/ }).click();
  await page.getByLabel("Année de l'édition").fill("2023");
  await page.getByLabel("Catégorie", { exact: true }).selectOption({ label: "Départements" });
  await page.getByLabel("Nom", { exact: true }).fill("Département de l'Isère");
  await page.getByLabel("Lieu (facultatif)").fill("Isère");
  await page.getByLabel(/^Résumé/).fill("Une carte publique des lieux d'aide aux démarches numériques.");
  await page.getByLabel("Récit", { exact: true }).fill("Le département publie une carte des lieux où chacun peut se faire aider pour ses démarches en ligne.");
  const structures = page.getByLabel("Structure liée (facultatif)");
  await expect(structures.locator("option", { hasText: "Lambersart" })).toHaveCount(0);
  await expect(structures.locator("option", { hasText: "Villeurbanne" })).toHaveCount(1);

  await page.getByRole("button", { name: "Aperçu" }).click();
  await expect(page.getByRole("heading", { name: /Aperçu de la page/ })).toBeVisible();
  expect((await page.request.get("/laureats/2023/departement-de-l-isere")).status()).toBe(404);

  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page).toHaveURL(/\/admin\/laureats\/[0-9a-f-]{36}/);
  // A draft is not public.
  expect((await page.request.get("/laureats/2023")).ok()).toBe(true);
  await expect(async () => expect(await (await page.request.get("/laureats/2023")).text()).not.toContain("Département de l'Isère")).toPass();
  await page.getByRole("button", { name: "Publier" }).click();
  await expect(page.getByRole("button", { name: "Retirer des pages publiques" })).toBeVisible();

  await page.goto("/laureats/2023");
  await page.getByRole("link", { name: /Département de l'Isère/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Département de l'Isère/ })).toBeVisible();
  const path = new URL(page.url()).pathname;
  const sitemap = await (await page.request.get("/sitemap.xml")).text();
  expect(sitemap).toContain(path);
  expect(await (await page.request.get("/donnees/laureats.csv")).text()).toContain("Département de l'Isère");
  // Lambersart, a 2021 laureate whose structure gave no consent, is never linked to its portal space.
  expect(await (await page.request.get("/donnees/laureats.json")).text()).not.toContain("/t/lambersart");
});
