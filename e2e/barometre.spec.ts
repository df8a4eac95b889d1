import { demoAccounts } from "./fixtures/accounts";
import { loginAs } from "./fixtures/login";
import { expect, test } from "./fixtures/test";

/*
 * The public page /barometre: what the barometer measures, the 2027 prices, the FAQ and the way
 * to enrol — for an anonymous visitor (sign-up) and for the owner of a structure (enrolment).
 * Every page is checked by axe (fixtures/test.ts).
 */

/** Intl fr-FR separates thousands with U+202F and the currency with U+00A0. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

test("un visiteur découvre le baromètre, ses tarifs, la FAQ et va créer son compte", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Le baromètre" }).click();
  await expect(page).toHaveURL(/\/barometre$/);
  await expect(page.getByRole("heading", { level: 1, name: "Le baromètre et l'inscription" })).toBeVisible();
  await expect(page).toHaveTitle("Le baromètre et l'inscription | Baromètre Expérience Citoyen");

  // The price grid: one row per category, HT / TVA / TTC.
  const prices = page.getByRole("table", { name: /Tarifs de l'édition 2027/ });
  await expect(prices).toBeVisible();
  await expect(prices.getByRole("columnheader")).toHaveText([/Catégorie/, /HT/, /TVA/, /TTC/]);
  const small = prices.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Mairies de moins de 20 000 habitants" }) });
  const cells = (await small.getByRole("cell").allInnerTexts()).map(plain);
  expect(cells).toEqual(["1 490,00 €", "298,00 €", "1 788,00 €"]);

  // An FAQ item opens with the keyboard.
  const question = page.locator("details").filter({ has: page.locator("summary", { hasText: "Comment les auditeurs restent-ils anonymes ?" }) });
  await expect(question).not.toHaveAttribute("open");
  await question.locator("summary").focus();
  await page.keyboard.press("Enter");
  await expect(question).toHaveAttribute("open", "");
  await expect(question.getByText(/ne révèlent jamais leur mission/)).toBeVisible();

  // The call to enrol leads an anonymous visitor to the sign-up page.
  const enrol = page.getByRole("region", { name: /Inscrire votre structure à l'édition 2027/ });
  await enrol.getByRole("link", { name: "Créer un compte et inscrire ma structure" }).click();
  await expect(page).toHaveURL(/\/inscription\?redirectTo=(\/|%2F)barometre$/);
  await expect(page.getByRole("heading", { level: 1, name: "Créer un compte" })).toBeVisible();
});

test("la responsable de Lambersart est invitée à inscrire sa structure", async ({ page }) => {
  await loginAs(page, demoAccounts.lambersartOwner);
  await page.goto("/barometre");
  await expect(page.getByRole("heading", { level: 1, name: "Le baromètre et l'inscription" })).toBeVisible();
  const enrol = page.getByRole("region", { name: /Inscrire votre structure à l'édition 2027/ });
  const link = enrol.locator('a[href="/t/lambersart/inscription"]');
  await expect(link).toBeVisible();
  await expect(link).toHaveText(/Inscrire Ville de Lambersart/);
  await expect(enrol.getByRole("link", { name: /Créer un compte/ })).toHaveCount(0);
});
