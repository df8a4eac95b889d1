import { expect, test } from "./fixtures/test";
import { loginAs } from "./fixtures/login";
import { latestEmailTo } from "./fixtures/mailbox";

/*
 * Acceptance (enrolment, card): the owner of lambersart enrols in the open 2027 edition, pays
 * through the demo checkout (the local payment provider posts a signed webhook back), sees
 * "Payé" and finds the receipt in the mailbox. Every page is scanned with axe.
 */
test("the owner of Lambersart enrols and pays by card", async ({ page }) => {
  await loginAs(page, "qualite@lambersart.example");
  await page.goto("/t/lambersart");
  await page.getByRole("link", { name: /Inscrire la structure à l'édition 2027/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Inscription à l'édition 2027" })).toBeVisible();

  // The price is the category's, computed on the server: 2 490 € HT for a town of 20 000 to 49 999.
  const amounts = page.getByRole("table", { name: "Montant de l'inscription" });
  await expect(amounts).toContainText(/2\s490,00\s€/);
  await expect(amounts).toContainText(/2\s988,00\s€/);

  await page.getByLabel("Nom du contact facturation").fill("Thomas Responsable Qualité");
  await page.getByLabel("E-mail du contact facturation").fill("qualite@lambersart.example");
  await page.getByLabel("Adresse de facturation").fill("Hôtel de ville, 19 avenue Georges Clemenceau, 59130 Lambersart");
  await page.getByLabel("Payer par carte bancaire").check();
  await page.getByLabel(/J'accepte les conditions générales de vente/).check();
  await page.getByRole("button", { name: "M'inscrire et payer par carte" }).click();

  // The demo payment page, clearly labelled.
  await expect(page.getByText("Prestataire de paiement de démonstration — aucun débit réel")).toBeVisible();
  await expect(page.getByText(/2\s988,00\s€/).first()).toBeVisible();
  await page.getByRole("button", { name: /Payer/ }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Paiement de l'inscription" })).toBeVisible();
  await expect(page.getByText(/Payé : nous avons bien reçu votre paiement de 2\s988,00\s€/)).toBeVisible({ timeout: 15_000 });

  await page.goto("/t/lambersart/facturation");
  const paymentsTable = page.getByRole("table", { name: /Paiements/ });
  await expect(paymentsTable.getByRole("row").filter({ hasText: "Carte bancaire" })).toContainText("Payé");

  const receipt = await latestEmailTo(page, "qualite@lambersart.example", /Paiement reçu/);
  expect(receipt.text).toMatch(/2\s988,00\s€/);
});
