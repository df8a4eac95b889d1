import { completeSiret } from "../app/modules/tenancy/siret";
import { STRONG_PASSWORD, uniqueEmail } from "./fixtures/accounts";
import { sameOriginHeaders } from "./fixtures/login";
import { latestEmailTo, linkTo } from "./fixtures/mailbox";
import { signUp, verifyEmail } from "./fixtures/signup";
import { expect, test } from "./fixtures/test";

/*
 * Acceptance 2: sign up → verification e-mail → verify → create a structure by picking a real
 * commune → invite a colleague → the colleague accepts from the e-mail → both see the structure;
 * the colleague, a viewer, cannot invite. Every page is checked by axe (fixtures/test.ts).
 */
test("inscription, vérification, création d'une commune, invitation d'un collègue lecteur", async ({ page, browser, a11y }, testInfo) => {
  // 1. Sign up through the UI, then confirm the address from the e-mail.
  const owner = await signUp(page, "responsable", "Hélène Responsable");
  await verifyEmail(page, owner.email);
  await expect(page.getByRole("heading", { level: 1, name: "Mon espace" })).toBeVisible();

  // 2. Create the structure of a real commune (Vernon, Eure: not one of the seeded tenants).
  await page.getByRole("link", { name: "Créer l'espace d'une structure" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Créer l'espace d'une structure" })).toBeVisible();
  await page.getByLabel("Type de structure").selectOption({ label: "Commune" });
  await page.getByLabel("Nom, code postal ou code officiel").fill("Vernon");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await page.getByRole("link", { name: "Choisir Vernon (Eure)" }).click();

  const form = page.locator("form").filter({ has: page.getByRole("heading", { name: "Votre structure" }) });
  await expect(form.getByText("Vernon (Commune, code 27681)")).toBeVisible();
  await expect(form.getByText("Eure", { exact: true })).toBeVisible();
  await expect(form.getByText("Normandie", { exact: true })).toBeVisible();
  await expect(form.getByText(/^Catégorie du baromètre/)).toBeVisible();
  await expect(form.getByLabel("Nom de la structure")).toHaveValue("Ville de Vernon");
  await expect(form.getByLabel("Adresse de votre espace")).toHaveValue("vernon");

  // A wrong SIRET is refused with a French message; the right one completes the commune's SIREN.
  const siretHint = await form.getByText(/commence par son SIREN/).innerText();
  const siren = /SIREN : ([\d\s\u00a0\u202f]+)\./.exec(siretHint)?.[1]?.replace(/\D/g, "");
  expect(siren, `SIREN introuvable dans « ${siretHint} »`).toMatch(/^\d{9}$/);
  const siret = completeSiret(siren!);
  const wrongSiret = `${siret.slice(0, 13)}${(Number(siret[13]) + 1) % 10}`;
  await form.getByLabel("SIRET").fill(wrongSiret);
  await form.getByRole("button", { name: "Créer l'espace" }).click();
  await expect(form.getByText(/Ce SIRET n'est pas valide/)).toBeVisible();
  await expect(form.getByLabel("SIRET")).toHaveAttribute("aria-invalid", "true");
  await a11y.check(page, "création de structure : SIRET refusé");
  await form.getByLabel("SIRET").fill(siret);

  // A retry (CI) runs against the same database, where "vernon" is taken by the first attempt.
  const slug = testInfo.retry === 0 ? "vernon" : `vernon-${testInfo.retry}-${Date.now()}`;
  if (testInfo.retry > 0) await form.getByLabel("Adresse de votre espace").fill(slug);
  await form.getByRole("button", { name: "Créer l'espace" }).click();

  await expect(page).toHaveURL(new RegExp(`/t/${slug}\\?bienvenue=1$`));
  await expect(page.getByRole("heading", { level: 1, name: "Ville de Vernon" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Bienvenue dans l'espace de Ville de Vernon." })).toBeVisible();
  await expect(page.getByText("votre rôle : Responsable")).toBeVisible();

  // 3. Invite a colleague as a viewer ("Lecteur").
  await page.getByRole("link", { name: "Inviter vos collègues" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Membres de Ville de Vernon" })).toBeVisible();
  const colleagueEmail = uniqueEmail("collegue");
  const inviteForm = page.locator("form").filter({ has: page.getByRole("heading", { name: "Inviter un collègue" }) });
  await inviteForm.getByLabel("Adresse e-mail").fill(colleagueEmail);
  await inviteForm.getByLabel("Rôle", { exact: true }).selectOption({ label: "Lecteur — Consulte sans rien modifier." });
  await inviteForm.getByRole("button", { name: "Envoyer l'invitation" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Invitation envoyée à ${colleagueEmail}.` })).toBeVisible();
  const pending = page.getByRole("table", { name: "Invitations en attente (1)" });
  await expect(pending.getByRole("row").filter({ hasText: colleagueEmail })).toContainText("Lecteur");
  await a11y.check(page, "membres : invitation envoyée, en attente");

  // 4. The colleague, in another browser, accepts from the e-mail and creates their account.
  const colleagueContext = await browser.newContext();
  const colleague = await colleagueContext.newPage();
  const invitation = await latestEmailTo(colleague, colleagueEmail, /vous invite à rejoindre/);
  expect(invitation.subject).toContain("Hélène Responsable");
  expect(invitation.subject).toContain("Ville de Vernon");
  await colleague.goto(linkTo(invitation, "/invitation"));
  await expect(colleague.getByRole("heading", { level: 1, name: "Rejoindre Ville de Vernon" })).toBeVisible();
  await expect(colleague.getByText(colleagueEmail)).toBeVisible();
  await colleague.getByLabel("Prénom et nom").fill("Paul Collègue");
  await colleague.getByLabel("Mot de passe", { exact: true }).fill(STRONG_PASSWORD);
  await colleague.getByRole("button", { name: "Créer mon compte et rejoindre la structure" }).click();

  await expect(colleague).toHaveURL(new RegExp(`/t/${slug}\\?bienvenue=1$`));
  await expect(colleague.getByRole("heading", { level: 1, name: "Ville de Vernon" })).toBeVisible();
  await expect(colleague.getByText("votre rôle : Lecteur")).toBeVisible();
  await expect(colleague.getByRole("link", { name: "Inviter vos collègues" })).toHaveCount(0);

  // 5. The first user sees the colleague among the members, and no pending invitation any more.
  await page.reload();
  const members = page.getByRole("table", { name: "Membres (2)" });
  await expect(members.getByRole("row").filter({ hasText: colleagueEmail })).toContainText("Lecteur");
  await expect(members.getByRole("row").filter({ hasText: owner.email })).toContainText("Responsable");
  await expect(page.getByRole("table", { name: /Invitations en attente/ })).toHaveCount(0);

  // 6. The viewer sees the members but no invite form…
  await colleague.getByRole("navigation", { name: "Espace de Ville de Vernon" }).getByRole("link", { name: "Membres" }).click();
  await expect(colleague.getByRole("heading", { level: 1, name: "Membres de Ville de Vernon" })).toBeVisible();
  await expect(colleague.getByRole("table", { name: "Membres (2)" })).toBeVisible();
  await expect(colleague.getByRole("heading", { name: "Inviter un collègue" })).toHaveCount(0);
  await expect(colleague.getByRole("button", { name: "Envoyer l'invitation" })).toHaveCount(0);
  await expect(colleague.getByText("Seuls les responsables de la structure peuvent inviter de nouveaux membres.")).toBeVisible();

  // …and a forged invite POST (same origin, valid session) is refused and invites nobody.
  const intruder = uniqueEmail("intrus");
  const forged = await colleague.request.post(`/t/${slug}/membres`, {
    form: { intent: "invite", email: intruder, role: "owner" },
    headers: sameOriginHeaders(),
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(403);
  await page.reload();
  await expect(page.getByRole("table", { name: "Membres (2)" })).toBeVisible();
  await expect(page.getByRole("table", { name: /Invitations en attente/ })).toHaveCount(0);
  await expect(page.getByText(intruder)).toHaveCount(0);
  const mailbox = await page.request.get("/dev/boite-mail");
  expect(await mailbox.text()).not.toContain(intruder);

  await colleagueContext.close();
});
