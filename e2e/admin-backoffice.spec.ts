import { demoAccounts } from "./fixtures/accounts";
import { loginAs } from "./fixtures/login";
import { expect, test } from "./fixtures/test";

/*
 * The admin's back-office tools: the team (staff roles), the audit journal and its CSV export,
 * and a structure's page reached from the list. The role change leaves the auditor as seeded.
 */
test("an admin grants then removes a role, reads it in the journal and exports it", async ({ page }) => {
  await loginAs(page, demoAccounts.admin);
  await page.goto("/admin");

  await page.getByRole("link", { name: "Équipe" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Équipe AFNOR" })).toBeVisible();
  const auditorRow = page.getByRole("row").filter({ hasText: demoAccounts.auditor });
  await auditorRow.getByRole("checkbox", { name: "Ventes" }).check();
  await auditorRow.getByRole("button", { name: `Enregistrer les rôles de ${demoAccounts.auditor}` }).click();
  await expect(page.getByRole("status")).toContainText(`Rôles de ${demoAccounts.auditor} enregistrés.`);
  await expect(page.getByRole("row").filter({ hasText: demoAccounts.auditor }).getByRole("checkbox", { name: "Ventes" })).toBeChecked();
  await page.getByRole("row").filter({ hasText: demoAccounts.auditor }).getByRole("checkbox", { name: "Ventes" }).uncheck();
  await page.getByRole("row").filter({ hasText: demoAccounts.auditor }).getByRole("button", { name: `Enregistrer les rôles de ${demoAccounts.auditor}` }).click();
  await expect(page.getByRole("status")).toContainText(`Rôles de ${demoAccounts.auditor} enregistrés.`);
  await expect(page.getByRole("row").filter({ hasText: demoAccounts.auditor }).getByRole("checkbox", { name: "Ventes" })).not.toBeChecked();

  await page.getByRole("link", { name: "Journal" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Journal d’audit" })).toBeVisible();
  await page.getByLabel("Action").selectOption("staff.role_revoked");
  await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(page).toHaveURL(/action=staff\.role_revoked/);
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows.nth(1)).toContainText("staff.role_revoked");
  await expect(rows.nth(1)).toContainText(demoAccounts.admin);
  await expect(page.getByRole("table").getByRole("cell", { name: "staff.role_granted" })).toHaveCount(0);

  const csv = await page.request.get("/admin/journal.csv?action=staff.role_revoked");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const body = await csv.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = body.toString("utf8");
  expect(text).toContain("Date;Auteur;E-mail de l'auteur;Action;Structure;Identifiant de la structure;Type de cible;Cible;Détails");
  for (const line of text.trim().split("\r\n").slice(1)) expect(line).toContain(";staff.role_revoked;");
});

test("an admin opens a structure's page from the list", async ({ page }) => {
  await loginAs(page, demoAccounts.admin);
  await page.goto("/admin");
  await page.getByLabel("Nom, identifiant, SIRET, code INSEE ou département").fill("Villeurbanne");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await page.getByRole("table").getByRole("link", { name: /Villeurbanne/ }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: /Villeurbanne/ })).toBeVisible();
  for (const caption of ["Inscriptions", "Factures", "Paiements", "Membres"]) await expect(page.getByRole("table", { name: caption })).toBeVisible();
  await expect(page.getByRole("table", { name: "Membres" })).toContainText(demoAccounts.villeurbanneOwner);
  await expect(page.getByRole("heading", { level: 2, name: "Résultats" })).toBeVisible();
});

test("sales reach a structure's page but neither the journal nor the team", async ({ page }) => {
  await loginAs(page, demoAccounts.sales);
  await page.goto("/admin");
  await expect(page.getByRole("navigation", { name: "Back-office" }).getByRole("link", { name: "Journal" })).toHaveCount(0);
  expect((await page.request.get("/admin/journal")).status()).toBe(403);
  expect((await page.request.get("/admin/equipe")).status()).toBe(403);
  expect((await page.request.get("/admin/journal.csv")).status()).toBe(403);
});
