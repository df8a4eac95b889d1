import type { Page } from "@playwright/test";
import { demoAccounts, uniqueEmail } from "./fixtures/accounts";
import { expectNoA11yViolations } from "./fixtures/axe";
import { latestEmailTo, linkTo } from "./fixtures/mailbox";
import { expect, test } from "./fixtures/test";

/*
 * Issue #11, "S'identifier avec ProConnect", against the local identity provider that
 * e2e/fixtures/start-server.mjs starts before the portal (scripts/fake-proconnect.ts, built on
 * oidc-provider): first login creating an account, then logout through the provider; linking to
 * an existing account through the e-mailed link; refusals (a token for another service, a staff
 * account without second factor). Every portal page is scanned by axe, the provider's form too.
 */

// Several round trips to the provider per journey, each page scanned: more than the default minute.
test.slow();

type Identity = { email: string; givenName?: string; usualName?: string; siret?: string; organization?: string; acr?: string; scenario?: string };

/** On the provider's sign-in form: types the identity the agent has there and submits it. */
async function signInAtProvider(page: Page, identity: Identity) {
  await expect(page.getByRole("heading", { level: 1, name: "S'identifier auprès de votre administration" })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.getByLabel("Adresse e-mail professionnelle").fill(identity.email);
  await page.getByLabel("Prénom").fill(identity.givenName ?? "Camille");
  await page.getByLabel("Nom d'usage").fill(identity.usualName ?? "Durand");
  await page.getByLabel("SIRET de l'organisation").fill(identity.siret ?? "");
  await page.getByLabel("Nom de l'organisation").fill(identity.organization ?? "");
  if (identity.acr) await page.getByLabel("Niveau d'authentification atteint").selectOption(identity.acr);
  if (identity.scenario) await page.getByLabel("Réponse envoyée au portail").selectOption({ label: identity.scenario });
  await page.getByRole("button", { name: "Se connecter" }).click();
}

async function clickProConnect(page: Page) {
  const button = page.getByRole("button", { name: "S’identifier avec ProConnect" });
  await expect(page.getByRole("link", { name: /Qu’est-ce que ProConnect \?/ })).toHaveAttribute("href", "https://www.proconnect.gouv.fr/");
  await button.click();
}

test("première connexion avec ProConnect : le compte est créé, puis la déconnexion ferme aussi la session ProConnect", async ({ page }) => {
  const email = uniqueEmail("agent-proconnect");
  await page.goto("/inscription");
  await expect(page.getByRole("button", { name: "S’identifier avec ProConnect" })).toBeVisible();
  await page.goto("/connexion");
  await clickProConnect(page);
  await signInAtProvider(page, { email, givenName: "Camille", usualName: "Durand", siret: "21330063500017", organization: "Ville de Bordeaux" });

  await expect(page).toHaveURL(/\/mon-espace$/);
  await expect(page.getByRole("heading", { level: 1, name: "Mon espace" })).toBeVisible();
  await expect(page.getByText("Bonjour Camille Durand.")).toBeVisible();

  // Logout: our session ends, then ProConnect's (end_session with id_token_hint), then back here.
  await page.locator("summary").filter({ hasText: "Compte de" }).click();
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("link", { name: "Se connecter" }).first()).toBeVisible();

  // The provider's session is over too: the next ProConnect login asks for the identity again.
  await page.goto("/connexion");
  await clickProConnect(page);
  await expect(page.getByRole("heading", { level: 1, name: "S'identifier auprès de votre administration" })).toBeVisible();
  await signInAtProvider(page, { email, givenName: "Camille", usualName: "Durand" });
  await expect(page).toHaveURL(/\/mon-espace$/);
});

test("liaison à un compte existant : rien n'est associé avant le clic sur le lien reçu par e-mail", async ({ page }) => {
  await page.goto("/connexion");
  await clickProConnect(page);
  await signInAtProvider(page, { email: demoAccounts.villeurbanneViewer, givenName: "Agent", usualName: "Villeurbanne" });

  await expect(page).toHaveURL(/\/connexion\/proconnect\/verification$/);
  await expect(page.getByRole("heading", { level: 1, name: "Vérifiez votre boîte mail" })).toBeVisible();
  // Not signed in yet.
  await expect(page.getByRole("link", { name: "Se connecter" }).first()).toBeVisible();

  const message = await latestEmailTo(page, demoAccounts.villeurbanneViewer, "Confirmez la connexion avec ProConnect");
  const link = linkTo(message, "/connexion/proconnect/lier");
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Associer ProConnect à votre compte" })).toBeVisible();
  await page.getByRole("button", { name: "Associer ProConnect et me connecter" }).click();
  // Signed in (a member of a single structure lands in its space).
  await expect(page).toHaveURL(/\/t\/villeurbanne$/);
  await expect(page.locator("summary").filter({ hasText: "Compte de" })).toBeVisible();

  // The link is single use.
  await page.goto(link);
  await expect(page.getByRole("alert")).toContainText("Ce lien n'est plus valable");
});

test("refus : un jeton destiné à un autre service", async ({ page }) => {
  await page.goto("/connexion");
  await clickProConnect(page);
  await signInAtProvider(page, { email: uniqueEmail("agent-refuse"), scenario: "Jeton destiné à un autre service (audience erronée)" });
  await expect(page).toHaveURL(/\/connexion\/proconnect\/retour\?/);
  await expect(page.getByRole("heading", { level: 1, name: "Connexion avec ProConnect impossible" })).toBeVisible();
  await expect(page.getByRole("alert")).toContainText("La réponse de ProConnect n'a pas pu être vérifiée");
  await expect(page.getByRole("link", { name: "Revenir à la page de connexion" })).toHaveAttribute("href", "/connexion");
  await expect(page.getByRole("link", { name: "Se connecter" }).first()).toBeVisible();

  // Reloading the callback: the round trip was single use.
  const reloaded = await page.reload();
  expect(reloaded?.status()).toBe(400);
  await expect(page.getByRole("alert")).toContainText("n'est pas reconnue");
});

test("refus : un compte AFNOR sans double authentification, puis accepté avec", async ({ page }) => {
  // A staff account signing in with a password alone (eidas1) is refused with an explanation…
  await page.goto("/connexion");
  await clickProConnect(page);
  await signInAtProvider(page, { email: demoAccounts.admin, acr: "eidas1" });
  await expect(page.getByRole("alert")).toContainText("authentification à deux facteurs");
  // …and offered to come back with a second factor, which ProConnect is then asked for.
  await page.getByRole("region", { name: "Se reconnecter avec une double authentification" }).getByRole("button", { name: "S’identifier avec ProConnect" }).click();
  await expect(page.getByLabel("Niveau d'authentification atteint")).toHaveValue("eidas2");
  await signInAtProvider(page, { email: demoAccounts.admin });
  await expect(page.getByRole("heading", { level: 1, name: "Vérifiez votre boîte mail" })).toBeVisible();
});
