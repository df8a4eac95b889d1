import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { env } from "~/env.server";
import { homePage } from "~/modules/public/home.server";
import { publicDataPageHeaders } from "~/modules/public/http-cache";
import { describeDelta, formatFigure, formatParticipants, type EditionKeyFigures } from "~/modules/public/key-figures";
import { jsonLdText } from "~/utils/json-ld";
import { publicMeta, SITE_NAME } from "~/utils/seo";

export const headers = publicDataPageHeaders;

const description =
  "Depuis 2012, le Baromètre Expérience Citoyen d'AFNOR évalue chaque année par des audits mystères l'accueil et les réponses que les structures publiques réservent à leurs usagers : chiffres clés, lauréats, bonnes pratiques et inscription.";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  publicMeta({ title: "L'accueil des services publics, mesuré chaque année", description, path: "/", origin: data?.origin });

export async function loader(_: LoaderFunctionArgs) {
  const origin = env().APP_URL;
  const page = await homePage();
  // Serialised here: the browser bundle needs neither the helper nor the module it lives in.
  const structuredData = jsonLdText({
    "@context": "https://schema.org",
    "@graph": [
      {
        "@type": "Organization",
        "@id": `${origin}/#afnor`,
        name: "AFNOR",
        alternateName: "Association française de normalisation",
        url: "https://www.afnor.org",
      },
      {
        "@type": "WebSite",
        "@id": `${origin}/#site`,
        name: SITE_NAME,
        url: `${origin}/`,
        description,
        inLanguage: "fr-FR",
        publisher: { "@id": `${origin}/#afnor` },
      },
    ],
  });
  return { ...page, origin, structuredData };
}

type Headline = { key: string; value: string; outOf100: boolean; label: string };

/** The figures of the latest edition worth a card: only those AFNOR published. */
function headlineOf(figures: EditionKeyFigures): Headline[] {
  const cards: (Headline | null)[] = [
    figures.globalScore !== null
      ? {
          key: "global",
          value: formatFigure(figures.globalScore),
          outOf100: true,
          label: figures.globalDelta !== null ? `Score global national, ${describeDelta(figures.globalDelta)} sur un an` : "Score global national",
        }
      : null,
    figures.participants !== null
      ? { key: "participants", value: formatParticipants(figures.participants, figures.participantsApproximate), outOf100: false, label: "Structures participantes" }
      : null,
    figures.certifiedScore !== null
      ? { key: "certified", value: formatFigure(figures.certifiedScore), outOf100: true, label: "Score moyen des structures certifiées ou labellisées" }
      : null,
    figures.channels[0] ? { key: "channel", value: formatFigure(figures.channels[0].score), outOf100: true, label: `Meilleur canal : ${figures.channels[0].label}` } : null,
  ];
  return cards.filter((card) => card !== null);
}

function KeyFigures({ figures }: { figures: EditionKeyFigures }) {
  const headline = headlineOf(figures);
  return (
    <>
      {headline.length > 0 ? (
        <ul className="grid" role="list">
          {headline.map((card) => (
            <li className="card kpi" key={card.key}>
              <span className="kpi-value">
                {card.value}
                {card.outOf100 ? (
                  <>
                    <span className="kpi-unit" aria-hidden="true">
                      /100
                    </span>
                    <span className="visually-hidden"> sur 100</span>
                  </>
                ) : null}
              </span>
              <span className="kpi-label">{card.label}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {headline.length === 0 && figures.facts.length > 0 ? (
        <ul>
          {figures.facts.slice(0, 3).map((fact) => (
            <li key={fact}>{fact}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

export default function Home() {
  const { keyFigures, laureates, practice, structuredData } = useLoaderData<typeof loader>();
  const laureatesYear = laureates[0]?.year;
  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <div className="container stack">
          <h1 id="hero-title">Baromètre Expérience Citoyen</h1>
          <p className="lead">
            Depuis 2012, AFNOR mesure chaque année la qualité de l'accueil et des réponses que les mairies, intercommunalités, départements, régions et autres services
            publics réservent à leurs usagers. Pendant deux mois environ, des auditeurs anonymes sollicitent chaque structure participante 13 fois, par téléphone, courriel,
            courrier, site internet, réseaux sociaux ou sur place, puis notent sur 100 l'accès au service, l'orientation et le traitement de la demande.
          </p>
          <div className="cluster">
            <Link className="btn" to="/barometre">
              Inscrire ma structure au baromètre
            </Link>
            <Link className="btn-secondary" to="/chiffres-cles">
              Voir les chiffres clés
            </Link>
          </div>
        </div>
      </section>

      <div className="container stack stack-lg">
        <section className="stack" aria-labelledby="key-figures-title">
          <h2 id="key-figures-title">{keyFigures ? `Les chiffres clés de l'édition ${keyFigures.year}` : "Les chiffres clés"}</h2>
          {keyFigures ? (
            <>
              <KeyFigures figures={keyFigures} />
              <p className="cluster">
                <Link to={`/chiffres-cles/${keyFigures.year}`}>Tous les chiffres de l'édition {keyFigures.year}</Link>
                <Link to="/chiffres-cles">Les chiffres clés de chaque édition</Link>
              </p>
            </>
          ) : (
            <p>
              Les chiffres de la prochaine édition seront publiés ici. <Link to="/chiffres-cles">Consulter les chiffres clés</Link>
            </p>
          )}
        </section>

        <section className="stack" aria-labelledby="laureates-title">
          <h2 id="laureates-title">{laureatesYear ? `Les lauréats ${laureatesYear}` : "Les lauréats"}</h2>
          {laureates.length > 0 ? (
            <ul>
              {laureates.map((laureate) => (
                <li key={laureate.url}>
                  <Link to={laureate.url}>{laureate.name}</Link> — {laureate.categoryLabel}
                  {laureate.mentionLabel ? `, ${laureate.mentionLabel}` : ""}
                </li>
              ))}
            </ul>
          ) : (
            <p>Les lauréats de la prochaine édition seront annoncés ici.</p>
          )}
          <p>
            <Link to="/laureats">Les lauréats de toutes les éditions</Link>
          </p>
        </section>

        <section className="stack" aria-labelledby="practice-title">
          <h2 id="practice-title">{practice?.thisWeek === false ? "La dernière bonne pratique" : "La bonne pratique de la semaine"}</h2>
          {practice ? (
            <article className="card stack stack-sm" aria-labelledby="practice-name">
              <p className="muted">Bonne pratique n° {practice.number}</p>
              <h3 id="practice-name">
                <Link to={practice.path}>{practice.title}</Link>
              </h3>
              <p>{practice.summary}</p>
            </article>
          ) : null}
          <p className="cluster">
            <Link to="/bonnes-pratiques">Toutes les bonnes pratiques</Link>
            <Link to="/bonnes-pratiques/abonnement">Recevoir chaque lundi la nouvelle bonne pratique</Link>
          </p>
        </section>

        <section className="card card-muted stack" aria-labelledby="join-title">
          <h2 id="join-title">Votre structure souhaite participer ?</h2>
          <p>
            Mairies, intercommunalités, départements, régions, Maisons France Services, CCAS, offices de tourisme… Découvrez le calendrier de l'édition ouverte, les tarifs
            et ce que vous recevrez, puis inscrivez votre structure.
          </p>
          <p>
            <Link className="btn" to="/barometre">
              Découvrir le baromètre et s'inscrire
            </Link>
          </p>
        </section>
      </div>
      {/* A data block, not a script: no nonce needed, and `<` is escaped by jsonLdText. */}
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: structuredData }} />
    </>
  );
}
