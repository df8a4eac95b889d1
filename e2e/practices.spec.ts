import { PHONE_PRACTICE_NUMBER, SCHEDULED_PRACTICES, seedPractices } from "../db/seed/practices-data";
import { practiceSlug } from "../app/modules/practices/search";
import { demoAccounts } from "./fixtures/accounts";
import { loginAs } from "./fixtures/login";
import { expect, test } from "./fixtures/test";

/*
 * The good-practice library: a citizen searches it with or without accents and opens the phone
 * practice; a scheduled practice does not exist before its Monday; a member of Villeurbanne sees
 * the practices recommended from her results and keeps one in her favourites.
 * Every page is checked by axe (fixtures/test.ts).
 */

const phone = seedPractices[PHONE_PRACTICE_NUMBER - 1]!;
const scheduledNumber = seedPractices.length - SCHEDULED_PRACTICES + 1;
const scheduled = seedPractices[scheduledNumber - 1]!;

for (const query of ["accueil téléphonique", "telephonique"]) {
  test(`un citoyen cherche « ${query} » et ouvre la bonne pratique du standard`, async ({ page }) => {
    await page.goto("/");
    await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Bonnes pratiques" }).click();
    await expect(page).toHaveURL(/\/bonnes-pratiques$/);
    await expect(page).toHaveTitle("Les bonnes pratiques de l'accueil | Baromètre Expérience Citoyen");
    await page.getByRole("searchbox", { name: "Rechercher" }).fill(query);
    await page.getByRole("button", { name: "Rechercher" }).click();
    await expect(page).toHaveURL(/\?q=/);

    const results = page.getByRole("list", { name: "Bonnes pratiques" }).getByRole("listitem");
    const first = results.first();
    await expect(first.getByRole("heading", { level: 3 })).toHaveText(phone.title);
    await expect(first.locator("mark").first()).toHaveText(/t[ée]l[ée]phon/i);

    await first.getByRole("link", { name: phone.title }).click();
    await expect(page).toHaveURL(new RegExp(`/bonnes-pratiques/${PHONE_PRACTICE_NUMBER}-${practiceSlug(phone.title)}$`));
    await expect(page.getByRole("heading", { level: 1, name: phone.title })).toBeVisible();
    await expect(page.getByText(`Bonne pratique n° ${PHONE_PRACTICE_NUMBER}`, { exact: false }).first()).toBeVisible();
    await expect(page.getByRole("link", { name: "s'abonner par e-mail" })).toHaveAttribute("href", "/bonnes-pratiques/abonnement");
  });
}

test("une bonne pratique programmée n'existe pas avant sa date", async ({ page }) => {
  const response = await page.goto(`/bonnes-pratiques/${scheduledNumber}-${practiceSlug(scheduled.title)}`);
  expect(response?.status()).toBe(404);
  const feed = await page.request.get("/bonnes-pratiques/flux.xml");
  expect(feed.status()).toBe(200);
  expect(await feed.text()).not.toContain(scheduled.title.replace(/'/g, "&apos;"));
});

test("une responsable qualité voit ses recommandations et garde une bonne pratique en favori", async ({ page }) => {
  await loginAs(page, demoAccounts.villeurbanneOwner);
  await page.goto("/t/villeurbanne");
  await page.getByRole("navigation", { name: /Espace de/ }).getByRole("link", { name: "Bonnes pratiques" }).click();
  await expect(page).toHaveURL(/\/t\/villeurbanne\/bonnes-pratiques$/);

  const recommended = page.getByRole("list", { name: "Bonnes pratiques recommandées" }).getByRole("listitem");
  await expect(page.getByText(/vos déterminants les plus faibles sont/)).toBeVisible();
  await expect(recommended.first()).toBeVisible();
  const card = recommended.first();
  const title = (await card.getByRole("heading", { level: 3 }).innerText()).trim();

  // A previous run may have left it in the favourites: start from a clean state.
  const remove = card.getByRole("button", { name: /Retirer des favoris/ });
  if (await remove.isVisible()) {
    await remove.click();
    await expect(page.getByText("Retirée de vos favoris.")).toBeVisible();
  }
  await page.getByRole("list", { name: "Bonnes pratiques recommandées" }).getByRole("listitem").first().getByRole("button", { name: /Ajouter aux favoris/ }).click();
  await expect(page.getByText("Ajoutée à vos favoris.")).toBeVisible();

  const favourites = page.getByRole("list", { name: "Mes bonnes pratiques favorites" });
  await expect(favourites.getByRole("heading", { level: 3, name: title })).toBeVisible();
  await expect(favourites.getByRole("button", { name: /Retirer des favoris/ }).first()).toBeVisible();
});

test("l'administratrice voit les bonnes pratiques programmées et ouvre le formulaire de rédaction", async ({ page }) => {
  await loginAs(page, demoAccounts.admin);
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Back-office" }).getByRole("link", { name: "Bonnes pratiques" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bonnes pratiques" })).toBeVisible();
  await page.goto("/admin/bonnes-pratiques/nouvelle");
  await expect(page.getByRole("heading", { level: 1, name: "Rédiger une bonne pratique" })).toBeVisible();
});
