import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { env } from "~/env.server";
import { publicPageHeaders } from "~/modules/public/http-cache";
import { publicMeta } from "~/utils/seo";

export const headers = publicPageHeaders;

export async function loader(_: LoaderFunctionArgs) {
  return { origin: env().APP_URL };
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  publicMeta({
    title: "Données personnelles et cookies",
    description:
      "Quelles données personnelles le portail du Baromètre Expérience Citoyen traite, qui en est responsable, pourquoi, combien de temps, avec qui, et comment exercer vos droits.",
    path: "/donnees-personnelles",
    origin: data?.origin,
  });

const DPO_EMAIL = "dpo@barometre.example";

/** Each processing: what for, on which legal basis, and AFNOR's role (RGPD art. 4 and 28). */
const purposes = [
  {
    purpose: "Créer et gérer les comptes du portail (structures et équipes d'AFNOR), vous authentifier",
    legalBasis: "Exécution du contrat (conditions d'utilisation du portail)",
    role: "Responsable de traitement",
  },
  {
    purpose: "Sécuriser le portail : sessions, limitation des tentatives de connexion, journaux techniques, journal des actions du back-office",
    legalBasis: "Intérêt légitime d'AFNOR à protéger le service et vos données",
    role: "Responsable de traitement",
  },
  {
    purpose: "Inscrire une structure à une édition, établir les devis et factures, encaisser les paiements",
    legalBasis: "Exécution du contrat conclu avec la structure ; obligations comptables et fiscales",
    role: "Responsable de traitement",
  },
  {
    purpose: "Réaliser les audits mystères, calculer les scores et les comparaisons, publier les chiffres clés nationaux et les lauréats",
    legalBasis: "Exécution du contrat conclu avec la structure ; intérêt légitime d'AFNOR à publier un baromètre national",
    role: "Responsable de traitement",
  },
  {
    purpose: "Héberger le plan d'action et les commentaires que la structure saisit dans son espace, pour son propre usage",
    legalBasis: "Celle choisie par la structure, responsable de ce traitement",
    role: "Sous-traitant de la structure",
  },
  {
    purpose: "Répondre aux demandes de devis et commandes d'offres (diagnostic, formation, certification)",
    legalBasis: "Mesures précontractuelles et exécution du contrat",
    role: "Responsable de traitement",
  },
  {
    purpose: "Envoyer les courriels liés au service (confirmation d'adresse, invitation, rappel, facture)",
    legalBasis: "Exécution du contrat",
    role: "Responsable de traitement",
  },
  {
    purpose: "Envoyer la lettre hebdomadaire des bonnes pratiques",
    legalBasis: "Consentement, que vous pouvez retirer à tout moment",
    role: "Responsable de traitement",
  },
] as const;

const retentionPeriods = [
  { data: "Sessions de connexion", period: "30 jours au plus (10 jours sans activité)" },
  { data: "Comptes inactifs", period: "3 ans après la dernière connexion, puis suppression (un courriel vous prévient un mois avant)" },
  {
    data: "Données des structures, inscriptions et résultats d'audits",
    period:
      "Durée de la participation au baromètre, puis 5 ans pour le suivi de l'évolution d'une édition à l'autre ; l'espace de la structure est ensuite supprimé (ses responsables sont prévenus par courriel un mois avant)",
  },
  { data: "Plan d'action et commentaires saisis par la structure", period: "Tant que la structure conserve son espace ; supprimés à sa demande ou avec son espace" },
  { data: "Demandes de devis et commandes d'offres", period: "3 ans après le dernier contact" },
  { data: "Factures et pièces comptables", period: "10 ans (obligation légale)" },
  { data: "Abonnement à la lettre hebdomadaire", period: "Jusqu'au désabonnement ; une demande non confirmée expire au bout de 48 heures" },
  { data: "Courriels envoyés par le portail", period: "1 an" },
  { data: "Journaux techniques et de sécurité, journal des actions du back-office", period: "1 an" },
] as const;

export default function PersonalData() {
  return (
    <div className="container prose stack">
      <h1>Données personnelles et cookies</h1>
      <p className="lead">
        Cette page vous explique quelles informations vous concernant le portail utilise, à quelles fins, pendant
        combien de temps, et ce que vous pouvez faire pour les contrôler.
      </p>

      <h2>Qui est responsable de vos données</h2>
      <p>
        AFNOR (Association française de normalisation), 11 rue Francis de Pressensé, 93571 La Plaine Saint-Denis
        Cedex, est <strong>responsable de traitement</strong> pour l'essentiel des données du portail : les comptes de
        ses utilisateurs (membres des structures comme équipes d'AFNOR), la sécurité, les inscriptions et la
        facturation, les audits mystères et leurs résultats, les demandes d'offres et la lettre hebdomadaire.
      </p>
      <p>
        Pour le plan d'action et les commentaires qu'une structure saisit dans son espace pour son propre usage (par
        exemple le nom de l'agent chargé d'une action), AFNOR agit en <strong>sous-traitant</strong> de cette
        structure, qui en reste responsable : AFNOR ne les utilise que pour les lui conserver et les lui afficher.
      </p>
      <p>
        Les audits décrivent la qualité de l'accueil d'une structure, pas ses agents. Lorsqu'un constat mentionne une
        personne (par exemple le nom donné par un agent au téléphone), AFNOR limite cette mention au strict nécessaire
        et ne la publie jamais : les pages publiques ne montrent que des chiffres nationaux et les lauréats.
      </p>

      <h2>Quelles données sont traitées</h2>
      <ul>
        <li>
          <strong>Votre compte</strong> : nom, adresse électronique et mot de passe. Ce dernier n'est jamais stocké
          en clair : seule son empreinte (hachage), qui ne permet pas de le retrouver, est conservée.
        </li>
        <li>
          <strong>Vos sessions</strong> : type d'appareil et de navigateur, adresse IP, date de dernière activité. Ces
          informations vous permettent de voir vos connexions en cours et de les fermer.
        </li>
        <li>
          <strong>Votre structure</strong> : raison sociale, SIRET, catégorie, coordonnées, membres et leurs rôles.
        </li>
        <li>
          <strong>Les audits et les résultats</strong> : date et canal de chaque contact, réponses à la grille d'audit,
          délais mesurés, constats de l'auditeur, scores et comparaisons.
        </li>
        <li>
          <strong>Le plan d'action</strong> : actions, responsables, échéances et commentaires saisis par la structure.
        </li>
        <li>
          <strong>La facturation</strong> : adresse de facturation, bon de commande, numéro d'engagement, factures et
          état des paiements. Les numéros de carte bancaire ne transitent jamais par nos serveurs.
        </li>
        <li>
          <strong>Les demandes d'offres</strong> : offre demandée, message, personne à contacter et suivi commercial.
        </li>
        <li>
          <strong>La lettre hebdomadaire</strong> : adresse électronique, dates de confirmation et de désabonnement.
        </li>
        <li>
          <strong>Les courriels envoyés</strong> : destinataire, objet et date d'envoi de chaque message adressé par le
          portail ; son contenu n'est conservé que jusqu'à sa remise au prestataire d'envoi.
        </li>
      </ul>

      <h2>Pourquoi, sur quelle base légale et à quel titre</h2>
      <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="purposes-caption">
        <table className="table">
          <caption id="purposes-caption">Finalités des traitements, bases légales et rôle d'AFNOR</caption>
          <thead>
            <tr>
              <th scope="col">Finalité</th>
              <th scope="col">Base légale</th>
              <th scope="col">Rôle d'AFNOR</th>
            </tr>
          </thead>
          <tbody>
            {purposes.map((row) => (
              <tr key={row.purpose}>
                <td>{row.purpose}</td>
                <td>{row.legalBasis}</td>
                <td>{row.role}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Combien de temps vos données sont conservées</h2>
      <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="retention-caption">
        <table className="table">
          <caption id="retention-caption">Durées de conservation</caption>
          <thead>
            <tr>
              <th scope="col">Données</th>
              <th scope="col">Durée</th>
            </tr>
          </thead>
          <tbody>
            {retentionPeriods.map((row) => (
              <tr key={row.data}>
                <td>{row.data}</td>
                <td>{row.period}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Qui peut y accéder</h2>
      <p>
        Au sein d'AFNOR, seules les personnes qui en ont besoin pour leur mission accèdent à vos données, selon leur
        rôle : équipe commerciale pour les inscriptions et la facturation, auditeurs et équipe du programme pour les
        audits et les résultats, administrateurs pour l'exploitation du portail.
      </p>
      <p>AFNOR fait appel à des sous-traitants, liés par contrat et soumis aux mêmes obligations de protection :</p>
      <ul>
        <li>
          l'<strong>hébergeur</strong> du portail et de sa base de données (voir les{" "}
          <Link to="/mentions-legales">mentions légales</Link>) ;
        </li>
        <li>
          <strong>Stripe</strong>, prestataire de paiement, pour le paiement par carte et l'émission des factures ;
        </li>
        <li>
          <strong>Resend</strong>, prestataire d'envoi de courriels, pour l'acheminement des messages du portail.
        </li>
      </ul>
      <p>Vos données ne sont ni vendues ni cédées à des fins commerciales.</p>

      <h2>Transferts hors de l'Union européenne</h2>
      <p>
        Stripe et Resend sont des sociétés dont une partie des moyens techniques se trouve aux États-Unis. Les
        transferts qui en découlent sont encadrés par le cadre de protection des données UE–États-Unis ou, à défaut,
        par les clauses contractuelles types adoptées par la Commission européenne.
      </p>

      <h2>Vos droits</h2>
      <p>Vous disposez, pour les données qui vous concernent, des droits suivants :</p>
      <ul>
        <li>droit d'accès : savoir quelles données nous détenons et en obtenir une copie ;</li>
        <li>droit de rectification : faire corriger une donnée inexacte ;</li>
        <li>droit à l'effacement : demander la suppression de vos données, sauf obligation légale de les garder ;</li>
        <li>droit à la limitation : faire geler temporairement l'utilisation d'une donnée contestée ;</li>
        <li>droit d'opposition : refuser un traitement fondé sur notre intérêt légitime ;</li>
        <li>droit à la portabilité : recevoir les données fournies dans un format lisible par une machine ;</li>
        <li>droit de retirer votre consentement à la lettre hebdomadaire, à tout moment, par le lien présent dans chaque envoi ;</li>
        <li>droit de définir des directives sur le sort de vos données après votre décès.</li>
      </ul>

      <h3>Comment les exercer</h3>
      <ul>
        <li>
          Votre nom et vos sessions se gèrent directement dans <Link to="/compte">Mon compte</Link> ; les autres
          demandes s'adressent au délégué à la protection des données d'AFNOR, par courriel à{" "}
          <a href={`mailto:${DPO_EMAIL}`}>{DPO_EMAIL}</a> ou par courrier à l'adresse indiquée plus haut, avec la mention
          « Données personnelles — Baromètre Expérience Citoyen ».
        </li>
        <li>
          Pour le plan d'action d'une structure, adressez-vous d'abord à cette structure, responsable de ces données ;
          AFNOR l'aidera à vous répondre.
        </li>
        <li>
          Le responsable d'une structure télécharge à tout moment, depuis la page « Données de la structure » de son
          espace, une archive de toutes les données de la structure (JSON et tableaux CSV) ; quand une structure quitte
          le baromètre, AFNOR efface ou anonymise les données personnelles qui s'y rattachent et ne garde que les
          factures, pendant les dix ans qu'impose la loi.
        </li>
        <li>
          Nous vous répondons dans un délai d'un mois, prolongeable de deux mois pour une demande complexe (nous vous
          en informerons). Nous pourrons vous demander de confirmer votre identité si un doute existe.
        </li>
      </ul>
      <p>
        Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez adresser une
        réclamation à la Commission nationale de l'informatique et des libertés (CNIL), 3 place de Fontenoy, TSA 80715,
        75334 Paris Cedex 07, ou en ligne : <a href="https://www.cnil.fr/fr/plaintes">www.cnil.fr/fr/plaintes</a>.
      </p>

      <h2>Cookies</h2>
      <p>
        Le portail dépose un seul cookie, strictement nécessaire : il maintient votre session ouverte lorsque vous
        êtes connecté. Il expire au plus tard après 30 jours.
      </p>
      <p>
        Aucun cookie de mesure d'audience, de publicité ou de suivi n'est utilisé, et aucune donnée n'est partagée avec
        des réseaux sociaux. C'est pourquoi aucun bandeau ne vous demande votre consentement : la loi ne l'exige pas
        pour un cookie indispensable au fonctionnement du service.
      </p>
    </div>
  );
}
