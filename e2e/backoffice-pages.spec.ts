import { demoAccounts } from "./fixtures/accounts";
import { loginAs } from "./fixtures/login";
import { expect, test } from "./fixtures/test";

/*
 * The back-office editors and the structure's showcase consent, visited so axe scans each of them
 * (fixtures/test.ts): a lead's page, the offer catalogue and one offer, the key-figures editor,
 * an earlier edition's dashboard, and the owner's "Vitrine des lauréats".
 */
test("les pages d'édition du back-office et la vitrine d'une structure sont accessibles", async ({ page, browser }) => {
  await loginAs(page, demoAccounts.admin);
  await page.goto("/admin/prospects?vue=tableau");
  await page.getByRole("table").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/admin\/prospects\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto("/admin/offres");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto("/admin/offres/formation-accueil-telephonique");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Accueil téléphonique");
  await page.goto("/admin/chiffres-cles");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto("/admin/chiffres-cles/2020");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto("/admin/tableau-de-bord?annee=2023");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("2023");

  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await loginAs(owner, demoAccounts.villeurbanneOwner);
  await owner.goto("/t/villeurbanne");
  await owner.getByRole("navigation", { name: "Espace de Ville de Villeurbanne" }).getByRole("link", { name: "Vitrine des lauréats" }).click();
  await expect(owner).toHaveURL("/t/villeurbanne/vitrine");
  await expect(owner.getByRole("heading", { level: 1 })).toBeVisible();
  await ownerContext.close();
});
