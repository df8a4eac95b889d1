import { barometerCategories } from "../app/modules/tenancy/categories";
import { demoAccounts } from "./fixtures/accounts";
import { loginAs, sameOriginHeaders } from "./fixtures/login";
import { expect, test } from "./fixtures/test";

/*
 * Staff administration of the barometer editions: an admin creates next year's edition (the form
 * refuses a plan that does not total 13 audits) and edits its price grid; sales may only read the
 * list; an auditor is refused (403); a member of a structure does not even see the back-office (404).
 */

test("l'administratrice crée l'édition 2028 puis modifie un tarif", async ({ page }) => {
  await loginAs(page, demoAccounts.admin);
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Back-office" }).getByRole("link", { name: "Éditions" }).click();
  await expect(page).toHaveURL("/admin/editions");
  await expect(page.getByRole("heading", { level: 1, name: "Éditions du baromètre" })).toBeVisible();
  const row2027 = page.getByRole("row", { name: /^2027/ });
  await expect(row2027.getByText("Ouverte", { exact: true })).toBeVisible();
  await expect(page.getByRole("row", { name: /^2028/ })).toHaveCount(0);

  await page.getByRole("link", { name: "Créer une édition" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Créer une édition" })).toBeVisible();
  // Proposed from 2027: next year, same plan and prices.
  await expect(page.getByLabel("Année")).toHaveValue("2028");
  await expect(page.getByLabel("Numéro de l'édition")).toHaveValue("14");
  const prices = page.getByRole("group", { name: "Tarifs par catégorie (€ HT)" });
  await expect(prices.getByLabel("Régions")).toHaveValue(/^4\s900$/);

  await page.getByLabel("Titre").fill("Baromètre Expérience Citoyen 2028");
  await page.getByLabel("Ouverture des inscriptions").fill("2028-01-15");
  await page.getByLabel("Clôture des inscriptions").fill("2028-04-15");
  await page.getByLabel("Début des audits").fill("2028-05-02");
  await page.getByLabel("Fin des audits").fill("2028-06-30");
  await page.getByLabel("Publication des résultats").fill("2028-11-15");
  const plan = page.getByRole("group", { name: "Plan d'audit" });
  await plan.getByLabel("Téléphone").fill("3");
  await page.getByRole("button", { name: "Créer l'édition" }).click();

  await expect(plan.getByText("Le plan d'audit doit totaliser exactement 13 audits (il en compte 12).")).toBeVisible();
  await expect(page).toHaveURL("/admin/editions/nouvelle");

  await plan.getByLabel("Téléphone").fill("4");
  await page.getByRole("button", { name: "Créer l'édition" }).click();
  await expect(page).toHaveURL("/admin/editions/2028?message=creee");
  await expect(page.getByRole("heading", { level: 1, name: "Édition 2028" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Édition créée, en brouillon");
  await expect(page.getByText("Brouillon", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Ouvrir les inscriptions" })).toBeVisible();

  // A new price for the régions, typed the French way.
  await page.getByRole("group", { name: "Tarifs par catégorie (€ HT)" }).getByLabel("Régions").fill("5 100,50");
  await page.getByRole("button", { name: "Enregistrer les modifications" }).click();
  await expect(page).toHaveURL("/admin/editions/2028?message=enregistree");
  await expect(page.getByRole("status")).toContainText("Modifications enregistrées.");
  await expect(page.getByRole("group", { name: "Tarifs par catégorie (€ HT)" }).getByLabel("Régions")).toHaveValue(/^5\s100,50$/);

  // 2027 stays the open edition, 2028 is listed in draft.
  await page.getByRole("link", { name: "Retour aux éditions" }).click();
  await expect(page.getByRole("row", { name: /^2028/ }).getByText("Brouillon", { exact: true })).toBeVisible();
  await expect(page.getByRole("row", { name: /^2027/ }).getByText("Ouverte", { exact: true })).toBeVisible();
});

test("l'équipe commerciale lit la liste des éditions sans pouvoir les modifier", async ({ page }) => {
  await loginAs(page, demoAccounts.sales);
  const list = await page.goto("/admin/editions");
  expect(list?.status()).toBe(200);
  await expect(page.getByRole("row", { name: /^2027/ }).getByText("Ouverte", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Créer une édition" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /Modifier/ })).toHaveCount(0);

  for (const url of ["/admin/editions/nouvelle", "/admin/editions/2027"]) {
    const refused = await page.goto(url);
    expect(refused?.status(), url).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: "Accès refusé" })).toBeVisible();
  }
});

test("un auditeur reçoit une 403 et le responsable d'une structure une 404", async ({ page, browser }) => {
  await loginAs(page, demoAccounts.auditor);
  const auditor = await page.goto("/admin/editions");
  expect(auditor?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "Accès refusé" })).toBeVisible();

  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await loginAs(member, demoAccounts.lambersartOwner);
  for (const url of ["/admin/editions", "/admin/editions/2027"]) {
    const response = await member.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(member.getByRole("heading", { level: 1, name: "Page introuvable" })).toBeVisible();
  }
  await memberContext.close();
});

test("sans JavaScript, le serveur renvoie le formulaire avec l'erreur du plan d'audit", async ({ page }) => {
  await loginAs(page, demoAccounts.admin);
  // The POST a browser without JavaScript sends (page.request: not a page, not scanned by axe).
  const response = await page.request.post("/admin/editions/nouvelle", {
    headers: sameOriginHeaders(),
    maxRedirects: 0,
    form: {
      intent: "save",
      year: "2029",
      number: "14",
      title: "Baromètre Expérience Citoyen 2029",
      enrolmentOpensOn: "2029-01-15",
      enrolmentClosesOn: "2029-04-15",
      auditStartsOn: "2029-05-02",
      auditEndsOn: "2029-06-30",
      publicationOn: "2029-11-15",
      referentialVersion: "2029.1",
      termsVersion: "CGV-2029-01",
      "auditPlan.telephone": "4",
      "auditPlan.courriel": "2",
      "auditPlan.courrier": "1",
      "auditPlan.site": "2",
      "auditPlan.reseaux_sociaux": "2",
      "auditPlan.accueil_physique": "1",
      onsiteVisitOptional: "on",
      onsiteVisitPrice: "450,00",
      ...Object.fromEntries(barometerCategories.map((category) => [`prices.${category}`, "1 490"])),
    },
  });
  expect(response.status()).toBe(200);
  const html = await response.text();
  expect(html).toContain("Le plan d&#x27;audit doit totaliser exactement 13 audits (il en compte 12).");
  expect(html).toMatch(/<input[^>]*name="auditPlan.courriel"[^>]*value="2"/);

  await page.goto("/admin/editions");
  await expect(page.getByRole("row", { name: /^2029/ })).toHaveCount(0);
});
