import { expect, test } from "./fixtures/test";
import { loginAs } from "./fixtures/login";
import { demoAccounts } from "./fixtures/accounts";

/*
 * The demo auditor enters one of Pagny-sur-Moselle's planned audits (the seed holds 9 submitted
 * audits out of 13, all assigned to her): refused while incomplete, then validated. The mayor's
 * office then sees "10 / 13 audits réalisés" and nothing else of the audits: no score, no answer.
 */
const pagny = "Commune de Pagny-sur-Moselle";

test("l'auditrice saisit et valide un audit ; la structure ne voit que l'avancement", async ({ page, browser }) => {
  await loginAs(page, demoAccounts.auditor);
  // The back-office home leads an auditor to her audits.
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/audits$/);
  await expect(page.getByRole("heading", { level: 1, name: "Audits mystères" })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Back-office" });
  await expect(nav.getByRole("link")).toHaveText(["Référentiel", "Audits"]);
  const assignments = page.getByRole("table", { name: /Audits qui vous sont affectés/ });
  await expect(assignments.getByRole("row").filter({ hasText: pagny }).filter({ hasText: "Validé" })).toHaveCount(9);

  await assignments.getByRole("link", { name: `Saisir l'audit n° 10 de ${pagny}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Audit n° 10 — ${pagny}` })).toBeVisible();
  await expect(page.getByText("Planifié", { exact: true })).toBeVisible();

  // Validating an empty audit is refused, item by item.
  await page.getByRole("button", { name: "Valider l'audit" }).click();
  await expect(page.getByRole("alert")).toContainText(/^Audit non validé : \d+ items sans réponse\. Rien n'a été enregistré\.$/);
  const firstItem = page.getByRole("group", { name: /WEB-ACC-01/ });
  await expect(firstItem).toContainText("Réponse manquante pour WEB-ACC-01 : répondez « na » si l'item est sans objet.");

  // Every item answered: yes/no, a scale, measured facts (French decimal comma), one not applicable.
  for (const yes of await page.getByRole("radio", { name: "Oui", exact: true }).all()) await yes.check();
  await firstItem.getByRole("radio", { name: "Sans objet" }).check();
  for (const scale of await page.getByRole("combobox").all()) await scale.selectOption("3");
  const measures = page.getByRole("textbox", { name: /\(en [^)]+\)$/ });
  expect(await measures.count()).toBeGreaterThan(0);
  for (const measure of await measures.all()) await measure.fill("2,5");
  await page.getByRole("textbox", { name: "Commentaire sur WEB-ACC-02 (facultatif)" }).fill("Page d'accueil lente sur mobile.");
  await page.getByRole("button", { name: "Valider l'audit" }).click();

  await expect(page.getByRole("status")).toHaveText("Audit validé. Il compte désormais dans l'avancement de la structure.");
  await expect(page.getByText("Validé", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Enregistrer la correction" })).toBeVisible();
  await page.getByRole("link", { name: "Retour aux audits" }).click();
  await expect(assignments.getByRole("row").filter({ hasText: pagny }).filter({ hasText: "Validé" })).toHaveCount(10);

  // The structure sees its progress, and nothing of the answers or scores.
  const mayorContext = await browser.newContext();
  const mayor = await mayorContext.newPage();
  await loginAs(mayor, "mairie@pagny-sur-moselle.example");
  await mayor.goto("/t/pagny-sur-moselle");
  await expect(mayor.getByText("Audits mystères : 10 / 13 audits réalisés")).toBeVisible();
  await expect(mayor.locator("main")).not.toContainText(/score|\/ ?100|WEB-ACC|Validé/i);
  await mayorContext.close();
});

test("l'administratrice affecte un audit à une auditrice", async ({ page }) => {
  await loginAs(page, demoAccounts.admin);
  await page.goto("/admin/audits");
  await expect(page.getByRole("heading", { level: 2, name: "Tous les audits de l'édition 2027" })).toBeVisible();
  const auditor = page.getByRole("combobox", { name: `Auditeur de l'audit n° 13 de ${pagny}` });
  await expect(auditor).toHaveValue(/.+/);
  await auditor.selectOption({ label: "Non affecté" });
  await page.getByRole("button", { name: `Affecter l'audit n° 13 de ${pagny}` }).click();
  await expect(page.getByRole("status")).toHaveText("L'audit n° 13 n'a plus d'auditeur.");
  await page.getByRole("combobox", { name: "Statut" }).selectOption({ label: "Non affectés" });
  await page.getByRole("button", { name: "Afficher" }).click();
  await expect(page).toHaveURL(/statut=non-affecte/);
  await page.getByRole("combobox", { name: `Auditeur de l'audit n° 13 de ${pagny}` }).selectOption({ label: "Sophie Auditrice" });
  await page.getByRole("button", { name: `Affecter l'audit n° 13 de ${pagny}` }).click();
  await expect(page.getByRole("status")).toHaveText("L'audit n° 13 est affecté à Sophie Auditrice.");
});

test("les commerciaux n'accèdent pas aux audits", async ({ page }) => {
  await loginAs(page, demoAccounts.sales);
  const response = await page.goto("/admin/audits");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "Accès refusé" })).toBeVisible();
  await page.goto("/admin");
  await expect(page.getByRole("navigation", { name: "Back-office" }).getByRole("link")).toHaveText(["Tableau de bord", "Structures", "Inscriptions", "Éditions", "Référentiel", "Publication", "Factures", "Impayés", "Prospects", "Offres", "Lauréats", "Chiffres clés"]);
});

test("sans JavaScript, un brouillon invalide n'enregistre rien et garde la saisie", async ({ page }) => {
  // The application's scripts never load: forms are plain HTML forms posted by the browser.
  await page.context().route(/\/assets\/.+\.js$/, (route) => route.abort());
  await loginAs(page, demoAccounts.auditor);
  await page.goto("/admin/audits");
  await page.getByRole("link", { name: `Saisir l'audit n° 11 de ${pagny}` }).click();
  const measure = page.getByRole("textbox", { name: /\(en [^)]+\)$/ }).first();
  await measure.fill("beaucoup");
  await page.getByRole("radio", { name: "Oui", exact: true }).first().check();
  await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
  await expect(page.getByRole("alert")).toHaveText("Rien n'a été enregistré : 1 réponse à corriger.");
  await expect(measure).toHaveValue("beaucoup");
  await expect(measure).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText(/« beaucoup » n'est pas une mesure valable/)).toBeVisible();
  await expect(page.getByRole("radio", { name: "Oui", exact: true }).first()).toBeChecked();
  await expect(page.getByText("Planifié", { exact: true })).toBeVisible();

  await measure.fill("3");
  await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
  await expect(page.getByRole("status")).toHaveText("Brouillon enregistré. Vous pourrez reprendre la saisie plus tard.");
  await expect(page.getByText("Brouillon", { exact: true })).toBeVisible();
  await expect(page.getByText(/^2 \/ \d+ items renseignés$/)).toBeVisible();
});
