import type { APIResponse } from "@playwright/test";
import { cspDirectives } from "../app/modules/observability/security-headers";
import { exportsAction, fullPath, manifest, type ManifestRoute } from "../db/testing/route-manifest";
import { demoAccounts } from "./fixtures/accounts";
import { loginAs, sameOriginHeaders } from "./fixtures/login";
import { expect, test } from "./fixtures/test";

/*
 * Issue #10: the security headers and the cross-site check, on the production server.
 * - Every route module that exports an `action` (read from Remix's own route manifest, so a new
 *   form is covered the day its file is added) refuses a POST carrying another site's Origin, and
 *   one marked `Sec-Fetch-Site: cross-site`, with 403 — before any lookup, so the URL parameters
 *   only need plausible values. The two documented exceptions (Stripe's webhook, verified by
 *   signature; the RFC 8058 one-click unsubscribe, posted by mail providers) answer an unsigned /
 *   unknown-token POST with an error instead.
 * - Pages of every kind (public, a member's, the back-office, a PDF, a CSV) carry a strict CSP with
 *   a nonce, nosniff, a Referrer-Policy and no X-Powered-By. HSTS (https only) is asserted on the
 *   header configuration: app/modules/observability/security-headers.test.ts.
 */

/** Demo values for the URL parameters: the refusal comes before any lookup, any value would do. */
const demoParams: Record<string, string> = {
  tenant: "villeurbanne",
  slug: "villeurbanne",
  annee: "2027",
  code: "diagnostic-interne",
  id: "00000000-0000-4000-8000-000000000000",
  ref: "1-pratique",
};
function urlOf(route: ManifestRoute) {
  const filled = fullPath(route)
    .replace(/:(\w+)\??/g, (_, name: string) => demoParams[name] ?? "demo")
    .replace(/\/\*$/, "/demo");
  return route.index ? `${filled}?index` : filled;
}

