import { expect, test } from "./fixtures/test";
import { loginAs } from "./fixtures/login";
import { latestEmailTo } from "./fixtures/mailbox";

/*
 * Sales chase an overdue invoice: the demo seed holds one (a peer structure's 2027 invoice
 * BEC-2027-0042, due 15 days ago: db/seed/unpaid.ts). "Relancer" e-mails the billing contact once;
 * a second click the same (Paris) day is refused politely. Needs a freshly seeded database: a run
 * earlier the same day has already sent today's reminder.
 */
test("sales remind an overdue invoice once a day", async ({ page }) => {
  await loginAs(page, "ventes@afnor.example");
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Back-office" }).getByRole("link", { name: "Impayés" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Impayés" })).toBeVisible();

  const row = page.getByRole("table", { name: /Factures à suivre/ }).getByRole("row").filter({ hasText: "BEC-2027-0042" });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("cell").filter({ hasText: /^\d+ jours?$/ })).toBeVisible();
  await expect(row).toContainText(/\d[\d\u202f ]*,\d{2}\u00a0€/);
  const contact = (await row.getByRole("cell").filter({ hasText: /^comptabilite@/ }).innerText()).trim();

  await row.getByRole("button", { name: /Relancer/ }).click();
  await expect(page.getByRole("status").filter({ hasText: `Relance envoyée à ${contact}` })).toBeVisible();

  const email = await latestEmailTo(page, contact, /BEC-2027-0042/);
  expect(email.subject).toMatch(/^Facture BEC-2027-0042 échue le /);
  expect(email.text).toContain("n'est pas encore réglée");
  await page.goto("/dev/boite-mail");
  await expect(
    page
      .getByRole("table", { name: /Messages/ })
      .getByRole("row")
      .filter({ has: page.getByRole("cell", { name: contact, exact: true }) }),
  ).toHaveCount(1);

  // Same day, second click: refused, no second e-mail; the list shows the reminder.
  await page.goto("/admin/impayes");
  await expect(row).toContainText(/\d{4} à \d{2}:\d{2}/);
  await row.getByRole("button", { name: /Relancer/ }).click();
  await expect(page.getByText("Une relance a déjà été envoyée aujourd'hui pour cette facture.")).toBeVisible();
  await page.goto("/dev/boite-mail");
  await expect(
    page
      .getByRole("table", { name: /Messages/ })
      .getByRole("row")
      .filter({ has: page.getByRole("cell", { name: contact, exact: true }) }),
  ).toHaveCount(1);

  const csv = await page.request.get("/admin/impayes.csv");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(await csv.text()).toMatch(/;BEC-2027-0042;\d+,\d{2};\d\d\/\d\d\/\d{4};\d+;comptabilite@/);
});

test("tenant users and auditors cannot reach the unpaid follow-up", async ({ page }) => {
  await loginAs(page, "qualite@lambersart.example");
  expect((await page.request.get("/admin/impayes")).status()).toBe(404);
  expect((await page.request.get("/admin/impayes.csv")).status()).toBe(404);
});
