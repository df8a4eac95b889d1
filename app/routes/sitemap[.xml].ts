import { env } from "~/env.server";
import { sitemapXml } from "~/modules/practices/feed";
import { publishedAddresses } from "~/modules/practices/practices.server";
import { practicePath } from "~/modules/practices/search";
import { laureatesForSitemap } from "~/modules/public/laureates.server";

/** The public pages, then every published good practice (scheduled ones appear on their Monday). */
const publicPages = [
  "/",
  "/barometre",
  "/chiffres-cles",
  "/laureats",
  "/bonnes-pratiques",
  "/bonnes-pratiques/abonnement",
  "/donnees",
  "/accessibilite",
  "/mentions-legales",
  "/donnees-personnelles",
];

export async function loader() {
  const practices = await publishedAddresses();
  const showcase = await laureatesForSitemap();
  const entries = [
    ...publicPages.map((path) => ({ path })),
    ...practices.map((p) => ({ path: practicePath(p), lastModified: p.updatedAt > p.publishAt ? p.updatedAt : p.publishAt })),
    ...showcase.editions,
    ...showcase.laureates,
  ];
  return new Response(sitemapXml(env().APP_URL, entries), {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
