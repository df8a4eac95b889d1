import { loginAs } from "./fixtures/login";
import { latestEmailTo, linkTo } from "./fixtures/mailbox";
import { signOut, signUpAndVerify } from "./fixtures/signup";
import { expect, test } from "./fixtures/test";

/*
 * Acceptance 3: magic-link login; password reset (every older session dies); the sessions page
 * lists the sessions of another browser and revokes one. Every page is checked by axe.
 */

test("connexion par lien magique", async ({ page, a11y }) => {
  const account = await signUpAndVerify(page, "lien-magique");
  await signOut(page);

  await page.goto("/connexion");
  const magic = page.getByRole("region", { name: "Par un lien reçu par e-mail" });
  await magic.getByLabel("Adresse e-mail").fill(account.email);
  await magic.getByRole("button", { name: "Recevoir un lien de connexion" }).click();
  await expect(magic.getByRole("status")).toHaveText("Si un compte existe pour cette adresse, un lien de connexion vient de lui être envoyé.");

  const message = await latestEmailTo(page, account.email, "Votre lien de connexion");
  const link = linkTo(message, "/connexion/lien");
  await page.goto(link);
  // The link only shows a button (mail scanners following links must not use the token up).
  await expect(page.getByRole("heading", { level: 1, name: "Connexion par lien" })).toBeVisible();
  await page.getByRole("button", { name: "Me connecter" }).click();
  await expect(page).toHaveURL(/\/mon-espace$/);
  await expect(page.getByRole("heading", { level: 1, name: "Mon espace" })).toBeVisible();
  await expect(page.getByText(`Bonjour ${account.name}.`)).toBeVisible();

  // Single use: the same link no longer signs anyone in.
  await signOut(page);
  await page.goto(link);
  await expect(page.getByRole("alert")).toContainText("Ce lien de connexion n'est plus valable");
  await expect(page.getByRole("button", { name: "Me connecter" })).toHaveCount(0);
  await a11y.check(page, "lien de connexion déjà utilisé");
});

test("mot de passe oublié : le nouveau mot de passe ferme les anciennes sessions", async ({ page, browser }) => {
  const account = await signUpAndVerify(page, "reinitialisation");

  // Another browser, signed in before the reset.
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await loginAs(other, account.email, account.password);
  await other.goto("/mon-espace");
  await expect(other.getByRole("heading", { level: 1, name: "Mon espace" })).toBeVisible();

  await signOut(page);
  await page.goto("/connexion");
  await page.getByRole("link", { name: "Mot de passe oublié ?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mot de passe oublié" })).toBeVisible();
  await page.getByLabel("Adresse e-mail").fill(account.email);
  await page.getByRole("button", { name: "Recevoir le lien" }).click();
  await expect(page.getByRole("status")).toHaveText("Si un compte existe pour cette adresse, un lien de réinitialisation vient de lui être envoyé.");

  const message = await latestEmailTo(page, account.email, "Réinitialisation de votre mot de passe");
  await page.goto(linkTo(message, "/mot-de-passe/nouveau"));
  await expect(page.getByRole("heading", { level: 1, name: "Nouveau mot de passe" })).toBeVisible();
  const newPassword = "Un tout autre mot de passe 2028";
  await page.getByLabel("Nouveau mot de passe").fill(newPassword);
  await page.getByLabel("Confirmez le mot de passe").fill(newPassword);
  await page.getByRole("button", { name: "Enregistrer le mot de passe" }).click();

  await expect(page).toHaveURL(/\/mon-espace\?mot-de-passe=1$/);
  await expect(page.getByRole("status").filter({ hasText: "Votre mot de passe est modifié ; vos autres sessions ont été fermées." })).toBeVisible();

  // The session opened before the reset is dead.
  await other.goto("/mon-espace");
  await expect(other).toHaveURL(/\/connexion\?redirectTo=%2Fmon-espace$/);
  await expect(other.getByRole("heading", { level: 1, name: "Se connecter" })).toBeVisible();

  // The old password no longer works, the new one does.
  await other.getByLabel("Adresse e-mail").first().fill(account.email);
  await other.getByLabel("Mot de passe", { exact: true }).fill(account.password);
  await other.getByRole("button", { name: "Se connecter", exact: true }).click();
  await expect(other.getByRole("alert")).toHaveText("Adresse e-mail ou mot de passe incorrect.");
  await other.getByLabel("Mot de passe", { exact: true }).fill(newPassword);
  await other.getByRole("button", { name: "Se connecter", exact: true }).click();
  await expect(other).toHaveURL(/\/mon-espace$/);
  await expect(other.getByRole("heading", { level: 1, name: "Mon espace" })).toBeVisible();

  await otherContext.close();
});

test("mes sessions : lister les sessions et fermer celle d'un autre navigateur", async ({ page, browser }) => {
  const account = await signUpAndVerify(page, "sessions");

  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await loginAs(other, account.email, account.password);
  await other.goto("/compte");
  await expect(other.getByRole("heading", { level: 1, name: "Mon compte" })).toBeVisible();

  await page.goto("/compte");
  await page.getByRole("link", { name: "Mes sessions ouvertes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mes sessions" })).toBeVisible();
  const table = page.getByRole("table", { name: "Sessions ouvertes (2)" });
  await expect(table).toBeVisible();
  const rows = table.getByRole("row").filter({ has: page.getByRole("button", { name: /^Fermer/ }) });
  await expect(rows).toHaveCount(2);
  const current = rows.filter({ hasText: "cette session" });
  const another = rows.filter({ hasNotText: "cette session" });
  await expect(current).toHaveCount(1);
  await expect(another).toHaveCount(1);

  await another.getByRole("button", { name: /^Fermer la session/ }).click();
  await expect(page.getByRole("status")).toHaveText("La session a été fermée.");
  await expect(page.getByRole("table", { name: "Sessions ouvertes (1)" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Sessions ouvertes (1)" }).getByText("cette session")).toBeVisible();

  // The other browser is signed out; this one is still signed in.
  await other.goto("/compte");
  await expect(other).toHaveURL(/\/connexion\?redirectTo=%2Fcompte$/);
  await page.goto("/compte");
  await expect(page.getByRole("heading", { level: 1, name: "Mon compte" })).toBeVisible();

  await otherContext.close();
});
