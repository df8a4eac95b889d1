import { demoAccounts } from "./fixtures/accounts";
import { loginAs, sameOriginHeaders } from "./fixtures/login";
import { expect, test } from "./fixtures/test";

/*
 * Acceptance (enrolment) 5: a viewer of a structure cannot enrol it, see or pay its invoices
 * (403); a member of another structure does not even learn that those pages exist (404).
 * Forged POSTs change nothing.
 */

const billingUrls = ["/t/villeurbanne/inscription", "/t/villeurbanne/inscription/devis.pdf", "/t/villeurbanne/facturation"];

const enrolmentForm = {
  billingContactName: "Intrus",
  billingContactEmail: "intrus@exemple.fr",
  billingAddress: "1 rue de Nulle Part, 75000 Paris",
  paymentPath: "card",
  acceptTerms: "on",
  termsVersion: "CGV-2027-01",
};

test("a viewer of Villeurbanne can neither enrol it nor see its billing (403)", async ({ page }) => {
  await loginAs(page, demoAccounts.villeurbanneViewer);
  for (const url of billingUrls) expect((await page.request.get(url)).status(), url).toBe(403);
  const forged = await page.request.post("/t/villeurbanne/inscription", { form: enrolmentForm, headers: sameOriginHeaders() });
  expect(forged.status()).toBe(403);
  // The viewer's dashboard offers neither the enrolment nor the billing tab.
  await page.goto("/t/villeurbanne");
  await expect(page.getByRole("navigation", { name: /Espace de/ }).getByRole("link", { name: "Inscription" })).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: /Espace de/ }).getByRole("link", { name: "Facturation" })).toHaveCount(0);
});

test("the owner of Lambersart gets 404 on Villeurbanne's enrolment, quote, billing and payment return", async ({ page }) => {
  await loginAs(page, demoAccounts.lambersartOwner);
  for (const url of [...billingUrls, "/t/villeurbanne/inscription/retour?session_id=cs_test_inconnu"]) {
    expect((await page.request.get(url)).status(), url).toBe(404);
  }
  const forged = await page.request.post("/t/villeurbanne/inscription", { form: enrolmentForm, headers: sameOriginHeaders() });
  expect(forged.status()).toBe(404);
  const pay = await page.request.post("/t/villeurbanne/inscription", { form: { intent: "pay" }, headers: sameOriginHeaders() });
  expect(pay.status()).toBe(404);
});
