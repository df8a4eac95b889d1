import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { KeyFiguresTable, TrendChart } from "~/components/key-figures";
import { env } from "~/env.server";
import { publicDataPageHeaders } from "~/modules/public/http-cache";
import { keyFiguresIndex } from "~/modules/public/key-figures.server";
import { publicMeta } from "~/utils/seo";

export const headers = publicDataPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  publicMeta({
    title: "Les chiffres clés du baromètre, édition par édition",
    description:
      "Score global national, participation, structures certifiées, scores par canal et faits marquants de chaque édition du Baromètre Expérience Citoyen d'AFNOR, avec leur évolution et les données ouvertes.",
    path: "/chiffres-cles",
    origin: data?.origin,
  });

export async function loader(_: LoaderFunctionArgs) {
  return { ...(await keyFiguresIndex()), origin: env().APP_URL };
}

export default function KeyFiguresPage() {
  const { editions, trends } = useLoaderData<typeof loader>();
  return (
    <div className="container stack stack-lg">
      <header className="stack stack-sm">
        <h1>Les chiffres clés du baromètre</h1>
        <p className="lead">
          Chaque année, le Baromètre Expérience Citoyen mesure par des audits mystères la qualité de l'accueil et des réponses des services publics. Voici les chiffres
          nationaux de chaque édition.
        </p>
        <p>
          Données ouvertes (Licence Ouverte 2.0) : <a href="/donnees/chiffres-cles.csv">télécharger au format CSV</a> ·{" "}
          <a href="/donnees/chiffres-cles.json">au format JSON</a>
        </p>
      </header>
      {editions.length === 0 ? (
        <p>Aucun chiffre n'est encore publié.</p>
      ) : (
        <>
          <section className="stack" aria-labelledby="titre-editions">
            <h2 id="titre-editions">Les éditions</h2>
            <KeyFiguresTable editions={editions} />
          </section>
          <section className="stack" aria-labelledby="titre-evolution">
            <h2 id="titre-evolution">L'évolution des scores</h2>
            <p>Les éditions pour lesquelles aucun score n'a été publié ne figurent pas sur les courbes.</p>
            {trends.global.length > 0 ? (
              <section className="stack stack-sm" aria-labelledby="titre-evolution-global">
                <h3 id="titre-evolution-global">Score global national</h3>
                <TrendChart id="evolution-global" title="Score global national par édition, sur 100" points={trends.global} />
              </section>
            ) : null}
            {/* A single point is not a trend: a channel is charted once two editions published its score. */}
            {trends.channels.some((series) => series.points.length < 2) ? (
              <p>
                Scores par canal publiés pour une seule édition :{" "}
                {trends.channels
                  .filter((series) => series.points.length < 2)
                  .map((series) => series.label.toLowerCase())
                  .join(", ")}{" "}
                — ils figurent sur la page de l'édition concernée.
              </p>
            ) : null}
            {trends.channels.filter((series) => series.points.length >= 2).map((series) => (
              <section className="stack stack-sm" key={series.code} aria-labelledby={`titre-evolution-${series.code}`}>
                <h3 id={`titre-evolution-${series.code}`}>{series.label}</h3>
                <TrendChart id={`evolution-${series.code}`} title={`Score national du canal « ${series.label} » par édition, sur 100`} points={series.points} />
              </section>
            ))}
          </section>
        </>
      )}
      <p>
        <Link to="/laureats">Découvrir les lauréats de chaque édition</Link>
      </p>
    </div>
  );
}
