import { demoAccounts } from "./fixtures/accounts";
import { loginAs, sameOriginHeaders } from "./fixtures/login";
import { expect, test } from "./fixtures/test";

/*
 * "Voir comme" (acceptance 4 of the back-office): an admin opens Villeurbanne's space read-only
 * from its structure page, with a banner on every page; any POST is refused; the consultation is
 * logged when it starts and when it ends; sales have no such button.
 */
test("un administrateur consulte l'espace de Villeurbanne en lecture seule, puis termine", async ({ page }) => {
  await loginAs(page, demoAccounts.admin);
  await page.goto("/admin/structures/villeurbanne");
  await page.getByRole("button", { name: /Voir comme cette structure/ }).click();
  await expect(page).toHaveURL("/t/villeurbanne");
  const banner = page.getByRole("region", { name: "Mode « voir comme »" });
  await expect(banner).toContainText(/Vous consultez l’espace de Ville de Villeurbanne en lecture seule, jusqu’à \d\d:\d\d/);

  await page.goto("/t/villeurbanne/resultats");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(banner).toBeVisible();
  await page.goto("/t/villeurbanne/plan-action");
  await expect(page.getByRole("button", { name: "Ajouter l'action" })).toHaveCount(0);
  await expect((await page.request.get("/t/lambersart")).status()).toBe(404);

  // Any write is refused, whatever the route.
  const forged = await page.request.post("/t/villeurbanne/plan-action", { form: { intent: "create", title: "Action forgée" }, headers: sameOriginHeaders(), maxRedirects: 0 });
  expect(forged.status()).toBe(403);
  expect(await forged.text()).toContain("lecture seule");
  const account = await page.request.post("/compte", { form: { intent: "digest" }, headers: sameOriginHeaders(), maxRedirects: 0 });
  expect(account.status()).toBe(403);

  await banner.getByRole("button", { name: "Terminer" }).click();
  await expect(page).toHaveURL("/admin/structures/villeurbanne");
  await expect(page.getByRole("region", { name: "Mode « voir comme »" })).toHaveCount(0);
  expect((await page.request.get("/t/villeurbanne")).status()).toBe(404);

  await page.goto("/admin/journal?action=impersonation.started");
  await expect(page.getByRole("table")).toContainText("impersonation.started");
  await page.goto("/admin/journal?action=impersonation.ended");
  await expect(page.getByRole("table")).toContainText("impersonation.ended");
});

test("les ventes n'ont pas de « voir comme »", async ({ page }) => {
  await loginAs(page, demoAccounts.sales);
  await page.goto("/admin/structures/villeurbanne");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: /Voir comme/ })).toHaveCount(0);
  const forged = await page.request.post("/admin/structures/villeurbanne/voir-comme", { headers: sameOriginHeaders(), maxRedirects: 0 });
  expect(forged.status()).toBe(403);
});
