import { demoAccounts, uniqueEmail } from "./fixtures/accounts";
import { loginAs, sameOriginHeaders } from "./fixtures/login";
import { expect, test } from "./fixtures/test";

/*
 * Acceptance 4: a structure's space is invisible to non-members. Lambersart's owner gets a 404
 * (not a 403: the portal does not reveal that "villeurbanne" exists) for every /t/villeurbanne/…
 * URL, pages and actions alike; an anonymous visitor is sent to the login page.
 */

const villeurbanneUrls = ["/t/villeurbanne", "/t/villeurbanne/membres", "/t/villeurbanne/offres", "/t/villeurbanne/nimporte-quoi", "/t/villeurbanne/membres?onglet=invitations"];

test("un visiteur anonyme est renvoyé vers la connexion", async ({ page }) => {
  for (const url of ["/t/villeurbanne", "/t/villeurbanne/membres"]) {
    await page.goto(url);
    await expect(page).toHaveURL(`/connexion?redirectTo=${encodeURIComponent(url)}`);
    await expect(page.getByRole("heading", { level: 1, name: "Se connecter" })).toBeVisible();
  }
});

test("le responsable de Lambersart reçoit une 404 sur tout l'espace de Villeurbanne", async ({ page }) => {
  await loginAs(page, demoAccounts.lambersartOwner);

  // Its own space is there…
  const own = await page.goto("/t/lambersart/membres");
  expect(own?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Membres de Ville de Lambersart" })).toBeVisible();

  // …Villeurbanne's is not, whatever the URL: the French 404 page, inside the shell.
  for (const url of villeurbanneUrls) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page introuvable" })).toBeVisible();
    await expect(page.getByText("La page demandée n'existe pas ou vous n'y avez pas accès.")).toBeVisible();
    await expect(page.getByRole("link", { name: "Revenir à l'accueil" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Navigation principale" })).toBeVisible();
    await expect(page.getByText("Ville de Villeurbanne")).toHaveCount(0);
  }

  // A client-side navigation (Remix data request) gets the same 404.
  await page.goto("/mon-espace");
  const data = await page.request.get("/t/villeurbanne.data");
  expect(data.status()).toBe(404);
  expect(await data.text()).not.toContain("Villeurbanne");
});

test("une invitation forgée vers Villeurbanne par Lambersart est refusée (404) et n'invite personne", async ({ page, browser }) => {
  await loginAs(page, demoAccounts.lambersartOwner);
  const target = uniqueEmail("infiltre");
  const forged = await page.request.post("/t/villeurbanne/membres", {
    form: { intent: "invite", email: target, role: "owner" },
    headers: sameOriginHeaders(),
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(404);
  expect(await forged.text()).not.toContain("Ville de Villeurbanne");

  // Villeurbanne's owner sees no pending invitation, and no e-mail left for that address.
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await loginAs(owner, demoAccounts.villeurbanneOwner);
  await owner.goto("/t/villeurbanne/membres");
  await expect(owner.getByRole("heading", { level: 1, name: "Membres de Ville de Villeurbanne" })).toBeVisible();
  await expect(owner.getByRole("table", { name: /^Membres/ })).toBeVisible();
  await expect(owner.getByRole("table", { name: /Invitations en attente/ })).toHaveCount(0);
  await expect(owner.getByText(target)).toHaveCount(0);
  const mailbox = await owner.request.get("/dev/boite-mail");
  expect(await mailbox.text()).not.toContain(target);
  await ownerContext.close();
});
