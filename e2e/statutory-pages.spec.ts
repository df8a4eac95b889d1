import { expect, test } from "./fixtures/test";

/*
 * The statutory pages every public site must have, reached from the footer of the home page;
 * each is scanned with axe like every page a journey visits.
 */
test("a citizen reads the accessibility statement, legal notice and personal-data notice", async ({ page }) => {
  await page.goto("/");
  const footer = page.getByRole("contentinfo");
  await footer.getByRole("link", { name: "Accessibilité : non conforme" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Déclaration d.accessibilité/ })).toBeVisible();
  await expect(page.getByText(/Libre réponse 71120/)).toBeVisible();

  await footer.getByRole("link", { name: "Mentions légales" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Mentions légales/ })).toBeVisible();

  await footer.getByRole("link", { name: "Données personnelles" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/données personnelles/i);
});
