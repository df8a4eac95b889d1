import { demoAccounts } from "./fixtures/accounts";
import { loginAs } from "./fixtures/login";
import { expect, test } from "./fixtures/test";

/*
 * The offer ladder: the owner of Lambersart opens "Offres" from the portal's navigation, reads
 * its next step with the figures that justify it, and finds a training with its sessions in the
 * catalogue. Every page is checked by axe (fixtures/test.ts).
 */
test("le responsable qualité de Lambersart lit sa prochaine étape et le catalogue", async ({ page }) => {
  await loginAs(page, demoAccounts.lambersartOwner);
  await page.goto("/t/lambersart");
  await page.getByRole("navigation", { name: "Espace de Ville de Lambersart" }).getByRole("link", { name: "Offres" }).click();
  await expect(page).toHaveURL("/t/lambersart/offres");
  await expect(page.getByRole("heading", { level: 1, name: "Offres" })).toBeVisible();

  const next = page.getByRole("region", { name: "Votre prochaine étape" });
  await expect(next).toBeVisible();
  await expect(next.locator('[aria-current="step"]')).toHaveCount(1);
  await expect(next.getByText("/100")).toBeVisible();

  const trainings = page.getByRole("region", { name: "Formations" });
  await expect(trainings.getByRole("heading", { level: 3, name: /Accueil téléphonique/ })).toBeVisible();
  const sessions = trainings.getByRole("table", { name: "Prochaines sessions" }).first();
  await expect(sessions.getByRole("row")).not.toHaveCount(1);
  await expect(trainings.getByText("1 place restante")).toBeVisible();
  await expect(page.getByRole("region", { name: "Certifications et labels" }).getByText("Sur devis").first()).toBeVisible();
});
