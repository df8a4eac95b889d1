import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { publicMeta } from "~/utils/seo";
import { JsonLd, LaureateGroups } from "~/components/laureates";
import { env } from "~/env.server";
import { publicDataPageHeaders } from "~/modules/public/http-cache";
import { laureateYearPath, parseLaureateYear } from "~/modules/public/laureates";
import { laureatesOf } from "~/modules/public/laureates.server";

export const headers = publicDataPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "Édition introuvable | Baromètre Expérience Citoyen" }];
  return publicMeta({
    title: `Les lauréats ${data.year} du Baromètre Expérience Citoyen`,
    description: `Les ${data.count} lauréats de l'édition ${data.year} du Baromètre Expérience Citoyen d'AFNOR, catégorie par catégorie, avec leurs mentions spéciales.`,
    path: "",
    origin: data.canonical,
  });
};

/** "/laureats/2020": an edition's laureates by category; an edition without public laureate is a 404. */
export async function loader({ params }: LoaderFunctionArgs) {
  const year = parseLaureateYear(params.annee);
  const edition = year ? await laureatesOf(year) : null;
  if (!edition) throw new Response("Aucun lauréat publié pour cette édition.", { status: 404 });
  return { ...edition, origin: env().APP_URL, canonical: `${env().APP_URL}${laureateYearPath(edition.year)}` };
}

export default function EditionLaureatesPage() {
  const { year, groups, origin, canonical } = useLoaderData<typeof loader>();
  const all = groups.flatMap((group) => group.laureates);
  return (
    <div className="container stack stack-lg">
      <p>
        <Link to="/laureats">Tous les lauréats</Link>
      </p>
      <header className="stack stack-sm">
        <h1>Les lauréats {year}</h1>
        <p className="lead">
          {all.length} {all.length > 1 ? "structures distinguées" : "structure distinguée"} lors de l'édition {year} du baromètre, dans l'ordre des catégories du palmarès.
        </p>
      </header>
      <LaureateGroups groups={groups} />
      <JsonLd
        data={{
          "@context": "https://schema.org",
          "@type": "ItemList",
          name: `Les lauréats ${year} du Baromètre Expérience Citoyen`,
          url: canonical,
          numberOfItems: all.length,
          itemListElement: all.map((l, index) => ({
            "@type": "ListItem",
            position: index + 1,
            name: l.mentionLabel ? `${l.name} (${l.categoryLabel}, ${l.mentionLabel})` : `${l.name} (${l.categoryLabel})`,
            url: `${origin}${l.url}`,
          })),
        }}
      />
    </div>
  );
}
