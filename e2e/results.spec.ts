import { PDFParse } from "pdf-parse";
import { demoAccounts } from "./fixtures/accounts";
import { loginAs, sameOriginHeaders } from "./fixtures/login";
import { latestEmailTo, linkTo } from "./fixtures/mailbox";
import { expect, test } from "./fixtures/test";

/*
 * Acceptance (barometer): the demo auditor enters Villeurbanne's last 2026 audit (the seed holds
 * 12 of 13 submitted, among 40 peers whose audits are all done); the admin publishes 2026; the
 * owner of Villeurbanne gets the e-mail, reads scores, peers' figures and explanations, and
 * downloads the PDF report (parsed: it holds the global score) and the findings CSV.
 * Every page is scanned with axe.
 */
test.describe.configure({ mode: "serial" });
const villeurbanne = "Ville de Villeurbanne";

test("l'auditrice saisit le dernier audit, l'administratrice publie, la ville lit ses résultats", async ({ page }) => {
  // 1. The auditor enters audit n° 13 (on-site visit) and submits it.
  await loginAs(page, demoAccounts.auditor);
  await page.goto("/admin/audits");
  await page.getByRole("link", { name: `Saisir l'audit n° 13 de ${villeurbanne}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Audit n° 13 — ${villeurbanne}` })).toBeVisible();
  for (const yes of await page.getByRole("radio", { name: "Oui", exact: true }).all()) await yes.check();
  for (const scale of await page.getByRole("combobox").all()) await scale.selectOption("3");
  for (const measure of await page.getByRole("textbox", { name: /\(en [^)]+\)$/ }).all()) await measure.fill("4");
  await page.getByRole("button", { name: "Valider l'audit" }).click();
  await expect(page.getByRole("status")).toHaveText("Audit validé. Il compte désormais dans l'avancement de la structure.");

  // 2. The admin publishes the 2026 edition: every structure is ready.
  await page.context().clearCookies();
  await loginAs(page, demoAccounts.admin);
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Back-office" }).getByRole("link", { name: "Publication" }).click();
  const edition = page.getByRole("region", { name: "Baromètre Expérience Citoyen 2026" });
  await expect(edition.getByText("Résultats non publiés.")).toBeVisible();
  await edition.getByRole("button", { name: "Publier les résultats 2026" }).click();
  // Not confirmed: the browser's own check stops the form; without it the server refuses.
  const refused = await page.request.post("/admin/publication", { form: { annee: "2026" }, headers: sameOriginHeaders() });
  expect(await refused.text()).toContain("Cochez la case pour confirmer la publication.");
  await edition.getByRole("checkbox", { name: /Je confirme la publication des résultats 2026 de 41 structures/ }).check();
  await edition.getByRole("button", { name: "Publier les résultats 2026" }).click();
  await expect(edition.getByRole("status")).toHaveText(/^Résultats 2026 publiés \(version 1\) pour 41 structures/);
  await expect(edition.getByText(/Dernière publication : version 1, le .* par Claire Administratrice, 41 structures\./)).toBeVisible();

  // 3. The owner of Villeurbanne gets the e-mail and follows it to the results.
  await page.context().clearCookies();
  await loginAs(page, demoAccounts.villeurbanneOwner);
  const email = await latestEmailTo(page, "qualite@villeurbanne.example", "Vos résultats sont publiés : Baromètre Expérience Citoyen 2026");
  await page.goto(linkTo(email, "/t/villeurbanne/resultats"));
  await expect(page.getByRole("heading", { level: 1, name: "Résultats 2026" })).toBeVisible();
  const score = (await page.locator(".kpi-value").first().innerText()).trim();
  expect(score).toMatch(/^\d+,\d$/);
  const global = page.getByRole("region", { name: "Score global" });
  await expect(global.getByRole("definition").first()).toHaveText(/^\d+,\d+$/); // category median (10 large cities)
  const channels = page.getByRole("table", { name: "Scores par canal, comparés à votre catégorie" });
  await expect(channels.getByRole("row")).toHaveCount(7);
  await expect(channels.getByRole("row", { name: /Accueil physique/ }).getByRole("cell").first()).toHaveText(/^\d+,\d$/);
  await expect(page.getByRole("img", { name: /Score par canal et médiane de la catégorie/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Les constats qui coûtent le plus de points" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Les constats qui coûtent le plus de points" }).getByRole("listitem").first()).toContainText(/points? perdus?, lors de/);
  await expect(page.getByRole("table", { name: "Score global par édition" }).getByRole("row")).toHaveCount(7);

  // The PDF report holds the global score shown on the page.
  const report = await page.request.get("/t/villeurbanne/resultats/rapport.pdf");
  expect(report.headers()["content-type"]).toBe("application/pdf");
  const parser = new PDFParse({ data: new Uint8Array(await report.body()) });
  const text = (await parser.getText()).text.replace(/[\u00a0\u202f]/g, " ");
  await parser.destroy();
  expect(text).toContain("Rapport de résultats 2026");
  expect(text).toContain(`${score} / 100`);

  // The findings export opens in French Excel with its accents.
  const csv = await page.request.get("/t/villeurbanne/resultats/constats.csv");
  const body = await csv.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = body.toString("utf8").trim().split("\r\n");
  expect(lines[0]).toBe("Audit n°;Canal;Date;Code;Constat;Étape;Déterminant;Réponse;Commentaire");
  expect(lines.length).toBeGreaterThan(300);
  expect(lines.some((line) => line.startsWith("13;Accueil physique;"))).toBe(true);
});

test("a structure without published results is told so, and never sees another's", async ({ page }) => {
  await loginAs(page, "mairie@pagny-sur-moselle.example");
  await page.goto("/t/pagny-sur-moselle/resultats");
  await expect(page.getByText(/ne sont pas encore publiés/)).toBeVisible();
  for (const url of ["/t/villeurbanne/resultats", "/t/villeurbanne/resultats/rapport.pdf", "/t/villeurbanne/resultats/constats.csv"]) {
    expect((await page.request.get(url)).status(), url).toBe(404);
  }
});
