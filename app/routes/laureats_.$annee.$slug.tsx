import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { publicMeta, SITE_NAME } from "~/utils/seo";
import { JsonLd, LaureateArticle } from "~/components/laureates";
import { env } from "~/env.server";
import { publicDataPageHeaders } from "~/modules/public/http-cache";
import { laureatePath, laureateYearPath, parseLaureateYear } from "~/modules/public/laureates";
import { laureate } from "~/modules/public/laureates.server";

export const headers = publicDataPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "Lauréat introuvable | Baromètre Expérience Citoyen" }];
  const { laureate: l } = data;
  return publicMeta({
    title: `${l.name}, lauréat ${l.year}${l.mentionLabel ? ` (${l.mentionLabel.toLowerCase()})` : ""}`,
    description: l.summary,
    path: "",
    origin: data.canonical,
    type: "article",
  });
};

/** "/laureats/2020/villeurbanne": a standalone page (not nested in the edition's page). */
export async function loader({ params }: LoaderFunctionArgs) {
  const year = parseLaureateYear(params.annee);
  const found = year && params.slug ? await laureate(year, params.slug) : null;
  if (!found) throw new Response("Lauréat introuvable", { status: 404 });
  const { updatedAt, publishedAt, ...shown } = found;
  return {
    laureate: shown,
    publishedAt: (publishedAt ?? updatedAt).toISOString(),
    updatedAt: updatedAt.toISOString(),
    origin: env().APP_URL,
    canonical: `${env().APP_URL}${laureatePath(found)}`,
  };
}

export default function LaureatePage() {
  const { laureate: l, canonical, origin, publishedAt, updatedAt } = useLoaderData<typeof loader>();
  return (
    <div className="container stack stack-lg">
      <nav aria-label="Fil d'Ariane">
        <p>
          <Link to="/laureats">Les lauréats</Link> › <Link to={laureateYearPath(l.year)}>Édition {l.year}</Link>
        </p>
      </nav>
      <LaureateArticle laureate={l} />
      <p>
        <Link to={laureateYearPath(l.year)}>Retour aux lauréats {l.year}</Link>
      </p>
      <JsonLd
        data={{
          "@context": "https://schema.org",
          "@type": "Article",
          headline: `${l.name}, lauréat ${l.year}`,
          description: l.summary,
          url: canonical,
          datePublished: publishedAt,
          dateModified: updatedAt,
          inLanguage: "fr-FR",
          about: { "@type": "Organization", name: l.name, ...(l.place ? { location: l.place } : {}), award: `${SITE_NAME} ${l.year} : ${l.categoryLabel}${l.mentionLabel ? `, ${l.mentionLabel}` : ""}` },
          publisher: { "@type": "Organization", name: "AFNOR", url: origin },
        }}
      />
    </div>
  );
}
