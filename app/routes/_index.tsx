import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";

export const meta: MetaFunction = () => [
  { title: "Baromètre Expérience Citoyen — AFNOR" },
  {
    name: "description",
    content:
      "Chaque année depuis 2012, le Baromètre Expérience Citoyen d'AFNOR évalue par des audits mystères l'accueil et les réponses apportées aux usagers par les structures publiques.",
  },
];

const numberFormat = new Intl.NumberFormat("fr-FR");
const formatNumber = (value: number) => numberFormat.format(value);

const channels = [
  "le téléphone",
  "le courriel",
  "le courrier postal",
  "le site internet",
  "les réseaux sociaux et les pages d'avis en ligne",
  "la visite sur place, en option",
] as const;

type KeyFigure = { value: number; outOf100: boolean; label: string };

const keyFiguresByEdition: ReadonlyArray<{ year: number; figures: ReadonlyArray<KeyFigure> }> = [
  {
    year: 2021,
    figures: [
      { value: 67, outOf100: true, label: "Score global, en hausse de 5 points sur un an" },
      { value: 349, outOf100: false, label: "Structures participantes" },
    ],
  },
  {
    year: 2020,
    figures: [
      { value: 321, outOf100: false, label: "Structures participantes" },
      { value: 69, outOf100: true, label: "Score moyen des structures certifiées ou labellisées" },
    ],
  },
];

const laureates2021 = [
  { category: `Villes de plus de ${formatNumber(50_000)} habitants`, name: "Limoges" },
  { category: `Villes de ${formatNumber(20_000)} à ${formatNumber(49_999)} habitants`, name: "Lambersart" },
  { category: `Villes de moins de ${formatNumber(20_000)} habitants`, name: "La Madeleine" },
  { category: "Intercommunalités", name: "Brest Métropole" },
  { category: "Départements", name: "Loiret" },
  { category: "Régions", name: "Occitanie / Pyrénées–Méditerranée" },
  { category: "Maisons France Services", name: "Maison des Services publics de Vervins" },
] as const;

function FigureValue({ figure }: { figure: KeyFigure }) {
  return (
    <span className="kpi-value">
      {formatNumber(figure.value)}
      {figure.outOf100 ? (
        <>
          <span className="kpi-unit" aria-hidden="true">
            /100
          </span>
          <span className="visually-hidden"> sur 100</span>
        </>
      ) : null}
    </span>
  );
}

export default function Home() {
  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <div className="container stack">
          <h1 id="hero-title">Baromètre Expérience Citoyen</h1>
          <p className="lead">
            Depuis 2012, AFNOR observe chaque année la manière dont les structures publiques accueillent leurs usagers
            et répondent à leurs demandes. Pendant environ deux mois, des auditeurs anonymes sollicitent chaque
            structure participante à {formatNumber(13)} reprises, par {formatNumber(6)} canaux de contact, comme le
            ferait n'importe quel habitant.
          </p>
          <div className="cluster">
            <Link className="btn" to="/inscription">
              Inscrire ma structure
            </Link>
            <Link className="btn-secondary" to="/barometre">
              Découvrir le baromètre et s'inscrire
            </Link>
            <Link className="btn-secondary" to="/connexion">
              Se connecter
            </Link>
          </div>
        </div>
      </section>

      <div className="container stack stack-lg">
        <section className="stack" aria-labelledby="method-title">
          <h2 id="method-title">Comment fonctionne le baromètre</h2>
          <div className="grid">
            <article className="card" aria-labelledby="audits-title">
              <h3 id="audits-title">13 audits mystères</h3>
              <p>
                Des auditeurs se présentent comme de simples usagers et contactent votre structure treize fois en deux
                mois environ. Rien n'est annoncé à l'avance : c'est l'accueil de tous les jours qui est évalué.
              </p>
            </article>
            <article className="card" aria-labelledby="channels-title">
              <h3 id="channels-title">6 canaux de contact</h3>
              <p>Les demandes arrivent par tous les chemins qu'empruntent vos usagers :</p>
              <ul>
                {channels.map((channel) => (
                  <li key={channel}>{channel}</li>
                ))}
              </ul>
            </article>
            <article className="card" aria-labelledby="stages-title">
              <h3 id="stages-title">3 étapes, 20 déterminants</h3>
              <p>
                Chaque contact est suivi de bout en bout : l'accès au service, l'information et l'orientation, puis le
                traitement effectif de la demande.
              </p>
              <p>
                Les constats alimentent {formatNumber(20)} déterminants de la satisfaction, parmi lesquels la
                réactivité, la courtoisie, la personnalisation et la qualité de la réponse. Les scores sont exprimés
                sur 100.
              </p>
            </article>
          </div>
        </section>

        <section className="stack" aria-labelledby="key-figures-title">
          <h2 id="key-figures-title">Chiffres clés</h2>
          {keyFiguresByEdition.map((edition) => (
            <div className="stack stack-sm" key={edition.year}>
              <h3>Édition {edition.year}</h3>
              <ul className="grid" role="list">
                {edition.figures.map((figure) => (
                  <li className="card kpi" key={figure.label}>
                    <FigureValue figure={figure} />
                    <span className="kpi-label">{figure.label}</span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>

        <section className="stack" aria-labelledby="laureates-title">
          <h2 id="laureates-title">Les lauréats 2021</h2>
          <p>
            Les structures les mieux notées de l'édition 2021 ont été distinguées lors des Entretiens territoriaux de
            Strasbourg, en décembre 2021.
          </p>
          <ul>
            {laureates2021.map((laureate) => (
              <li key={laureate.category}>
                <strong>{laureate.name}</strong> — {laureate.category}
              </li>
            ))}
          </ul>
        </section>

        <section className="card card-muted" aria-labelledby="join-title">
          <h2 id="join-title">Votre structure souhaite participer ?</h2>
          <p>
            Créez votre compte, inscrivez votre structure à la prochaine édition et suivez vos résultats depuis votre
            espace.
          </p>
          <div className="cluster">
            <Link className="btn" to="/inscription">
              Inscrire ma structure
            </Link>
            <Link className="btn-secondary" to="/connexion">
              Se connecter
            </Link>
          </div>
        </section>
      </div>
    </>
  );
}
