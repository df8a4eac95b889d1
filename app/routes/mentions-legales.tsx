import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { env } from "~/env.server";
import { publicPageHeaders } from "~/modules/public/http-cache";
import { publicMeta } from "~/utils/seo";

export const headers = publicPageHeaders;

export async function loader(_: LoaderFunctionArgs) {
  const { APP_URL, HOSTING_NAME, HOSTING_ADDRESS, HOSTING_PHONE } = env();
  return { origin: APP_URL, hosting: HOSTING_NAME && HOSTING_ADDRESS && HOSTING_PHONE ? { name: HOSTING_NAME, address: HOSTING_ADDRESS, phone: HOSTING_PHONE } : null };
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  publicMeta({
    title: "Mentions légales",
    description:
      "Éditeur, direction de la publication, hébergement et conditions de réutilisation des contenus du portail du Baromètre Expérience Citoyen.",
    path: "/mentions-legales",
    origin: data?.origin,
  });

export default function LegalNotice() {
  const { origin, hosting } = useLoaderData<typeof loader>();
  return (
    <div className="container prose stack">
      <h1>Mentions légales</h1>

      <h2>Éditeur du portail</h2>
      <p>
        Le portail du Baromètre Expérience Citoyen, accessible à l'adresse <a href={origin}>{origin}</a>, est édité par
        AFNOR (Association française de normalisation), association reconnue d'utilité publique.
      </p>
      <dl className="definition-list">
        <div>
          <dt>Adresse</dt>
          <dd>
            <address>
              11 rue Francis de Pressensé
              <br />
              93571 La Plaine Saint-Denis Cedex
            </address>
          </dd>
        </div>
        <div>
          <dt>SIRET</dt>
          <dd>775 724 818 00015</dd>
        </div>
      </dl>

      <h2>Directeur de la publication</h2>
      <p>La publication est placée sous la responsabilité du directeur général d'AFNOR, en sa qualité de représentant légal de l'association.</p>

      <h2>Hébergement</h2>
      {hosting ? (
        <p>
          {`Le portail est hébergé par ${hosting.name}, ${hosting.address}.`} Téléphone : <a href={`tel:${hosting.phone.replace(/[^+\d]/g, "")}`}>{hosting.phone}</a>.
        </p>
      ) : (
        <>
          <p>Hébergeur : à compléter avant la mise en production.</p>
          <p className="muted">
            Le nom, l'adresse et le numéro de téléphone de l'hébergeur seront indiqués ici dès le choix définitif de
            l'infrastructure, comme l'exige l'article 6 de la loi n° 2004-575 du 21 juin 2004 pour la confiance dans
            l'économie numérique.
          </p>
        </>
      )}

      <h2>Propriété intellectuelle</h2>
      <p>
        Les textes, la méthode du baromètre, les grilles d'audit, les marques et logos présentés sur ce portail
        appartiennent à AFNOR ou à ses partenaires. Vous ne pouvez pas les reproduire ni les diffuser, en tout ou en
        partie, sans autorisation écrite préalable.
      </p>
      <p>
        Les chiffres clés et la liste des lauréats publiés sur les pages publiques peuvent être cités librement, à
        condition d'indiquer la source : « Baromètre Expérience Citoyen, AFNOR » et l'édition concernée.
      </p>
      <p>
        Les résultats détaillés d'une structure lui appartiennent : ils ne sont visibles que par les membres de cette
        structure et par les équipes d'AFNOR qui en ont besoin pour leur mission.
      </p>

      <h2>Liens</h2>
      <h3>Liens vers ce portail</h3>
      <p>
        Vous pouvez créer un lien vers n'importe quelle page publique de ce portail sans autorisation préalable. Nous
        vous demandons seulement de ne pas afficher nos pages à l'intérieur d'un autre site et de faire apparaître
        clairement leur origine.
      </p>
      <h3>Liens vers d'autres sites</h3>
      <p>
        Les liens vers des sites extérieurs sont fournis pour vous informer. AFNOR ne contrôle pas leur contenu et
        n'en est pas responsable.
      </p>

      <h2>Pour en savoir plus</h2>
      <ul>
        <li>
          <Link to="/donnees-personnelles">Données personnelles et cookies</Link>
        </li>
        <li>
          <Link to="/accessibilite">Déclaration d'accessibilité</Link>
        </li>
      </ul>
    </div>
  );
}
