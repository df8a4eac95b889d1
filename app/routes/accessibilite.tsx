import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { accessibilityStatus } from "~/modules/public/accessibility";

export async function loader({ request }: LoaderFunctionArgs) {
  return { origin: new URL(request.url).origin };
}

export const meta: MetaFunction<typeof loader> = () => [
  { title: "Déclaration d'accessibilité | Baromètre Expérience Citoyen" },
  {
    name: "description",
    content:
      "État de conformité du portail du Baromètre Expérience Citoyen au référentiel général d'amélioration de l'accessibilité (RGAA), contenus concernés et recours possibles.",
  },
];

const testedPages = [
  { label: "Accueil", to: "/" },
  { label: "Connexion", to: "/connexion" },
  { label: "Inscription", to: "/inscription" },
  { label: "Mon compte", to: null },
  { label: "Création d'une structure", to: null },
  { label: "Membres d'une structure", to: null },
  { label: "Déclaration d'accessibilité", to: "/accessibilite" },
  { label: "Mentions légales", to: "/mentions-legales" },
  { label: "Données personnelles", to: "/donnees-personnelles" },
] as const;

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
        Nous l'indiquons ainsi par transparence : aucun audit complet du RGAA n'a encore été réalisé, et nous ne pouvons
        donc pas publier de taux de critères respectés tant que cet audit n'a pas eu lieu.
      </p>

      <h2>Résultats des tests</h2>
      <p>
        En attendant l'audit, chaque page parcourue par nos scénarios de tests automatisés est analysée avec l'outil
        axe-core, sur l'ensemble de ses règles WCAG 2.1 de niveaux A et AA. Une seule anomalie détectée suffit à
        bloquer la mise en ligne d'une nouvelle version.
      </p>
      <p>
        Ces contrôles automatiques ne détectent qu'une partie des difficultés possibles : ils ne remplacent pas
        l'examen d'une personne experte ni les tests avec des technologies d'assistance. Un audit complet, mené sur un
        échantillon représentatif de pages, est prévu ; ses résultats et le taux de conformité obtenu seront publiés
        ici.
      </p>

      <h2>Contenus non accessibles</h2>

      <h3>Non-conformités</h3>
      <p>
        La liste précise des non-conformités sera connue à l'issue de l'audit. Nous savons déjà que les documents PDF
        produits par le portail (rapports de résultats, factures) peuvent ne pas être entièrement accessibles. Si vous
        ne parvenez pas à lire l'un d'eux, écrivez-nous : nous vous en fournirons le contenu sous une autre forme.
      </p>

      <h3>Dérogations pour charge disproportionnée</h3>
      <p>Aucune dérogation n'est invoquée.</p>

      <h3>Contenus non soumis à l'obligation d'accessibilité</h3>
      <p>Aucun contenu n'est exclu à ce jour.</p>

      <h2>Établissement de cette déclaration d'accessibilité</h2>
      <p>
        Cette déclaration a été établie le <time dateTime="2026-11-23">23 novembre 2026</time>.
      </p>

      <h3>Technologies utilisées pour la réalisation du portail</h3>
      <ul>
        <li>HTML5</li>
        <li>CSS</li>
        <li>JavaScript (facultatif : le portail fonctionne aussi lorsqu'il est désactivé)</li>
      </ul>

      <h3>Environnement de test</h3>
      <ul>
        <li>Navigateur Chromium sous Linux</li>
        <li>Navigation au clavier seul</li>
      </ul>

      <h3>Outils pour évaluer l'accessibilité</h3>
      <ul>
        <li>axe-core, exécuté par Playwright dans les parcours de tests automatisés</li>
      </ul>

      <h3>Pages du portail ayant fait l'objet de la vérification</h3>
      <ul>
        {testedPages.map((page) => (
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
          Par courriel : <a href="mailto:accessibilite@barometre.example">accessibilite@barometre.example</a>
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
