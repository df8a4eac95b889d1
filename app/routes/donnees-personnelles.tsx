import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [
  { title: "Données personnelles et cookies | Baromètre Expérience Citoyen" },
  {
    name: "description",
    content:
      "Quelles données personnelles le portail du Baromètre Expérience Citoyen traite, pourquoi, combien de temps, avec qui, et comment exercer vos droits.",
  },
];

const purposes = [
  {
    purpose: "Créer et gérer votre compte, vous authentifier",
    legalBasis: "Exécution du contrat (conditions d'utilisation du portail)",
  },
  {
    purpose: "Sécuriser le portail : sessions, limitation des tentatives de connexion, journaux techniques",
    legalBasis: "Intérêt légitime d'AFNOR à protéger le service et vos données",
  },
  {
    purpose: "Inscrire votre structure à une édition, réaliser les audits et vous restituer les résultats",
    legalBasis: "Exécution du contrat conclu avec votre structure",
  },
  {
    purpose: "Établir les devis et factures, encaisser les paiements",
    legalBasis: "Exécution du contrat et obligation légale (règles comptables et fiscales)",
  },
  {
    purpose: "Vous envoyer les courriels liés au service (confirmation d'adresse, invitation, rappel, facture)",
    legalBasis: "Exécution du contrat",
  },
  {
    purpose: "Vous envoyer la lettre hebdomadaire des bonnes pratiques",
    legalBasis: "Consentement, que vous pouvez retirer à tout moment",
  },
] as const;

const retentionPeriods = [
  { data: "Sessions de connexion", period: "30 jours au plus (10 jours sans activité)" },
  { data: "Comptes inactifs", period: "3 ans après la dernière activité, puis suppression" },
  { data: "Factures et pièces comptables", period: "10 ans (obligation légale)" },
  { data: "Journaux techniques et de sécurité", period: "1 an" },
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
        Cedex, est responsable des traitements liés aux comptes des utilisateurs et à la facturation.
      </p>
      <p>
        Pour les résultats d'audits, AFNOR traite les données des structures participantes afin de réaliser le
        baromètre auquel elles se sont inscrites. Ces résultats décrivent d'abord la qualité de l'accueil d'une
        structure ; lorsqu'un constat mentionne une personne (par exemple le nom donné par un agent au téléphone),
        AFNOR limite cette mention au strict nécessaire.
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
          <strong>La facturation</strong> : adresse de facturation, bon de commande, numéro d'engagement, factures et
          état des paiements. Les numéros de carte bancaire ne transitent jamais par nos serveurs.
        </li>
        <li>
          <strong>Les courriels envoyés</strong> : destinataire, objet, contenu et date d'envoi de chaque message
          adressé par le portail.
        </li>
      </ul>

      <h2>Pourquoi et sur quelle base légale</h2>
      <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="purposes-caption">
        <table className="table">
          <caption id="purposes-caption">Finalités des traitements et bases légales</caption>
          <thead>
            <tr>
              <th scope="col">Finalité</th>
              <th scope="col">Base légale</th>
            </tr>
          </thead>
          <tbody>
            {purposes.map((row) => (
              <tr key={row.purpose}>
                <td>{row.purpose}</td>
                <td>{row.legalBasis}</td>
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
      <p>AFNOR fait appel à deux sous-traitants, liés par contrat et soumis aux mêmes obligations de protection :</p>
      <ul>
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
        <li>droit à la portabilité : recevoir les données fournies dans un format lisible par une machine.</li>
      </ul>
      <p>
        Pour exercer ces droits, écrivez au délégué à la protection des données :{" "}
        <a href="mailto:dpo@barometre.example">dpo@barometre.example</a>. Nous vous répondons dans un délai d'un mois.
        Nous pourrons vous demander de confirmer votre identité si un doute existe.
      </p>
      <p>
        Si vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la Commission
        nationale de l'informatique et des libertés (CNIL) : <a href="https://www.cnil.fr">www.cnil.fr</a>.
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
