/**
 * robots.txt: public pages are open to search engines; signed-in spaces, account and sign-in
 * pages, one-time links, the development mailbox, technical endpoints and Remix's data requests
 * are not worth crawling (they answer 302/404 to a robot anyway). The sitemap lists what is.
 */
export const disallowedPaths = [
  "/admin",
  "/t/",
  "/mon-espace",
  "/compte",
  "/connexion",
  "/deconnexion",
  "/inscription",
  "/invitation",
  "/mot-de-passe",
  "/verification-email",
  "/structures/",
  "/voir-comme/",
  "/bonnes-pratiques/abonnement/confirmer",
  "/bonnes-pratiques/desabonnement",
  "/dev/",
  "/api/",
  "/webhooks/",
  "/healthz",
  // Single-fetch data requests of every page (/barometre.data, /_root.data…).
  "/*.data$",
] as const;

export function robotsTxt(appUrl: string): string {
  return [
    "User-agent: *",
    "Allow: /",
    ...disallowedPaths.map((path) => `Disallow: ${path}`),
    "",
    `Sitemap: ${appUrl.replace(/\/$/, "")}/sitemap.xml`,
    "",
  ].join("\n");
}
