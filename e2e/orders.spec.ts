import { PDFParse } from "pdf-parse";
import type { Locator, Page } from "@playwright/test";
import { demoAccounts } from "./fixtures/accounts";
import { loginAs } from "./fixtures/login";
import { latestEmailTo } from "./fixtures/mailbox";
import { expect, test } from "./fixtures/test";

const spaces = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

/** The number in the first data cell of the row whose header is `label`. */
async function countIn(table: Locator, label: RegExp) {
  const row = table.getByRole("row").filter({ has: table.page().getByRole("rowheader", { name: label }) });
  return Number(spaces(await row.getByRole("cell").first().innerText()).replace(/\s/g, ""));
}

async function dashboardFigures(page: Page) {
  await page.goto("/admin/tableau-de-bord");
  const orders = page.getByRole("table", { name: "Commandes d'offres par statut" });
  const leads = page.getByRole("table", { name: "Prospects par statut" });
  return { ordered: await countIn(orders, /^Commandées/), won: await countIn(leads, /^Gagné$/), fresh: await countIn(leads, /^Nouveau$/) };
}

/*
 * Acceptance 1 of the back-office: the owner of Lambersart reads its recommendation and orders a
 * training seat on invoice; sales find the new lead and the order on the dashboard, move the
 * lead to "gagné", and the dashboard's figures move with it. Every page is scanned by axe.
 */
test("Lambersart commande une place de formation sur facture, les ventes gagnent le prospect", async ({ page, browser }) => {
  const salesContext = await browser.newContext();
  const sales = await salesContext.newPage();
  await loginAs(sales, demoAccounts.sales);
  const before = await dashboardFigures(sales);

  await loginAs(page, demoAccounts.lambersartOwner);
  await page.goto("/t/lambersart/offres");
  await expect(page.getByRole("region", { name: "Votre prochaine étape" })).toContainText("/100");
  await page.getByRole("link", { name: /^Commander ou demander un devis : Formation « Accueil téléphonique/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Accueil téléphonique/ })).toBeVisible();
  const lyon = page.getByLabel(/— Lyon \(5 places restantes\)/);
  await lyon.check();

  // The quote of these options: a real PDF priced on the server (690 € HT + 20 % = 828 € TTC).
  const sessionId = await lyon.getAttribute("value");
  const quote = await page.request.get(`/t/lambersart/offres/formation-accueil-telephonique/devis.pdf?sessionId=${sessionId}&trainees=1`);
  expect(quote.headers()["content-type"]).toBe("application/pdf");
  const parser = new PDFParse({ data: new Uint8Array(await quote.body()) });
  const text = spaces((await parser.getText()).text);
  await parser.destroy();
  expect(text).toContain("Devis");
  expect(text).toContain("Ville de Lambersart");
  expect(text).toContain("828,00 €");

  await page.getByLabel("Nom du contact facturation").fill("Service des finances");
  await page.getByLabel("E-mail du contact facturation").fill("finances@lambersart.example");
  await page.getByLabel("Adresse de facturation").fill("Hôtel de ville, 1 place de la Mairie, 59130 Lambersart");
  await page.getByLabel("Numéro d'engagement juridique").fill("EJ-2026-0815");
  await page.getByLabel(/J'accepte les conditions générales de vente des offres/).check();
  await page.getByRole("button", { name: "Commander et recevoir la facture" }).click();

  await expect(page).toHaveURL(/\/t\/lambersart\/offres\?commande=CMD-\d{4}-[0-9A-F]{6}#commandes$/);
  const reference = new URL(page.url()).searchParams.get("commande")!;
  await expect(page.getByText(`Commande ${reference} enregistrée`)).toBeVisible();
  const orders = page.getByRole("table", { name: /Demandes de devis et commandes/ });
  await expect(orders.getByRole("row").filter({ hasText: reference })).toContainText("Commandée (facture émise)");
  const invoice = await latestEmailTo(page, "finances@lambersart.example", /Facture/);
  expect(invoice.text).toContain("EJ-2026-0815");

  // Sales: the order on the dashboard, the new lead on the board.
  const afterOrder = await dashboardFigures(sales);
  expect(afterOrder.ordered).toBe(before.ordered + 1);
  expect(afterOrder.fresh).toBe(before.fresh + 1);
  await sales.goto("/admin/prospects");
  const title = new RegExp(`Commande — .*\\(${reference}\\)`);
  await sales.getByLabel(new RegExp(`Statut de « Commande — .*${reference}`)).selectOption({ label: "Gagné" });
  await sales.getByRole("button", { name: title }).click();
  await expect(sales.getByText("Prospect passé au statut « Gagné ».")).toBeVisible();

  const afterWin = await dashboardFigures(sales);
  expect(afterWin.won).toBe(before.won + 1);
  expect(afterWin.fresh).toBe(before.fresh);
  await salesContext.close();
});
