import { completeSiret } from "../app/modules/tenancy/siret";
import { demoAccounts, uniqueEmail } from "./fixtures/accounts";
import { loginAs } from "./fixtures/login";
import { latestEmailTo, linkTo } from "./fixtures/mailbox";
import { expect, test } from "./fixtures/test";

/*
 * An agent of Villeurbanne signs in with ProConnect (the local identity provider the demo server
 * starts): the `siret` claim is Villeurbanne's, so the portal offers to ask to join. Nothing is
 * granted until Villeurbanne's owner, told by e-mail, accepts the request on the members page and
 * chooses the role (Lecteur); the agent is told by e-mail and opens the structure's space.
 * Every page of the portal is checked by axe (fixtures/test.ts).
 */

/** Villeurbanne's SIRET as the demo seed builds it: SIREN 216 902 668, establishment 0001. */
const VILLEURBANNE_SIRET = completeSiret("216902668", "0001");

test("un agent identifié par ProConnect demande à rejoindre Villeurbanne ; la responsable l'accepte comme lecteur", async ({ page, browser }) => {
  const agentEmail = uniqueEmail("agent-proconnect");

  // 1. Sign in through ProConnect, as an agent of Villeurbanne's organisation (a new account).
  await page.goto("/connexion");
  await page.getByRole("button", { name: /S.identifier avec ProConnect/ }).click();
  await expect(page.getByRole("heading", { name: "S'identifier auprès de votre administration" })).toBeVisible();
  await page.getByLabel("Adresse e-mail professionnelle").fill(agentEmail);
  await page.getByLabel("Prénom").fill("Camille");
  await page.getByLabel("Nom d'usage").fill("Léger");
  await page.getByLabel("SIRET de l'organisation").fill(VILLEURBANNE_SIRET);
  await page.getByLabel("Nom de l'organisation").fill("Ville de Villeurbanne");
  await page.getByRole("button", { name: "Se connecter" }).click();

  // 2. The portal offers Villeurbanne; the agent asks to join.
  await expect(page).toHaveURL("/compte/rejoindre");
  await expect(page.getByRole("heading", { level: 1, name: "Rejoindre une structure" })).toBeVisible();
  const offer = page.getByRole("region", { name: "Votre SIRET (ProConnect) correspond à :" });
  await expect(offer.getByRole("listitem").filter({ hasText: "Ville de Villeurbanne" })).toBeVisible();
  await offer.getByRole("button", { name: "Demander à rejoindre Ville de Villeurbanne" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Votre demande a été envoyée aux responsables de Ville de Villeurbanne." })).toBeVisible();
  const myRequests = page.getByRole("table", { name: /Mes demandes/ });
  await expect(myRequests.getByRole("row").filter({ hasText: "Ville de Villeurbanne" })).toContainText("En attente");
  await expect(offer.getByRole("button", { name: /Demander à rejoindre/ })).toHaveCount(0);
  // Nothing is granted yet.
  expect((await page.request.get("/t/villeurbanne")).status()).toBe(404);

  // 3. Villeurbanne's owner is told by e-mail and follows the link to the members page.
  const owner = await browser.newContext();
  const ownerPage = await owner.newPage();
  await loginAs(ownerPage, demoAccounts.villeurbanneOwner);
  const notice = await latestEmailTo(ownerPage, demoAccounts.villeurbanneOwner, /Demande d'accès à «\s*Ville de Villeurbanne\s*»/);
  expect(notice.text).toContain(agentEmail);
  expect(notice.text).toContain(VILLEURBANNE_SIRET);
  await ownerPage.goto(linkTo(notice, "/t/villeurbanne/membres"));
  await expect(ownerPage.getByRole("heading", { level: 1, name: "Membres de Ville de Villeurbanne" })).toBeVisible();

  // 4. The owner accepts, as a viewer ("Lecteur").
  const requests = ownerPage.getByRole("table", { name: /Demandes d'accès en attente/ });
  const row = requests.getByRole("row").filter({ hasText: agentEmail });
  await expect(row).toContainText("Camille Léger");
  await expect(row).toContainText(VILLEURBANNE_SIRET);
  await row.getByLabel(/Rôle accordé à/).selectOption({ label: "Lecteur" });
  await row.getByRole("button", { name: /^Accepter/ }).click();
  await expect(ownerPage.getByRole("status").filter({ hasText: "Camille Léger a rejoint la structure avec le rôle Lecteur." })).toBeVisible();
  await expect(ownerPage.getByRole("table", { name: /Demandes d'accès en attente/ })).toHaveCount(0);
  await expect(ownerPage.getByRole("table", { name: /^Membres/ }).getByRole("row").filter({ hasText: agentEmail })).toContainText("Lecteur");

  // 5. The agent is told by e-mail and opens Villeurbanne's space, as a viewer.
  const decision = await latestEmailTo(ownerPage, agentEmail, /Votre accès à «\s*Ville de Villeurbanne\s*» est accordé/);
  expect(decision.text).toContain("Lecteur");
  await owner.close();
  await page.goto(linkTo(decision, "/t/villeurbanne"));
  await expect(page.getByRole("heading", { level: 1, name: "Ville de Villeurbanne" })).toBeVisible();
  await expect(page.getByText("votre rôle : Lecteur")).toBeVisible();
  await page.goto("/compte/rejoindre");
  await expect(page.getByRole("table", { name: /Mes demandes/ }).getByRole("row").filter({ hasText: "Ville de Villeurbanne" })).toContainText("Acceptée");
});