const actionRoutes = Object.values(manifest)
  .filter((route) => exportsAction(route.file))
  .map((route) => ({ file: route.file.replace(/^routes\//, ""), url: urlOf(route) }))
  .sort((a, b) => a.file.localeCompare(b.file));

/** The documented exceptions to the cross-site check, and the error they answer without a signature / a valid token. */
const exempt: Record<string, { query: string; body: { data?: string; form?: Record<string, string> } }> = {
  "webhooks.stripe.ts": { query: "", body: { data: JSON.stringify({ type: "checkout.session.completed", data: { object: { id: "cs_forge" } } }) } },
  "bonnes-pratiques_.desabonnement.tsx": { query: "?jeton=jeton-invente-par-un-tiers", body: { form: { "List-Unsubscribe": "One-Click" } } },
};

const REFUSAL = "Requête refusée : elle ne provient pas du portail.";

test("chaque action refuse un POST venu d'un autre site (403)", async ({ page }) => {
  // Signed in as an admin: the refusal must not depend on being anonymous.
  await loginAs(page, demoAccounts.admin);
  expect(actionRoutes.length, "the manifest lists the portal's forms").toBeGreaterThan(40);
  for (const name of Object.keys(exempt)) expect(actionRoutes.map((r) => r.file), `${name} is in the manifest`).toContain(name);

  const failures: string[] = [];
  let checked = 0;
  for (const { file, url } of actionRoutes) {
    const exception = exempt[file];
    const attempts: { label: string; headers: Record<string, string> }[] = [
      { label: "Origin: https://evil.example", headers: { Origin: "https://evil.example" } },
      { label: "Sec-Fetch-Site: cross-site", headers: { "Sec-Fetch-Site": "cross-site" } },
    ];
    for (const attempt of attempts) {
      const response = await page.request.post(exception ? `${url}${exception.query}` : url, {
        headers: attempt.headers,
        ...(exception ? exception.body : { form: { intent: "forge" } }),
        maxRedirects: 0,
      });
      const text = await response.text();
      if (exception) {
        // Not refused by the cross-site check, but never a success without a signature / a valid token.
        if (response.status() < 400 || text === REFUSAL) failures.push(`${file} (${attempt.label}) → ${response.status()}, attendu une erreur sans signature ni jeton valable`);
      } else if (response.status() !== 403 || text !== REFUSAL || response.headers()["set-cookie"] !== undefined) {
        failures.push(`${file} POST ${url} (${attempt.label}) → ${response.status()} ${text.slice(0, 80)}`);
      }
      checked += 1;
    }
  }
  console.info(`Requêtes inter-sites : ${actionRoutes.length} actions vérifiées (${checked} POST refusés ou rejetés, dont ${Object.keys(exempt).length} exceptions documentées).`);
  expect(failures).toEqual([]);
});

test("les exceptions répondent 400 sans signature ni jeton valable, jamais 500", async ({ page }) => {
  const webhook = exempt["webhooks.stripe.ts"]!;
  for (const headers of [{}, { Origin: "https://evil.example" }, { "Sec-Fetch-Site": "cross-site" }] as Record<string, string>[]) {
    const response = await page.request.post("/webhooks/stripe", { headers, ...webhook.body });
    expect(response.status(), JSON.stringify(headers)).toBe(400);
  }
  const unsubscribe = exempt["bonnes-pratiques_.desabonnement.tsx"]!;
  for (const headers of [{}, { "Sec-Fetch-Site": "cross-site" }] as Record<string, string>[]) {
    const response = await page.request.post(`/bonnes-pratiques/desabonnement${unsubscribe.query}`, { headers, ...unsubscribe.body, maxRedirects: 0 });
    expect(response.status(), JSON.stringify(headers)).toBe(400);
    expect(await response.text()).toContain("Ce lien de désabonnement n&#x27;est pas valable.");
  }
});

/*
 * A mail provider posts the one-click unsubscribe from its own origin: the portal lets it through
 * (Remix's own Origin/Host check would otherwise abort it with a 500) and the token decides.
 */
test("désinscription en un clic postée avec l'Origin d'un fournisseur de messagerie : pas de 500", async ({ page }) => {
  const unsubscribe = exempt["bonnes-pratiques_.desabonnement.tsx"]!;
  const response = await page.request.post(`/bonnes-pratiques/desabonnement${unsubscribe.query}`, {
    headers: { Origin: "https://mail.fournisseur.example" },
    ...unsubscribe.body,
    maxRedirects: 0,
  });
  expect(response.status()).toBe(400);
});

test("les mêmes POST venus du portail passent la vérification (contrôle positif)", async ({ page }) => {
  const passed: string[] = [];
  for (const { file, url } of actionRoutes) {
    if (exempt[file]) continue;
    const response = await page.request.post(url, { headers: sameOriginHeaders(), form: { intent: "controle" }, maxRedirects: 0 });
    if ((await response.text()) === REFUSAL) passed.push(`${file} refusé alors qu'il vient du portail`);
  }
  expect(passed).toEqual([]);
});

/* ------------------------------------------------------------------------------- headers */

function headerProblems(label: string, response: APIResponse) {
  const headers = response.headers();
  const problems: string[] = [];
  const csp = cspDirectives(headers["content-security-policy"] ?? "");
  const scriptSrc = csp.get("script-src") ?? [];
  if (!scriptSrc.some((s) => /^'nonce-[A-Za-z0-9+/=]{16,}'$/.test(s))) problems.push("script-src sans nonce");
  if (scriptSrc.includes("'unsafe-inline'") || scriptSrc.includes("'unsafe-eval'")) problems.push("script-src permissif");
  for (const [name, expected] of [
    ["frame-ancestors", ["'none'"]],
    ["object-src", ["'none'"]],
    ["base-uri", ["'none'"]],
  ] as const) {
    if (JSON.stringify(csp.get(name)) !== JSON.stringify(expected)) problems.push(`${name} = ${csp.get(name)?.join(" ") ?? "absent"}`);
  }
  if (headers["x-content-type-options"] !== "nosniff") problems.push("X-Content-Type-Options absent");
  if (headers["referrer-policy"] !== "strict-origin-when-cross-origin") problems.push(`Referrer-Policy = ${headers["referrer-policy"]}`);
  if (headers["x-powered-by"] !== undefined) problems.push("X-Powered-By présent");
  // Served over http here: no HSTS (it is asserted for https on the header configuration).
  if (headers["strict-transport-security"] !== undefined) problems.push("HSTS sur http");
  return problems.map((p) => `${label} : ${p}`);
}

const pages: { who: keyof typeof demoAccounts | null; url: string; type: RegExp }[] = [
  { who: null, url: "/", type: /^text\/html/ },
  { who: null, url: "/connexion", type: /^text\/html/ },
  { who: null, url: "/laureats", type: /^text\/html/ },
  { who: null, url: "/donnees/laureats.csv", type: /^text\/csv/ },
  { who: null, url: "/page-qui-n-existe-pas", type: /^text\/html/ },
  { who: "villeurbanneOwner", url: "/t/villeurbanne", type: /^text\/html/ },
  { who: "villeurbanneOwner", url: "/t/villeurbanne/plan-action", type: /^text\/html/ },
  { who: "villeurbanneOwner", url: "/t/villeurbanne/inscription/devis.pdf", type: /^application\/pdf/ },
  { who: "villeurbanneOwner", url: "/t/villeurbanne/plan-action.csv", type: /^text\/csv/ },
  { who: "admin", url: "/admin", type: /^text\/html/ },
  { who: "admin", url: "/admin/referentiel/2027.csv", type: /^text\/csv/ },
];

test("en-têtes de sécurité sur les pages publiques, de structure, d'administration, un PDF et un CSV", async ({ page }) => {
  const problems: string[] = [];
  const nonces = new Set<string>();
  let signedInAs: string | null = null;
  for (const { who, url, type } of pages) {
    if (who !== signedInAs) {
      await page.context().clearCookies();
      if (who) await loginAs(page, demoAccounts[who]);
      signedInAs = who;
    }
    const response = await page.request.get(url, { maxRedirects: 0 });
    const label = `${url} (${who ?? "visiteur"})`;
    // The page itself, not a redirect to the login form.
    expect(response.status(), label).toBe(url === "/page-qui-n-existe-pas" ? 404 : 200);
    expect(response.headers()["content-type"], label).toMatch(type);
    problems.push(...headerProblems(label, response));
    nonces.add(/'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1] ?? "");
  }
  expect(problems).toEqual([]);
  // A new nonce on every response.
  expect(nonces.size).toBe(pages.length);

  // The 403 of the cross-site check carries them too.
  const refused = await page.request.post("/connexion", { headers: { Origin: "https://evil.example" }, form: {}, maxRedirects: 0 });
  expect(refused.status()).toBe(403);
  expect(headerProblems("403 inter-sites", refused)).toEqual([]);

  // And the HTML pages' scripts carry the nonce of their own response.
  await page.context().clearCookies();
  const document = await page.goto("/connexion");
  const nonce = /'nonce-([^']+)'/.exec(document!.headers()["content-security-policy"] ?? "")?.[1];
  const scriptNonces = await page.locator("script").evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
});
