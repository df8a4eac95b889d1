import { demoAccounts } from "./fixtures/accounts";
import { loginAs, sameOriginHeaders } from "./fixtures/login";
import { expect, test } from "./fixtures/test";

/*
 * The audit referential in the back-office. The admin reads the open edition's referential (2027),
 * exports it, simulates then imports that very file (a round trip: nothing changes, so the journey
 * leaves the demo data as it found it, whatever the order of the journeys), and finds a past,
 * published edition (2023) frozen: no import form, and a forged import is refused by the server.
 * Sales read the referential without any form.
 */

test("l'administratrice exporte le référentiel 2027, le simule puis l'importe tel quel ; 2023, publié, refuse l'import", async ({ page }) => {
  await loginAs(page, demoAccounts.admin);
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Back-office" }).getByRole("link", { name: "Référentiel" }).click();
  await expect(page).toHaveURL("/admin/referentiel");
  await expect(page.getByRole("heading", { level: 1, name: "Référentiels d'audit" })).toBeVisible();
  await expect(page.getByRole("row", { name: /^2027/ }).getByText("Brouillon", { exact: true })).toBeVisible();
  await expect(page.getByRole("row", { name: /^2023/ }).getByText(/^Publié le /)).toBeVisible();

  await page.getByRole("link", { name: "Consulter le référentiel 2027" }).click();
  await expect(page).toHaveURL("/admin/referentiel/2027");
  await expect(page.getByRole("heading", { level: 1, name: "Référentiel d'audit 2027" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Les 20 déterminants du référentiel 2027" })).toBeVisible();
  const phoneAccess = page.getByRole("table", { name: /^Téléphone · Accès/ });
  await expect(phoneAccess.getByRole("row", { name: /TEL-ACC-03/ })).toContainText("≤ 2 sonneries : 2 pts");

  // The channel filter is a GET form: the URL says what is shown.
  await page.getByLabel("Canal", { exact: true }).selectOption({ label: "Courrier postal" });
  await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(page).toHaveURL("/admin/referentiel/2027?canal=courrier");
  await expect(page.getByRole("table", { name: /^Courrier postal · Accès/ })).toBeVisible();
  await expect(page.getByRole("table", { name: /^Téléphone · Accès/ })).toHaveCount(0);

  // The export, in the import format.
  const exportLink = page.getByRole("link", { name: "Exporter le référentiel 2027 (CSV)" });
  await expect(exportLink).toHaveAttribute("href", "/admin/referentiel/2027.csv");
  const exported = await page.request.get("/admin/referentiel/2027.csv");
  expect(exported.status()).toBe(200);
  expect(exported.headers()["content-disposition"]).toBe('attachment; filename="referentiel-2027.csv"');
  const csv = await exported.body();
  expect(csv.toString("utf8")).toMatch(/^\uFEFFcode;libellé;canal;étape;déterminant;type;poids;unité;seuils;source\r\n/);
  const file = { name: "referentiel-2027.csv", mimeType: "text/csv", buffer: csv };

  // Simulated first: what would change, nothing written.
  const importSection = page.getByRole("region", { name: "Importer le référentiel" });
  await importSection.getByLabel("Fichier CSV du référentiel").setInputFiles(file);
  await importSection.getByRole("button", { name: "Simuler" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Simulation terminée" })).toContainText(
    "Simulation terminée pour « referentiel-2027.csv » : rien n'a été enregistré.",
  );
  const simulated = page.getByRole("table", { name: "Ce que l'import changerait" });
  await expect(simulated.getByRole("row", { name: /^Items ajoutés/ })).toContainText("0");
  await expect(simulated.getByRole("row", { name: /^Items supprimés/ })).toContainText("0");

  // Then imported: the same file, nothing changes (and the demo audits' answers stay valid).
  await importSection.getByLabel("Fichier CSV du référentiel").setInputFiles(file);
  await importSection.getByRole("button", { name: "Importer" }).click();
  await expect(page.getByRole("status").filter({ hasText: "importé" })).toContainText(
    "Fichier « referentiel-2027.csv » importé : il est identique au référentiel, rien n'a changé.",
  );
  await expect(page.getByRole("table", { name: "Résultat de l'import" }).getByRole("row", { name: /^Items modifiés/ })).toContainText("0");

  // A file with one wrong line is refused whole, with its line and column.
  const wrong = csv.toString("utf8").replace(";telephone;acces;", ";fax;acces;");
  await importSection.getByLabel("Fichier CSV du référentiel").setInputFiles({ ...file, buffer: Buffer.from(wrong, "utf8") });
  await importSection.getByRole("button", { name: "Simuler" }).click();
  const refusal = page.getByRole("alert");
  await expect(refusal).toContainText("Fichier « referentiel-2027.csv » refusé : 1 erreur, rien n'a été importé");
  await expect(refusal).toContainText("ligne 2, colonne canal : « fax » n'est pas un canal connu");

  // 2023 is published: frozen, no form, and the server refuses a forged import.
  await page.goto("/admin/referentiel/2023");
  await expect(page.getByRole("heading", { level: 1, name: "Référentiel d'audit 2023" })).toBeVisible();
  await expect(page.getByText(/^Le référentiel 2023 est publié depuis le .+ : il est figé et ne peut plus être modifié\./)).toBeVisible();
  await expect(page.getByRole("button", { name: "Importer" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Publier le référentiel" })).toHaveCount(0);
  const forged = await page.request.post("/admin/referentiel/2023", {
    headers: sameOriginHeaders(),
    multipart: { intent: "importer", fichier: file },
  });
  expect(forged.status()).toBe(200);
  expect(await forged.text()).toContain("Le référentiel 2023 est publié depuis le");
});

test("l'équipe commerciale lit le référentiel sans pouvoir l'importer ni le publier", async ({ page }) => {
  await loginAs(page, demoAccounts.sales);
  const response = await page.goto("/admin/referentiel/2027");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Référentiel d'audit 2027" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Exporter le référentiel 2027 (CSV)" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Importer" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Publier le référentiel" })).toHaveCount(0);
  const forged = await page.request.post("/admin/referentiel/2027", { headers: sameOriginHeaders(), multipart: { intent: "publier" } });
  expect(forged.status()).toBe(403);
});
