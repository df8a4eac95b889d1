import { PDFParse } from "pdf-parse";
import { demoAccounts } from "./fixtures/accounts";
import { loginAs } from "./fixtures/login";
import { expect, test } from "./fixtures/test";

/*
 * Published results (demo data: editions 2022 and 2023 among real peer town halls): the owner of
 * Villeurbanne reads its scores, the peers' figures and what cost points; another structure's
 * member gets 404. Every page is scanned with axe.
 */
test("the owner of Villeurbanne reads its published results", async ({ page }) => {
  await loginAs(page, demoAccounts.villeurbanneOwner);
  await page.goto("/t/villeurbanne");
  await page.getByRole("navigation", { name: /Espace de/ }).getByRole("link", { name: "Résultats" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Résultats 2023" })).toBeVisible();
  await expect(page.getByText(/\d+,\d \/ 100|\d+,\d/).first()).toBeVisible();
  const channels = page.getByRole("table", { name: "Scores par canal, comparés à votre catégorie" });
  await expect(channels.getByRole("row")).toHaveCount(7);
  await expect(channels.getByRole("rowheader", { name: "Téléphone" })).toBeVisible();
  await expect(page.getByRole("img", { name: /Score par canal et médiane de la catégorie/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Les constats qui coûtent le plus de points" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Score global par édition" }).getByRole("row")).toHaveCount(3);

  // The PDF report holds the global score shown on the page.
  const score = (await page.locator(".kpi-value").first().innerText()).trim();
  expect(score).toMatch(/^\d+,\d$/);
  const report = await page.request.get("/t/villeurbanne/resultats/rapport.pdf");
  expect(report.headers()["content-type"]).toBe("application/pdf");
  const parser = new PDFParse({ data: new Uint8Array(await report.body()) });
  const text = (await parser.getText()).text.replace(/[\u00a0\u202f]/g, " ");
  await parser.destroy();
  expect(text).toContain("Rapport de résultats 2023");
  expect(text).toContain(`${score} / 100`);

  // The findings export opens in French Excel with its accents.
  const csv = await page.request.get("/t/villeurbanne/resultats/constats.csv");
  const body = await csv.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = body.toString("utf8").trim().split("\r\n");
  expect(lines[0]).toBe("Audit n°;Canal;Date;Code;Constat;Étape;Déterminant;Réponse;Commentaire");
  expect(lines.length).toBeGreaterThan(100);
});

test("a structure without published results is told so, and never sees another's", async ({ page }) => {
  await loginAs(page, "mairie@pagny-sur-moselle.example");
  await page.goto("/t/pagny-sur-moselle/resultats");
  await expect(page.getByText(/ne sont pas encore publiés/)).toBeVisible();
  for (const url of ["/t/villeurbanne/resultats", "/t/villeurbanne/resultats/rapport.pdf", "/t/villeurbanne/resultats/constats.csv"]) {
    expect((await page.request.get(url)).status(), url).toBe(404);
  }
});
