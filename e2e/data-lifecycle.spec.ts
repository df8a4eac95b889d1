import { readFileSync } from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import { completeSiret } from "../app/modules/tenancy/siret";
import { demoAccounts } from "./fixtures/accounts";
import { loginAs } from "./fixtures/login";
import { signUpAndVerify } from "./fixtures/signup";
import { expect, test } from "./fixtures/test";

/*
 * The data lifecycle of a structure: its owner downloads everything the portal holds about it (a
 * ZIP of JSON and CSV files); an AFNOR admin deletes a structure (created for this journey) after
 * retyping its name, and it leaves the directory while its former owner is signed out. Every page
 * is checked by axe (fixtures/test.ts).
 */
test("le responsable de Villeurbanne télécharge les données de sa structure", async ({ page }) => {
  await loginAs(page, demoAccounts.villeurbanneOwner);
  await page.goto("/t/villeurbanne");
  await page.getByRole("navigation", { name: "Espace de Ville de Villeurbanne" }).getByRole("link", { name: "Données de la structure" }).click();
  await expect(page).toHaveURL("/t/villeurbanne/donnees");
  await expect(page.getByRole("heading", { level: 1, name: "Données de la structure" })).toBeVisible();
  await expect(page.getByRole("table", { name: /Fichiers CSV de l'archive/ })).toContainText("membres.csv");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Télécharger les données (ZIP)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^donnees-villeurbanne-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
  expect(Object.keys(files)).toEqual(expect.arrayContaining(["LISEZMOI.txt", "donnees.json", "membres.csv", "factures.csv", "plan-action.csv", "journal.csv"]));
  const data = JSON.parse(strFromU8(files["donnees.json"]!)) as { membres: { email: string }[]; structure: { slug: string }[] };
  expect(data.structure[0]!.slug).toBe("villeurbanne");
  expect(data.membres.map((m) => m.email)).toContain(demoAccounts.villeurbanneOwner);
  expect(strFromU8(files["donnees.json"]!)).not.toMatch(/passwordHash|tokenHash|argon2/);
  expect(strFromU8(files["LISEZMOI.txt"]!)).toContain("Données de la structure « Ville de Villeurbanne »");
});

test("un lecteur n'a ni la page ni l'archive des données", async ({ page }) => {
  await loginAs(page, demoAccounts.villeurbanneViewer);
  await page.goto("/t/villeurbanne");
  await expect(page.getByRole("link", { name: "Données de la structure" })).toHaveCount(0);
  expect((await page.request.get("/t/villeurbanne/donnees.zip")).status()).toBe(403);
  expect((await page.request.get("/t/villeurbanne/donnees")).status()).toBe(403);
});

test("un administrateur supprime une structure et anonymise ses données", async ({ page, browser }) => {
  // A structure created for this journey (Albi: no other journey uses it), by a fresh account.
  await signUpAndVerify(page, "suppression", "Paul Éphémère");
  const suffix = Date.now().toString(36);
  const slug = `albi-${suffix}`;
  const name = `Ville d'Albi ${suffix}`;
  await page.goto("/structures/nouvelle");
  await page.getByLabel("Type de structure").selectOption({ label: "Commune" });
  await page.getByLabel("Nom, code postal ou code officiel").fill("Albi");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await page.getByRole("link", { name: "Choisir Albi (Tarn)" }).click();
  const form = page.locator("form").filter({ has: page.getByRole("heading", { name: "Votre structure" }) });
  const siretHint = await form.getByText(/commence par son SIREN/).innerText();
  const siren = /SIREN : ([\d\s\u00a0\u202f]+)\./.exec(siretHint)?.[1]?.replace(/\D/g, "");
  await form.getByLabel("SIRET").fill(completeSiret(siren!));
  await form.getByLabel("Nom de la structure").fill(name);
  await form.getByLabel("Adresse de votre espace").fill(slug);
  await form.getByRole("button", { name: "Créer l'espace" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${slug}\\?bienvenue=1$`));

  // The admin finds it, mistypes its name (refused, nothing deleted), then confirms.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await loginAs(admin, demoAccounts.admin);
  await admin.goto(`/admin?q=${slug}`);
  await admin.getByRole("link", { name }).click();
  await expect(admin).toHaveURL(`/admin/structures/${slug}`);
  const deletion = admin.locator("section").filter({ has: admin.getByRole("heading", { name: "Supprimer la structure et anonymiser ses données" }) });
  await deletion.getByLabel(/Pour confirmer, recopiez le nom de la structure/).fill(`Ville d'Alby ${suffix}`);
  await deletion.getByRole("button", { name: "Supprimer la structure et anonymiser ses données" }).click();
  await expect(deletion.getByText(`Le nom recopié ne correspond pas : saisissez exactement « ${name} ».`)).toBeVisible();
  await expect(deletion.getByLabel(/Pour confirmer/)).toHaveAttribute("aria-invalid", "true");
  expect((await page.request.get(`/t/${slug}`, { maxRedirects: 0 })).status()).toBe(200);

  await deletion.getByLabel(/Pour confirmer/).fill(name);
  await deletion.getByRole("button", { name: "Supprimer la structure et anonymiser ses données" }).click();
  await expect(admin.getByRole("status").filter({ hasText: `${name} est supprimée` })).toContainText("factures et paiements conservés");
  await expect(admin.getByText(/Structure supprimée le/)).toBeVisible();
  await expect(admin.getByRole("heading", { name: "Supprimer la structure et anonymiser ses données" })).toHaveCount(0);

  // Gone from the directory and its search; the former owner's account is closed with it.
  await admin.goto(`/admin?q=${slug}`);
  await expect(admin.getByRole("link", { name })).toHaveCount(0);
  const former = await page.request.get(`/t/${slug}`, { maxRedirects: 0 });
  expect(former.status()).toBe(302);
  expect(former.headers()["location"]).toMatch(/^\/connexion/);
  await admin.goto(`/admin/journal?action=tenant.deleted`);
  await expect(admin.getByRole("table")).toContainText("tenant.deleted");
  await adminContext.close();
});
