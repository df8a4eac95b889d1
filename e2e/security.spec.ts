import { DEMO_PASSWORD, demoAccounts } from "./fixtures/accounts";
import { loginAs, sameOriginHeaders } from "./fixtures/login";
import { signUp } from "./fixtures/signup";
import { expect, test } from "./fixtures/test";

/*
 * Acceptance 6 (and the security headers of the issue): cross-site POSTs are refused, repeated
 * wrong passwords lock the account with a French message, the session cookie has the right flags,
 * the CSP is strict, /healthz answers after a database round trip, the demo accounts log in.
 */

test("une requête POST venue d'un autre site est refusée (403)", async ({ page }) => {
  const crossSite = await page.request.post("/connexion", {
    form: { email: demoAccounts.admin, password: DEMO_PASSWORD, redirectTo: "/mon-espace" },
    headers: { Origin: "https://evil.example" },
    maxRedirects: 0,
  });
  expect(crossSite.status()).toBe(403);
  expect(await crossSite.text()).toContain("Requête refusée");
  expect(crossSite.headers()["set-cookie"]).toBeUndefined();

  // Sec-Fetch-Site alone is enough too (a browser that sends no Origin).
  const fetchSite = await page.request.post("/connexion", {
    form: { email: demoAccounts.admin, password: DEMO_PASSWORD },
    headers: { "Sec-Fetch-Site": "cross-site" },
    maxRedirects: 0,
  });
  expect(fetchSite.status()).toBe(403);

  // The same request from the portal itself goes through.
  const sameSite = await page.request.post("/connexion", {
    form: { email: demoAccounts.admin, password: DEMO_PASSWORD, redirectTo: "/mon-espace" },
    headers: sameOriginHeaders(),
    maxRedirects: 0,
  });
  expect(sameSite.status()).toBe(302);
});

test("10 mauvais mots de passe bloquent le compte, avec un message en français", async ({ page, a11y }) => {
  // A fresh account: locking a demo account would break the other journeys.
  const account = await signUp(page, "verrouillage");
  for (let attempt = 1; attempt <= 9; attempt++) {
    const response = await page.request.post("/connexion", {
      form: { email: account.email, password: `Mauvais mot de passe ${attempt}`, redirectTo: "/mon-espace" },
      headers: sameOriginHeaders(),
      maxRedirects: 0,
    });
    expect(response.status(), `tentative ${attempt}`).toBe(200);
    expect(response.headers()["set-cookie"]).toBeUndefined();
  }

  // The 10th wrong password, through the form: still the ordinary message.
  await page.goto("/connexion");
  const form = page.getByRole("region", { name: "Avec votre mot de passe" });
  await form.getByLabel("Adresse e-mail").fill(account.email);
  await form.getByLabel("Mot de passe", { exact: true }).fill("Mauvais mot de passe 10");
  await form.getByRole("button", { name: "Se connecter" }).click();
  await expect(form.getByRole("alert")).toHaveText("Adresse e-mail ou mot de passe incorrect.");

  // The 11th attempt is refused even with the right password.
  await form.getByLabel("Mot de passe", { exact: true }).fill(account.password);
  await form.getByRole("button", { name: "Se connecter" }).click();
  await expect(form.getByRole("alert")).toContainText(/^Trop de tentatives\. Par sécurité, réessayez dans \d+ minutes?\.$/);
  await expect(page).toHaveURL(/\/connexion$/);
  await a11y.check(page, "connexion : trop de tentatives");
  const cookies = await page.context().cookies();
  expect(cookies.find((cookie) => cookie.name.endsWith("ec_session"))).toBeUndefined();
});

test("le cookie de session est HttpOnly, SameSite=Lax, Path=/", async ({ page }) => {
  const setCookie = await loginAs(page, demoAccounts.auditor);
  const [nameValue, ...attributes] = setCookie.split(";").map((part) => part.trim());
  // Served over http://localhost here: no `Secure` flag and no `__Host-` prefix (a browser would
  // drop a Secure cookie on http). With an https APP_URL the server adds both (env.secureCookies).
  expect(nameValue).toMatch(/^ec_session=[^.]+\.[^.]+$/);
  expect(attributes).toContain("HttpOnly");
  expect(attributes).toContain("SameSite=Lax");
  expect(attributes).toContain("Path=/");
  expect(attributes.some((attribute) => /^Max-Age=\d+$/.test(attribute))).toBe(true);
  expect(attributes).not.toContain("Secure");

  const [cookie] = (await page.context().cookies()).filter((c) => c.name === "ec_session");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/", secure: false });
  // Not readable from scripts.
  await page.goto("/mon-espace");
  expect(await page.evaluate(() => document.cookie)).not.toContain("ec_session");
});

test("les en-têtes de sécurité : CSP stricte avec nonce", async ({ page }) => {
  const cspErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) cspErrors.push(message.text());
  });
  const response = await page.goto("/connexion");
  const headers = response!.headers();
  const csp = headers["content-security-policy"] ?? "";
  const directives = new Map(
    csp
      .split(";")
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name!, values]),
  );
  expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
  expect(directives.get("object-src")).toEqual(["'none'"]);
  expect(directives.get("base-uri")).toEqual(["'none'"]);
  const scriptSrc = directives.get("script-src") ?? [];
  expect(scriptSrc.some((source) => /^'nonce-[A-Za-z0-9+/=]{16,}'$/.test(source))).toBe(true);
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-powered-by"]).toBeUndefined();

  // A new nonce on every response.
  const again = await page.request.get("/connexion");
  const nonce = (value: string) => /'nonce-([^']+)'/.exec(value)?.[1];
  expect(nonce(again.headers()["content-security-policy"] ?? "")).not.toBe(nonce(csp));

  // The page's own scripts carry the nonce: nothing is blocked and the app hydrates
  // (a client-side navigation fetches data instead of reloading the document).
  const documents: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "document") documents.push(request.url());
  });
  await page.getByRole("link", { name: "Mot de passe oublié ?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mot de passe oublié" })).toBeVisible();
  expect(documents).toEqual([]);
  expect(cspErrors).toEqual([]);
});

test("/healthz répond après un aller-retour à la base", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", db: "ok" });
});

test("les comptes de démonstration se connectent", async ({ page }) => {
  await page.goto("/connexion");
  const demo = page.getByRole("region", { name: "Comptes de démonstration" });
  await expect(demo.getByText(DEMO_PASSWORD)).toBeVisible();
  for (const email of Object.values(demoAccounts)) await expect(demo.getByText(email, { exact: true })).toBeVisible();
  for (const email of Object.values(demoAccounts)) {
    await page.context().clearCookies();
    await loginAs(page, email);
    await page.goto("/compte");
    await expect(page.getByRole("heading", { level: 1, name: "Mon compte" })).toBeVisible();
    await expect(page.getByText(email, { exact: false }).first()).toBeVisible();
  }
});
