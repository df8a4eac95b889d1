import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { JsonLd } from "~/components/laureates";
import { publicMeta } from "~/utils/seo";
import { env } from "~/env.server";
import { publicPageHeaders } from "~/modules/public/http-cache";
import { openDataHeader as keyFiguresHeader } from "~/modules/public/key-figures";
import { openDataColumns } from "~/modules/public/laureates";
import { OPEN_LICENCE, OPEN_LICENCE_URL } from "~/modules/public/open-data";

export const headers = publicPageHeaders;

const title = "Données ouvertes du Baromètre Expérience Citoyen";
const description =
  "Les chiffres clés de chaque édition et la liste des lauréats du Baromètre Expérience Citoyen, en CSV et en JSON, sous Licence Ouverte 2.0 : colonnes, mise à jour et manière de citer la source.";

export const meta: MetaFunction<typeof loader> = ({ data }) => publicMeta({ title, description, path: "", origin: data?.canonical ?? "/donnees" });

export async function loader(_: LoaderFunctionArgs) {
  const origin = env().APP_URL;
  return { origin, canonical: `${origin}/donnees`, year: new Date().getFullYear() };
}

const files = [
  {
    id: "chiffres-cles",
    name: "Chiffres clés des éditions",
    csv: "/donnees/chiffres-cles.csv",
    json: "/donnees/chiffres-cles.json",
    page: "/chiffres-cles",
    what: "Une ligne par édition : le score global sur 100 et son évolution, le nombre de participants, les scores des structures certifiées et des autres, le score et l'évolution de chaque canal de contact, et les faits marquants publiés.",
    update: "À chaque publication des résultats d'une édition, puis à chaque correction par AFNOR.",
    columns: keyFiguresHeader.map((label) => ({ label, description: "" })),
  },
  {
    id: "laureats",
    name: "Lauréats",
    csv: "/donnees/laureats.csv",
    json: "/donnees/laureats.json",
    page: "/laureats",
    what: "Une ligne par lauréat publié, de la plus récente édition à la plus ancienne.",
    update: "Dès qu'AFNOR publie ou retire un lauréat, et lorsqu'une structure retire son accord pour figurer sur les pages publiques (ses fiches disparaissent alors du fichier).",
    columns: openDataColumns.map((column) => ({ label: column.label, description: column.description })),
  },
] as const;

export default function OpenDataPage() {
  const { origin, canonical, year } = useLoaderData<typeof loader>();
  return (
    <div className="container stack stack-lg">
      <header className="stack stack-sm">
        <h1>Données ouvertes</h1>
        <p className="lead">
          Les chiffres publiés du Baromètre Expérience Citoyen et la liste de ses lauréats sont librement réutilisables : téléchargez-les en CSV (pour un tableur) ou en JSON
          (pour un programme).
        </p>
      </header>

      {files.map((file) => (
        <section key={file.id} className="card stack stack-sm" aria-labelledby={`fichier-${file.id}`}>
          <h2 id={`fichier-${file.id}`}>{file.name}</h2>
          <p>{file.what}</p>
          <ul>
            <li>
              <a href={file.csv} download>
                {file.name} au format CSV
              </a>{" "}
              (séparateur point-virgule, encodage UTF-8, virgule décimale : s'ouvre directement dans Excel ou LibreOffice)
            </li>
            <li>
              <a href={file.json}>{file.name} au format JSON</a> (encodage UTF-8, avec la licence et la source dans le fichier)
            </li>
            <li>
              Les mêmes informations à lire en ligne : <Link to={file.page}>{origin}{file.page}</Link>
            </li>
          </ul>
          <p>
            <strong>Mise à jour :</strong> {file.update} Les fichiers sont produits à la demande à partir des données publiées : ils sont toujours à jour.
          </p>
          <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby={`colonnes-${file.id}`}>
            <table className="table">
              <caption id={`colonnes-${file.id}`}>Colonnes du fichier « {file.name} »</caption>
              <thead>
                <tr>
                  <th scope="col">Colonne (CSV)</th>
                  <th scope="col">Contenu</th>
                </tr>
              </thead>
              <tbody>
                {file.columns.map((column) => (
                  <tr key={column.label}>
                    <th scope="row">{column.label}</th>
                    <td>{column.description || columnHint(column.label)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}

      <section className="stack stack-sm" aria-labelledby="licence">
        <h2 id="licence">Licence</h2>
        <p>
          Ces données sont publiées sous la{" "}
          <a href={OPEN_LICENCE_URL} rel="noopener noreferrer">
            Licence Ouverte / Open Licence version 2.0
          </a>{" "}
          d'Etalab. Vous pouvez les copier, les diffuser, les adapter et les exploiter, y compris à des fins commerciales, à condition de mentionner leur source et la date de
          leur dernière mise à jour.
        </p>
      </section>

      <section className="stack stack-sm" aria-labelledby="citer">
        <h2 id="citer">Comment citer ces données</h2>
        <p>Indiquez la source, avec le lien vers cette page, et la date à laquelle vous avez téléchargé le fichier, par exemple :</p>
        <blockquote className="card card-muted">
          <p>
            « Source : AFNOR, Baromètre Expérience Citoyen, données ouvertes ({OPEN_LICENCE}), {canonical}, consultées le … {year}. »
          </p>
        </blockquote>
      </section>

      <JsonLd
        data={files.map((file) => ({
          "@context": "https://schema.org",
          "@type": "Dataset",
          name: `${file.name} du Baromètre Expérience Citoyen`,
          description: file.what,
          url: canonical,
          inLanguage: "fr-FR",
          license: OPEN_LICENCE_URL,
          creator: { "@type": "Organization", name: "AFNOR" },
          distribution: [
            { "@type": "DataDownload", encodingFormat: "text/csv", contentUrl: `${origin}${file.csv}` },
            { "@type": "DataDownload", encodingFormat: "application/json", contentUrl: `${origin}${file.json}` },
          ],
        }))}
      />
    </div>
  );
}

/** A short explanation of a key-figures column from its header ("Score Téléphone" …). */
function columnHint(label: string): string {
  if (label === "Année") return "Année de l'édition.";
  if (label === "Édition") return "Rang de l'édition, par exemple « 8e édition ».";
  if (label === "Score global") return "Score global national sur 100.";
  if (label === "Évolution") return "Évolution du score global en points sur un an (négative si le score baisse).";
  if (label === "Participants") return "Nombre de structures participantes.";
  if (label === "Participants approximatif") return "« oui » quand le nombre publié est une approximation.";
  if (label === "Score certifiés") return "Score moyen des structures certifiées (Qualivilles, Services Publics+, ISO 9001…).";
  if (label === "Score autres") return "Score moyen des autres structures.";
  if (label === "Faits") return "Faits marquants publiés, séparés par « | ».";
  if (label === "Origine") return "Chiffres publiés par AFNOR, ou calculés à partir des résultats publiés sur ce portail.";
  if (label.startsWith("Score ")) return `Score sur 100 du canal « ${label.slice(6)} ».`;
  if (label.startsWith("Évolution ")) return `Évolution sur un an, en points, du canal « ${label.slice(10)} ».`;
  return "";
}
