import iconv from "iconv-lite";
import { demoAccounts } from "./fixtures/accounts";
import { loginAs } from "./fixtures/login";
import { expect, test } from "./fixtures/test";

/*
 * Bulk import of audit answers in the back-office. Writes nothing: a file with one bad line is
 * refused whole (the error names the line), the corrected file is only simulated (Pagny-sur-Moselle
 * is enrolled in 2027 in the demo data; its audits belong to the audit entry journey), and a
 * structure that is not enrolled in the chosen edition is named. So it depends on no other journey.
 */

const header = "structure;numero_audit;canal;date;code_item;valeur;commentaire";
const csv = (lines: string[]) => ({ name: "audits-juin.csv", mimeType: "text/csv", buffer: iconv.encode([header, ...lines].join("\r\n"), "win1252") });

test("l'administratrice importe un fichier d'audits : erreur par ligne, simulation, structure non inscrite", async ({ page }) => {
  await loginAs(page, demoAccounts.admin);
  await page.goto("/admin/audits/import");
  await expect(page.getByRole("heading", { level: 1, name: "Importer des réponses d'audit" })).toBeVisible();
  await expect(page.getByLabel("Édition")).toHaveValue("2027");

  // One bad value on line 3: the whole file is refused, and the message names line and column.
  await page
    .getByLabel("Fichier CSV (20 Mo au plus)")
    .setInputFiles(
      csv([
        "pagny-sur-moselle;11;Réseaux sociaux et avis en ligne;12/06/2027;RS-ACC-01;oui;Réponse à un message privé en moins d'une heure, très appréciée",
        "pagny-sur-moselle;11;Réseaux sociaux et avis en ligne;12/06/2027;RS-ACC-02;peut-être;",
      ]),
    );
  await page.getByRole("button", { name: "Importer" }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Fichier « audits-juin.csv » refusé : 1 erreur, rien n'a été importé");
  await expect(alert).toContainText("ligne 3, colonne valeur : « peut-être » n'est pas une réponse valable pour RS-ACC-02 : oui, non ou na.");

  // The corrected file, simulated: a summary of what would change, nothing written.
  await page
    .getByLabel("Fichier CSV (20 Mo au plus)")
    .setInputFiles(
      csv([
        "pagny-sur-moselle;11;Réseaux sociaux et avis en ligne;12/06/2027;RS-ACC-01;oui;Réponse à un message privé en moins d'une heure, très appréciée",
        "pagny-sur-moselle;11;Réseaux sociaux et avis en ligne;12/06/2027;RS-ACC-02;non;",
      ]),
    );
  await page.getByLabel("Simulation (aucune écriture)").check();
  await page.getByRole("button", { name: "Importer" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Simulation terminée" })).toContainText(
    "Simulation terminée pour « audits-juin.csv » : aucune donnée n'a été enregistrée.",
  );
  const summary = page.getByRole("table", { name: "Ce que l'import changerait" });
  await expect(summary.getByRole("row", { name: "Lignes lues" })).toContainText("2");
  await expect(summary.getByRole("row", { name: "Structures" })).toContainText("1");

  // A structure that is not enrolled in the chosen edition (2019) is named, once.
  await page.getByLabel("Édition").selectOption("2019");
  await page
    .getByLabel("Fichier CSV (20 Mo au plus)")
    .setInputFiles(csv(["pagny-sur-moselle;1;Téléphone;14/05/2019;TEL-ACC-01;oui;", "pagny-sur-moselle;1;Téléphone;14/05/2019;TEL-ACC-02;non;"]));
  await page.getByRole("button", { name: "Importer" }).click();
  await expect(page.getByRole("alert")).toContainText("ligne 2, colonne structure : « pagny-sur-moselle » n'est pas inscrite à l'édition 2019 (2 lignes concernées).");

  // Not a CSV file.
  await page.getByLabel("Fichier CSV (20 Mo au plus)").setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47]) });
  await page.getByRole("button", { name: "Importer" }).click();
  await expect(page.getByRole("alert")).toContainText("« photo.png » n'est pas un fichier CSV");
});

test("l'auditrice a accès à l'import, pas le commercial", async ({ page, browser }) => {
  await loginAs(page, demoAccounts.auditor);
  const auditor = await page.goto("/admin/audits/import");
  expect(auditor?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Importer des réponses d'audit" })).toBeVisible();

  const salesContext = await browser.newContext();
  const sales = await salesContext.newPage();
  await loginAs(sales, demoAccounts.sales);
  const refused = await sales.goto("/admin/audits/import");
  expect(refused?.status()).toBe(403);
  await salesContext.close();
});
