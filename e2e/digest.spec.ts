import { uniqueEmail } from "./fixtures/accounts";
import { latestEmailTo, linkTo } from "./fixtures/mailbox";
import { expect, test } from "./fixtures/test";

/*
 * The weekly digest, for a citizen: subscribes on the public page, confirms from the e-mail
 * (double opt-in), unsubscribes in one click; the RFC 8058 one-click POST a mail client sends to
 * the List-Unsubscribe URL works too (from another origin). The sending job itself is covered by
 * app/modules/practices/digest.int.test.ts on both engines.
 */

test("abonnement à la bonne pratique de la semaine, confirmation et désabonnement en un clic", async ({ page }) => {
  const email = uniqueEmail("abonne");

  await page.goto("/bonnes-pratiques/abonnement");
  await expect(page.getByRole("heading", { level: 1, name: "La bonne pratique de la semaine" })).toBeVisible();
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByRole("button", { name: "M'abonner" }).click();
  await expect(page.getByRole("status")).toContainText("Confirmez votre abonnement");

  const message = await latestEmailTo(page, email, /Confirmez votre abonnement/);
  const confirmLink = linkTo(message, "/bonnes-pratiques/abonnement/confirmer");
  await page.goto(confirmLink);
  // The link alone confirms nothing (mail scanners follow links): a button does.
  await page.getByRole("button", { name: "Confirmer mon abonnement" }).click();
  await expect(page.getByRole("status")).toContainText(`Abonnement confirmé : ${email}`);

  const unsubscribeLink = await page.getByRole("link", { name: "vous désabonner dès maintenant" }).getAttribute("href");
  expect(unsubscribeLink).toMatch(/\/bonnes-pratiques\/desabonnement\?jeton=[a-z2-7]+$/);

  // Single use.
  await page.goto(confirmLink);
  await expect(page.getByText("Ce lien de confirmation n'est plus valable")).toBeVisible();

  await page.goto(unsubscribeLink!);
  await expect(page.getByText(`Ne plus envoyer la bonne pratique de la semaine à ${email} ?`)).toBeVisible();
  await page.getByRole("button", { name: "Me désabonner" }).click();
  await expect(page.getByRole("status")).toHaveText("Vous êtes désabonné : vous ne recevrez plus la bonne pratique de la semaine.");

  // A mail provider's one-click POST (RFC 8058), server to server: no browser, no Origin header.
  const oneClick = await page.request.post(unsubscribeLink!, { form: { "List-Unsubscribe": "One-Click" } });
  expect(oneClick.status()).toBe(200);
  await page.goto(unsubscribeLink!);
  await expect(page.getByText(`${email} n'est plus abonné à la bonne pratique de la semaine.`)).toBeVisible();
});
