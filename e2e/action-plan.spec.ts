import { demoAccounts } from "./fixtures/accounts";
import { loginAs, sameOriginHeaders } from "./fixtures/login";
import { expect, test } from "./fixtures/test";

/*
 * Acceptance (action plan): the owner of Villeurbanne finds the plan its results proposed, assigns
 * an action to a member with a due date; the member moves it to "en cours" with the keyboard only
 * on the table, then comments; the viewer sees no control and the server refuses his posts;
 * another structure's member gets 404 everywhere, forged ids included. Every page is scanned with axe.
 */
test.describe.configure({ mode: "serial" });

let actionUrl = "";
let actionTitle = "";

test("la responsable affecte une action proposée à un membre, avec une échéance", async ({ page }) => {
  await loginAs(page, demoAccounts.villeurbanneOwner);
  await page.goto("/t/villeurbanne");
  await page.getByRole("navigation", { name: /Espace de/ }).getByRole("link", { name: "Plan d'action" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Plan d'action" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Avancement du plan" })).toContainText(/\d+ % des actions faites/);
  await expect(page.getByRole("region", { name: "Avancement du plan" })).toContainText(/[1-9]\d* actions? en retard/);
  // Actions of the 2022 plan show the 2023 score of what they targeted: "avant → après".
  await expect(page.getByRole("cell", { name: /\(2022\) → \d+,\d \(20\d\d\)/ }).first()).toBeVisible();

  // The proposed actions nobody has taken up yet.
  const filters = page.getByRole("form", { name: "Filtrer le plan" });
  await filters.getByLabel("Responsable").selectOption({ label: "Personne" });
  await filters.getByLabel("Statut").selectOption({ label: "À faire" });
  await filters.getByRole("button", { name: "Afficher" }).click();
  await expect(page).toHaveURL(/statut=a_faire.*responsable=personne/);
  const link = page.getByRole("table", { name: /Actions du plan/ }).getByRole("rowheader").getByRole("link").first();
  actionTitle = (await link.innerText()).trim();
  await link.click();
  await expect(page.getByRole("heading", { level: 1, name: actionTitle })).toBeVisible();
  await expect(page.getByRole("region", { name: "Constats et objectif" })).toContainText(/sous le seuil de 70/);
  actionUrl = new URL(page.url()).pathname;

  const form = page.getByRole("region", { name: "Modifier l'action" });
  await form.getByLabel("Responsable").selectOption({ label: "Élodie Cheffe de l'accueil" });
  await form.getByLabel("Échéance").fill("2027-01-15");
  await form.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByRole("status")).toHaveText("Action mise à jour.");
  await expect(page.getByRole("definition").filter({ hasText: "Élodie Cheffe de l'accueil" })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: "15 janvier 2027" })).toBeVisible();

  // The printable view lists the plan with the new owner.
  await page.goto("/t/villeurbanne/plan-action/imprimer");
  await expect(page.getByRole("heading", { level: 1, name: "Plan d'action de Ville de Villeurbanne" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: actionTitle })).toContainText("Élodie Cheffe de l'accueil");
});

test("le membre passe l'action « en cours » au clavier depuis le tableau, puis la commente", async ({ page }) => {
  await loginAs(page, demoAccounts.villeurbanneMember);
  await page.goto("/t/villeurbanne/plan-action?responsable=&tri=echeance");
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: actionTitle, exact: true }) });
  await expect(row).toContainText("Élodie Cheffe de l'accueil");
  // Keyboard only: focus the row's status list, choose "En cours" with the arrow key, Tab to the button, Enter.
  const status = row.getByRole("combobox", { name: `Statut de « ${actionTitle} »` });
  await status.focus();
  await page.keyboard.press("ArrowDown");
  await expect(status).toHaveValue("en_cours");
  await page.keyboard.press("Tab");
  await expect(row.getByRole("button", { name: `Changer de « ${actionTitle} »` })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toHaveText("Statut : En cours.");

  await page.goto(actionUrl);
  await expect(page.getByRole("definition").filter({ hasText: "En cours" })).toBeVisible();
  await page.getByLabel("Votre commentaire").fill("Point fait avec l'équipe d'accueil : planning des permanences revu.");
  await page.getByRole("button", { name: "Commenter" }).click();
  await expect(page.getByRole("status")).toHaveText("Commentaire ajouté.");
  await expect(page.getByRole("region", { name: /Commentaires/ }).getByRole("listitem").last()).toContainText("planning des permanences revu");

  // Empty comment: refused with a French message, nothing added.
  await page.getByRole("button", { name: "Commenter" }).click();
  await expect(page.getByText("Écrivez un commentaire.")).toBeVisible();
});

