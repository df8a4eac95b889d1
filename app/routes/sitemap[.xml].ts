import { env } from "~/env.server";
import { sitemapXml } from "~/modules/practices/feed";
import { publishedAddresses } from "~/modules/practices/practices.server";
import { practicePath } from "~/modules/practices/search";
import { listKeyFigures } from "~/modules/public/key-figures.server";
import { laureatesForSitemap } from "~/modules/public/laureates.server";

/** The public pages and open data, each edition's key figures and laureates, every published good practice (scheduled ones appear on their Monday). */
const publicPages = [
  "/",
  "/barometre",
  "/chiffres-cles",
  "/laureats",
  "/bonnes-pratiques",
  "/bonnes-pratiques/abonnement",
  "/donnees",
  "/donnees/chiffres-cles.csv",
  "/donnees/chiffres-cles.json",
  "/donnees/laureats.csv",
  "/donnees/laureats.json",
  "/accessibilite",
  "/mentions-legales",
  "/donnees-personnelles",
];

export async function loader() {
  const practices = await publishedAddresses();
  const [showcase, figures] = await Promise.all([laureatesForSitemap(), listKeyFigures()]);
  const entries = [
    ...publicPages.map((path) => ({ path })),
    ...practices.map((p) => ({ path: practicePath(p), lastModified: p.updatedAt > p.publishAt ? p.updatedAt : p.publishAt })),
    ...figures.map((edition) => ({ path: `/chiffres-cles/${edition.year}` })),
    ...showcase.editions,
    ...showcase.laureates,
  ];
  return new Response(sitemapXml(env().APP_URL, entries), {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
