import { expect, test } from "./fixtures/test";
import { loginAs } from "./fixtures/login";

/*
 * Sales follow every enrolment of an edition and export them for French Excel (UTF-8 with BOM,
 * semicolons, decimal commas). Runs after the enrolment journeys have created enrolments, but
 * needs none: the table and export work empty too.
 */
test("sales see the enrolments of 2027 and export them as CSV", async ({ page }) => {
  await loginAs(page, "ventes@afnor.example");
  await page.goto("/admin");
  await page.getByRole("link", { name: "Inscriptions" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Inscriptions à l'édition 2027" })).toBeVisible();
  const csv = await page.request.get("/admin/inscriptions.csv?annee=2027");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const body = await csv.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = body.toString("utf8");
  expect(text).toContain("Structure;SIRET;Catégorie;Région;Statut;Paiement;N° d'engagement;Montant HT (€);Montant TTC (€);Inscrite le;Payée le");
  for (const line of text.trim().split("\r\n").slice(1)) expect(line).toMatch(/;\d+,\d{2};\d+,\d{2};/);
});

test("tenant users and auditors cannot reach the enrolments list or its export", async ({ page }) => {
  await loginAs(page, "qualite@lambersart.example");
  expect((await page.request.get("/admin/inscriptions")).status()).toBe(404);
  expect((await page.request.get("/admin/inscriptions.csv?annee=2027")).status()).toBe(404);
});
