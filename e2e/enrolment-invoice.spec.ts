import { PDFParse } from "pdf-parse";
import { expect, test } from "./fixtures/test";
import { loginAs } from "./fixtures/login";
import { latestEmailTo } from "./fixtures/mailbox";

const spaces = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

/*
 * Acceptance (enrolment, invoice): the owner of villeurbanne downloads a quote PDF holding the TTC
 * amount, chooses to pay on invoice with an engagement number, sees the invoice, the payment
 * provider marks it paid, and the enrolment becomes paid.
 */
test("the owner of Villeurbanne enrols and pays on invoice", async ({ page }) => {
  await loginAs(page, "qualite@villeurbanne.example");
  await page.goto("/t/villeurbanne/inscription");
  await expect(page.getByRole("heading", { level: 1, name: "Inscription à l'édition 2027" })).toBeVisible();

  // The quote: a real PDF holding the TTC amount (3 490 € HT + 20 % = 4 188 € TTC).
  const quote = await page.request.get("/t/villeurbanne/inscription/devis.pdf");
  expect(quote.status()).toBe(200);
  expect(quote.headers()["content-type"]).toBe("application/pdf");
  const parser = new PDFParse({ data: new Uint8Array(await quote.body()) });
  const text = spaces((await parser.getText()).text);
  await parser.destroy();
  expect(text).toContain("Devis");
  expect(text).toContain("Ville de Villeurbanne");
  expect(text).toContain("4 188,00 €");

  await page.getByLabel("Nom du contact facturation").fill("Direction des finances");
  await page.getByLabel("E-mail du contact facturation").fill("finances@villeurbanne.example");
  await page.getByLabel("Adresse de facturation").fill("Hôtel de ville, place Lazare Goujon, 69100 Villeurbanne");
  await page.getByLabel(/Payer sur facture/).check();
  // Without an engagement number the form explains what is missing, next to the field.
  await page.getByLabel(/J'accepte les conditions générales de vente/).check();
  await page.getByRole("button", { name: "M'inscrire et recevoir la facture" }).click();
  await expect(page.getByText(/demande le numéro d'engagement juridique/)).toBeVisible();

  await page.getByLabel("Numéro d'engagement juridique").fill("EJ-2027-000123");
  await page.getByLabel("Code service Chorus Pro (facultatif)").fill("DIR-FIN-01");
  // The structure's Chorus Pro requirements, shown to AFNOR sales with the invoice (e2e/factur-x.spec.ts).
  await page.getByLabel("Notre structure exige un numéro d'engagement sur ses factures (Chorus Pro)").check();
  await page.getByLabel("Notre structure exige un code service sur ses factures (Chorus Pro)").check();
  await page.getByRole("button", { name: "M'inscrire et recevoir la facture" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Facturation" })).toBeVisible();
  await expect(page.getByText(/La facture est émise/)).toBeVisible();
  const invoices = page.getByRole("table", { name: /Factures/ });
  await expect(invoices).toContainText("EJ-2027-000123");
  await expect(invoices).toContainText("DIR-FIN-01");
  await expect(invoices).toContainText(/4\s188,00\s€/);
  await expect(invoices).toContainText("À payer");

  const issued = await latestEmailTo(page, "finances@villeurbanne.example", /Facture/);
  expect(issued.text).toContain("EJ-2027-000123");

  // The buyer's accountant pays the invoice on the provider's page (the demo provider's hosted invoice).
  await page.goto("/t/villeurbanne/facturation");
  await invoices.getByRole("link", { name: /Voir la facture/ }).click();
  await expect(page.getByText("Prestataire de paiement de démonstration — aucun débit réel")).toBeVisible();
  await page.getByRole("button", { name: "Payer la facture" }).click();
  await expect(page.getByText(/statut : payée/)).toBeVisible();

  await expect(async () => {
    await page.goto("/t/villeurbanne/facturation");
    await expect(page.getByRole("table", { name: /Factures/ })).toContainText("Payée", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await page.goto("/t/villeurbanne");
  await expect(page.getByRole("listitem").filter({ hasText: "Paiement reçu" })).toHaveAttribute("data-state", "done");
});
