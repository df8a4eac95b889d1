import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { env } from "~/env.server";
import {
  accessibilityContactEmail,
  accessibilityStatementDate,
  accessibilityStatus,
  keyboardChecks,
  scannedPages,
} from "~/modules/public/accessibility";
import { publicPageHeaders } from "~/modules/public/http-cache";
import { formatDate } from "~/utils/format";
import { publicMeta } from "~/utils/seo";

export const headers = publicPageHeaders;

export async function loader(_: LoaderFunctionArgs) {
  return { origin: env().APP_URL };
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  publicMeta({
    title: "Déclaration d'accessibilité",
    description:
      "État de conformité du portail du Baromètre Expérience Citoyen au référentiel général d'amélioration de l'accessibilité (RGAA), contrôles réalisés, contenus concernés et recours possibles.",
    path: "/accessibilite",
    origin: data?.origin,
  });

export default function AccessibilityStatement() {
  const { origin } = useLoaderData<typeof loader>();

  return (
    <div className="container prose stack">
      <h1>Déclaration d'accessibilité</h1>

      <p>
        AFNOR veille à ce que ses services numériques puissent être utilisés par toutes et tous, quel que soit leur
        handicap ou la façon dont ils naviguent. Elle applique pour cela l'article 47 de la loi n° 2005-102 du
        11 février 2005 pour l'égalité des droits et des chances, la participation et la citoyenneté des personnes
        handicapées.
      </p>
      <p>
        Sa démarche est décrite dans un schéma pluriannuel de mise en accessibilité et déclinée chaque année dans un
        plan d'actions. Ces deux documents vous sont transmis sur simple demande à l'adresse indiquée plus bas, dans la
        partie « Retour d'information et contact ».
      </p>
      <p>
        La présente déclaration porte sur le portail du Baromètre Expérience Citoyen, accessible à l'adresse{" "}
        <a href={origin}>{origin}</a>, y compris les espaces réservés aux structures participantes après connexion.
      </p>

      <h2>État de conformité</h2>
      <p>
        Le portail du Baromètre Expérience Citoyen est <strong>{accessibilityStatus}</strong> avec le référentiel
        général d'amélioration de l'accessibilité (RGAA), version 4.1.
      </p>
      <p>
        Ce statut est le seul que nous puissions déclarer honnêtement : aucun audit complet du RGAA n'a encore été
        réalisé, ni en interne ni par un prestataire. Nous ne publions donc aucun taux de critères respectés ; il le sera
        ici, avec le nom de l'auditeur, dès que cet audit aura eu lieu.
      </p>

      <h2>Contrôles réalisés</h2>
      <p>En attendant l'audit, deux types de vérifications sont effectués à chaque évolution du portail :</p>
      <ul>
        <li>
          <strong>Analyse automatique</strong> : chaque page parcourue par nos scénarios de tests automatisés
          (Playwright) est analysée avec l'outil axe-core, sur ses règles WCAG 2.0 et WCAG 2.1 de niveaux A et AA. Une
          seule anomalie détectée fait échouer les tests.
        </li>
        <li>
          <strong>Utilisation au clavier seul</strong> : certains parcours réalisent des étapes sans souris, par exemple{" "}
          {keyboardChecks.join(" ou ")}.
        </li>
      </ul>
      <p>
        Ces contrôles ne détectent qu'une partie des difficultés possibles. Ils ne remplacent ni l'examen des 106
        critères du RGAA par une personne experte, ni des tests avec des lecteurs d'écran ou des loupes, qui n'ont pas
        encore été menés.
      </p>

      <h2>Contenus non accessibles</h2>

      <h3>Non-conformités connues</h3>
      <p>
        La liste complète des non-conformités sera établie par l'audit. Nous connaissons déjà les limites suivantes :
      </p>
      <ul>
        <li>
          les documents PDF produits par le portail (rapports de résultats, devis, factures) ne sont pas balisés pour les
          technologies d'assistance. Si vous ne parvenez pas à lire l'un d'eux, écrivez-nous : nous vous en fournirons le
          contenu sous une autre forme ;
        </li>
        <li>
          les graphiques (évolution des scores, comparaisons) sont accompagnés d'un tableau de données, mais leur
          restitution par les lecteurs d'écran n'a pas été testée ;
        </li>
        <li>la restitution par les lecteurs d'écran et l'affichage avec un zoom de 200 % n'ont pas encore été vérifiés.</li>
      </ul>

      <h3>Dérogations pour charge disproportionnée</h3>
      <p>Aucune dérogation n'est invoquée.</p>

      <h3>Contenus non soumis à l'obligation d'accessibilité</h3>
      <p>Aucun contenu n'est exclu à ce jour.</p>

      <h2>Établissement de cette déclaration d'accessibilité</h2>
      <p>
        Cette déclaration a été établie le{" "}
        <time dateTime={accessibilityStatementDate}>{formatDate(accessibilityStatementDate)}</time>. Elle sera mise à
        jour après l'audit.
      </p>

      <h3>Technologies utilisées pour la réalisation du portail</h3>
      <ul>
        <li>HTML5</li>
        <li>CSS</li>
        <li>JavaScript (facultatif : les pages publiques se lisent et les formulaires s'envoient sans lui)</li>
      </ul>

      <h3>Environnement de test</h3>
      <ul>
        <li>Navigateur Chromium sous Linux, piloté par Playwright</li>
        <li>Aucun test avec un lecteur d'écran n'a encore été réalisé</li>
      </ul>

      <h3>Outils pour évaluer l'accessibilité</h3>
      <ul>
        <li>axe-core (règles WCAG 2.0 et 2.1, niveaux A et AA), exécuté à chaque page des parcours de tests</li>
        <li>Scénarios Playwright réalisant certaines étapes au clavier seul</li>
      </ul>

      <h3>Pages du portail ayant fait l'objet de la vérification automatique</h3>
      <ul>
        {scannedPages.map((page) => (
          <li key={page.label}>{page.to ? <Link to={page.to}>{page.label}</Link> : page.label}</li>
        ))}
      </ul>

      <h2>Retour d'information et contact</h2>
      <p>
        Si un contenu ou un service du portail vous est inaccessible, dites-le-nous : nous vous orienterons vers une
        solution de remplacement ou vous transmettrons l'information sous une forme qui vous convient.
      </p>
      <ul>
        <li>
          Par courriel : <a href={`mailto:${accessibilityContactEmail}`}>{accessibilityContactEmail}</a>
        </li>
        <li>
          Par courrier :
          <address>
            AFNOR — Baromètre Expérience Citoyen
            <br />
            11 rue Francis de Pressensé
            <br />
            93571 La Plaine Saint-Denis Cedex
          </address>
        </li>
      </ul>

      <h2>Voies de recours</h2>
      <p>
        Si vous nous avez signalé un défaut d'accessibilité qui vous empêche d'accéder à un contenu ou à un service et
        que notre réponse ne vous satisfait pas, vous pouvez saisir le Défenseur des droits, de l'une des façons
        suivantes :
      </p>
      <ul>
        <li>
          en remplissant le{" "}
          <a href="https://formulaire.defenseurdesdroits.fr/">formulaire en ligne du Défenseur des droits</a> ;
        </li>
        <li>
          par téléphone au <a href="tel:+33969390000">09 69 39 00 00</a> ;
        </li>
        <li>
          en rencontrant l'un de ses{" "}
          <a href="https://www.defenseurdesdroits.fr/carte-des-delegues">délégués, présents dans chaque département</a>{" "}
          ;
        </li>
        <li>
          par courrier postal, gratuit, sans timbre :
          <address>
            Défenseur des droits
            <br />
            Libre réponse 71120
            <br />
            75342 Paris CEDEX 07
          </address>
        </li>
      </ul>
    </div>
  );
}
