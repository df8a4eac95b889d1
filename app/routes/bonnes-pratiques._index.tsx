import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pageHref, Pagination, PracticeCard, PracticeSearchForm, searchValuesOf } from "~/components/practices";
import { env } from "~/env.server";
import { presentCards, searchPractices } from "~/modules/practices/practices.server";
import { publicDataPageHeaders } from "~/modules/public/http-cache";
import { formatNumber } from "~/utils/format";

const pageTitle = "Les bonnes pratiques de l'accueil | Baromètre Expérience Citoyen";
const pageDescription =
  "Chaque semaine, une bonne pratique d'accueil et de relation aux usagers, issue des collectivités participantes et des lauréats du Baromètre Expérience Citoyen. Recherchez par canal, déterminant ou thème.";

export const headers = publicDataPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle },
  { name: "description", content: pageDescription },
  { property: "og:title", content: pageTitle },
  { property: "og:description", content: pageDescription },
  { property: "og:type", content: "website" },
  { property: "og:url", content: `${data?.origin ?? ""}/bonnes-pratiques` },
  { name: "twitter:card", content: "summary" },
  // Searches and pages of results all point to the library itself.
  { tagName: "link", rel: "canonical", href: `${data?.origin ?? ""}/bonnes-pratiques` },
  { tagName: "link", rel: "alternate", type: "application/atom+xml", title: "Les bonnes pratiques (flux Atom)", href: "/bonnes-pratiques/flux.xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const { page, ...values } = searchValuesOf(new URL(request.url));
  const result = await searchPractices({ query: values.q, filters: values, page });
  return { values, page: result.page, pageCount: result.pageCount, total: result.total, practices: presentCards(result.practices), origin: env().APP_URL };
}

export default function PracticesPage() {
  const { values, page, pageCount, total, practices } = useLoaderData<typeof loader>();
  const searching = Object.values(values).some(Boolean);
  return (
    <div className="container stack stack-lg">
      <div className="stack stack-sm">
        <h1>Les bonnes pratiques</h1>
        <p>
          Chaque semaine, une bonne pratique d'accueil et de relation aux usagers, venue des structures participantes et des lauréats du baromètre.{" "}
          <Link to="/bonnes-pratiques/abonnement">Recevoir la bonne pratique de la semaine par e-mail</Link> ·{" "}
          <a href="/bonnes-pratiques/flux.xml">Flux Atom</a>
        </p>
      </div>
      <PracticeSearchForm values={values} action="/bonnes-pratiques" />
      <section className="stack" aria-labelledby="titre-resultats">
        <h2 id="titre-resultats" aria-live="polite">
          {searching ? `${formatNumber(total)} résultat${total > 1 ? "s" : ""}` : `${formatNumber(total)} bonnes pratiques publiées`}
        </h2>
        {practices.length === 0 ? <p>Aucune bonne pratique ne correspond à votre recherche. Essayez d'autres mots ou retirez un filtre.</p> : null}
        <ol className="stack practice-list" aria-label="Bonnes pratiques">
          {practices.map((practice) => (
            <li key={practice.id}>
              <PracticeCard practice={practice} headingLevel={3} />
            </li>
          ))}
        </ol>
        <Pagination page={page} pageCount={pageCount} hrefFor={(n) => pageHref("/bonnes-pratiques", values, n)} />
      </section>
    </div>
  );
}