test("le lecteur consulte sans aucune commande, et le serveur refuse ses envois", async ({ page }) => {
  await loginAs(page, demoAccounts.villeurbanneViewer);
  await page.goto("/t/villeurbanne/plan-action");
  await expect(page.getByRole("table", { name: /Actions du plan/ })).toBeVisible();
  await expect(page.getByRole("button", { name: /Changer/ })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Ajouter une action" })).toHaveCount(0);
  await page.goto("/t/villeurbanne/plan-action?vue=colonnes");
  await expect(page.getByRole("region", { name: /En cours \(\d+\)/ })).toBeVisible();
  await expect(page.getByRole("button", { name: /Déplacer/ })).toHaveCount(0);
  await page.goto(actionUrl);
  await expect(page.getByText("Votre rôle de lecteur permet de consulter le plan, sans le modifier.")).toBeVisible();
  for (const name of ["Enregistrer", "Commenter", "Supprimer l'action"]) await expect(page.getByRole("button", { name })).toHaveCount(0);
  const id = actionUrl.split("/").pop()!;
  for (const [url, form] of [
    [actionUrl, { intent: "update", title: "Détourné" }],
    [actionUrl, { intent: "comment", body: "Non" }],
    [actionUrl, { intent: "delete" }],
    ["/t/villeurbanne/plan-action", { intent: "status", id, status: "fait" }],
    ["/t/villeurbanne/plan-action", { intent: "create", title: "Action d'un lecteur" }],
  ] as const) {
    expect((await page.request.post(url, { form, headers: sameOriginHeaders() })).status(), `${url} ${form.intent}`).toBe(403);
  }
  await page.goto(actionUrl);
  await expect(page.getByRole("heading", { level: 1, name: actionTitle })).toBeVisible();
});

test("un membre d'une autre structure reçoit 404 partout, identifiants forgés compris", async ({ page }) => {
  await loginAs(page, demoAccounts.lambersartOwner);
  const id = actionUrl.split("/").pop()!;
  for (const url of ["/t/villeurbanne/plan-action", actionUrl, "/t/villeurbanne/plan-action.csv", "/t/villeurbanne/plan-action/imprimer"]) {
    expect((await page.request.get(url)).status(), url).toBe(404);
  }
  // Villeurbanne's action id posted through Lambersart's own plan: not found, nothing changes.
  for (const [url, form] of [
    ["/t/lambersart/plan-action", { intent: "status", id, status: "abandonne" }],
    [`/t/lambersart/plan-action/${id}`, { intent: "update", title: "Détourné", status: "abandonne", priority: "basse" }],
    [`/t/lambersart/plan-action/${id}`, { intent: "comment", body: "Intrusion" }],
    [`/t/lambersart/plan-action/${id}`, { intent: "delete" }],
    ["/t/lambersart/plan-action/pas-un-identifiant", { intent: "delete" }],
  ] as const) {
    expect((await page.request.post(url, { form, headers: sameOriginHeaders() })).status(), `${url} ${form.intent}`).toBe(404);
  }
  await page.goto("/t/lambersart/plan-action");
  await expect(page.getByRole("heading", { level: 1, name: "Plan d'action" })).toBeVisible();
});
