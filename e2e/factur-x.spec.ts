import { readFile } from "node:fs/promises";
import { unzipSync } from "fflate";
import { extractFacturXml, validateAgainstXsd, xmlText } from "./fixtures/factur-x-1.07.3/index";
import { loginAs } from "./fixtures/login";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";

/*
 * Acceptance (Chorus Pro-ready invoices): the owner of Villeurbanne enrols on invoice, declaring
 * that the structure requires a service code and an engagement number; the Factur-X downloaded
 * from "Facturation" validates against the official EN 16931 XSD and carries both (BT-10, BT-13).
 * Then AFNOR sales see the invoice in /admin/factures and export the period's ZIP: one valid
 * Factur-X per invoice listed. Every page is scanned with axe.
 *
 * When the whole suite runs, enrolment-invoice.spec.ts has already enrolled Villeurbanne with the
 * same references (and the same declarations): the journey then starts from "Facturation".
 */

const SERVICE_CODE = "DIR-FIN-01";
const ENGAGEMENT = "EJ-2027-000123";
const VILLEURBANNE_SIRET = "21690266800013";

async function downloadBytes(page: Page, click: () => Promise<void>) {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: new Uint8Array(await readFile(path)) };
}

test("Villeurbanne's Factur-X carries the funnel's service code and engagement number; sales export the period", async ({ page, browser }) => {
  await loginAs(page, "qualite@villeurbanne.example");
  await page.goto("/t/villeurbanne/inscription");
  await expect(page.getByRole("heading", { level: 1, name: "Inscription à l'édition 2027" })).toBeVisible();

  const submit = page.getByRole("button", { name: "M'inscrire et recevoir la facture" });
  if (await submit.isVisible()) {
    await page.getByLabel("Nom du contact facturation").fill("Direction des finances");
    await page.getByLabel("E-mail du contact facturation").fill("finances@villeurbanne.example");
    await page.getByLabel("Adresse de facturation").fill("Hôtel de ville, place Lazare Goujon, 69100 Villeurbanne");
    await page.getByLabel(/Payer sur facture/).check();
    // The buyer declares what its Chorus Pro structure requires: the service code becomes required.
    await page.getByLabel("Notre structure exige un numéro d'engagement sur ses factures (Chorus Pro)").check();
    await page.getByLabel("Notre structure exige un code service sur ses factures (Chorus Pro)").check();
    await expect(page.getByLabel("Code service Chorus Pro", { exact: true })).toBeVisible();
    await page.getByLabel("Numéro d'engagement juridique").fill(ENGAGEMENT);
    await page.getByLabel(/J'accepte les conditions générales de vente/).check();
    await submit.click();
    await expect(page.getByText("Votre structure exige un code service sur Chorus Pro : indiquez-le, il figurera sur la facture.")).toBeVisible();

    await page.getByLabel("Code service Chorus Pro", { exact: true }).fill(SERVICE_CODE);
    await submit.click();
    await expect(page.getByRole("heading", { level: 1, name: "Facturation" })).toBeVisible();
  } else {
    await page.goto("/t/villeurbanne/facturation");
  }

  // The tenant's Factur-X, from the billing page.
  const invoices = page.getByRole("table", { name: /Factures/ });
  await expect(invoices).toContainText(ENGAGEMENT);
  const link = invoices.getByRole("link", { name: /Télécharger la facture Factur-X \(PDF\)/ });
  await expect(link).toHaveCount(1);
  const invoice = await downloadBytes(page, () => link.click());
  expect(invoice.name).toMatch(/^facture-.+\.pdf$/);
  expect(Buffer.from(invoice.bytes.subarray(0, 5)).toString()).toBe("%PDF-");
  const xml = await extractFacturXml(invoice.bytes);
  const validation = await validateAgainstXsd(xml);
  expect(validation.valid, validation.output).toBe(true);
  const text = Buffer.from(xml).toString("utf8");
  expect(xmlText(text, "BuyerReference")).toBe(SERVICE_CODE);
  expect(text).toMatch(new RegExp(`<ram:BuyerOrderReferencedDocument>\\s*<ram:IssuerAssignedID>${ENGAGEMENT}</ram:IssuerAssignedID>`));
  expect(text).toMatch(new RegExp(`<ram:BuyerTradeParty>[\\s\\S]*<ram:ID schemeID="0002">${VILLEURBANNE_SIRET}</ram:ID>[\\s\\S]*</ram:BuyerTradeParty>`));
  expect(xmlText(text, "GrandTotalAmount")).toBe("4188.00");
  const number = /<rsm:ExchangedDocument>\s*<ram:ID>([^<]+)<\/ram:ID>/.exec(text)?.[1];
  expect(number).toBeTruthy();

  // AFNOR sales: the period's invoices (this month by default) and the ZIP for a batch deposit.
  const salesContext = await browser.newContext();
  const sales = await salesContext.newPage();
  await loginAs(sales, "ventes@afnor.example");
  await sales.goto("/admin");
  await sales.getByRole("navigation", { name: "Back-office" }).getByRole("link", { name: "Factures" }).click();
  await expect(sales.getByRole("heading", { level: 1, name: "Factures" })).toBeVisible();
  const list = sales.getByRole("table", { name: /Factures émises/ });
  const row = list.getByRole("row").filter({ hasText: number! });
  await expect(row).toContainText("Ville de Villeurbanne");
  await expect(row).toContainText(`Exigé · fourni : ${SERVICE_CODE}`);
  await expect(row).toContainText(`Exigé · fourni : ${ENGAGEMENT}`);
  // A cancelled invoice is listed but never put in the batch.
  const listed = await list.locator("tbody tr").filter({ hasNotText: "Annulée" }).count();

  const zip = await downloadBytes(sales, () => sales.getByRole("link", { name: "Exporter la période (ZIP Factur-X)" }).click());
  expect(zip.name).toMatch(/^factures-factur-x-\d{4}-\d{2}-\d{2}-au-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = unzipSync(zip.bytes);
  const pdfs = Object.keys(files).filter((name) => name.endsWith(".pdf"));
  expect(Object.keys(files)).toContain("index.csv");
  expect(pdfs).toHaveLength(listed);
  expect(pdfs).toContain(`facture-${number}.pdf`);
  for (const name of pdfs) {
    const result = await validateAgainstXsd(await extractFacturXml(files[name]!));
    expect(result.valid, `${name}: ${result.output}`).toBe(true);
  }
  await salesContext.close();
});
