import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { JsonLd, LaureateGroups } from "~/components/laureates";
import { publicMeta } from "~/utils/seo";
import { env } from "~/env.server";
import { publicDataPageHeaders } from "~/modules/public/http-cache";
import { laureateYearPath } from "~/modules/public/laureates";
import { allEditionsWithLaureates } from "~/modules/public/laureates.server";

export const headers = publicDataPageHeaders;

const title = "Les lauréats du Baromètre Expérience Citoyen";
const description =
  "Les structures publiques distinguées à chaque édition du Baromètre Expérience Citoyen d'AFNOR, par catégorie, avec leurs mentions et ce qu'elles ont mis en place pour mieux accueillir leurs usagers.";

export const meta: MetaFunction<typeof loader> = ({ data }) => publicMeta({ title, description, path: "", origin: data?.canonical ?? "/laureats" });

export async function loader(_: LoaderFunctionArgs) {
  const editions = await allEditionsWithLaureates();
  return { canonical: `${env().APP_URL}/laureats`, origin: env().APP_URL, editions };
}

export default function LaureatesPage() {
  const { editions, origin } = useLoaderData<typeof loader>();
  return (
    <div className="container stack stack-lg">
      <header className="stack stack-sm">
        <h1>Les lauréats du baromètre</h1>
        <p className="lead">
          À chaque édition, le baromètre distingue dans chaque catégorie la structure qui a offert la meilleure expérience à ses usagers lors des audits mystères. Certaines
          reçoivent en plus une mention : numérique, participation citoyenne ou compétence accueil.
        </p>
        <p>
          Ces informations sont aussi disponibles en <Link to="/donnees">données ouvertes</Link>.
        </p>
      </header>
      {editions.length === 0 ? <p>Aucun lauréat n'est publié pour le moment.</p> : null}
      {editions.length > 1 ? (
        <nav aria-label="Éditions">
          <ul className="cluster">
            {editions.map((edition) => (
              <li key={edition.year}>
                <Link to={laureateYearPath(edition.year)}>Édition {edition.year}</Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {editions.map((edition) => (
        <section key={edition.year} className="stack" aria-labelledby={`edition-${edition.year}`}>
          <h2 id={`edition-${edition.year}`}>
            <Link to={laureateYearPath(edition.year)}>Les lauréats {edition.year}</Link>
          </h2>
          <LaureateGroups groups={edition.groups} headingLevel={3} />
        </section>
      ))}
      <JsonLd
        data={{
          "@context": "https://schema.org",
          "@type": "CollectionPage",
          name: title,
          description,
          url: `${origin}/laureats`,
          hasPart: editions.map((edition) => ({ "@type": "WebPage", name: `Les lauréats ${edition.year}`, url: `${origin}${laureateYearPath(edition.year)}` })),
        }}
      />
    </div>
  );
}
