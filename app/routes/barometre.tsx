import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { env } from "~/env.server";
import { barometrePage, type CallToAction } from "~/modules/public/barometre.server";
import { publicDataPageHeaders } from "~/modules/public/http-cache";
import { formatNumber } from "~/utils/format";
import { publicMeta } from "~/utils/seo";

const pageDescription =
  "Ce que mesure le Baromètre Expérience Citoyen, le calendrier de l'édition ouverte, les tarifs HT et TTC par catégorie, ce que reçoit votre structure et comment l'inscrire.";

// Public for anonymous visitors only: a signed-in owner's call to enrol names their structure (ADR 013).
export const headers = publicDataPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  publicMeta({ title: "Le baromètre et l'inscription", description: pageDescription, path: "/barometre", origin: data?.origin });

export async function loader({ request }: LoaderFunctionArgs) {
  return { ...(await barometrePage(request)), origin: env().APP_URL };
}

const stages = [
  {
    name: "L'accès",
    text: "Parvient-on à joindre la structure ? Le téléphone décroche-t-il, le courriel arrive-t-il à la bonne adresse, les horaires sont-ils faciles à trouver ?",
  },
  {
    name: "L'information et l'orientation",
    text: "L'usager obtient-il les renseignements utiles, et est-il dirigé vers le bon service ou le bon interlocuteur ?",
  },
  {
    name: "Le traitement de la demande",
    text: "La demande reçoit-elle vraiment une réponse, complète, juste et dans un délai raisonnable ?",
  },
] as const;

const namedDeterminants = [
  "l'accessibilité",
  "la réactivité",
  "la courtoisie",
  "la personnalisation",
  "la gestion de l'attente et son temps",
  "la qualité de la réponse",
  "l'efficacité des transferts",
  "le traitement des réclamations",
] as const;

const deliverables = [
  {
    title: "Des scores sur 100",
    text: "Un score global, puis un score par canal, par étape du contact et par déterminant, pour voir d'un coup d'œil ce qui fonctionne et ce qui accroche.",
  },
  {
    title: "Une comparaison avec vos pairs",
    text: "Vos résultats sont situés par rapport à la moyenne des structures de votre catégorie et à celle de l'ensemble des participants.",
  },
  {
    title: "Votre évolution d'une année sur l'autre",
    text: "Si vous avez déjà participé, chaque score est rapproché de celui des éditions précédentes.",
  },
  {
    title: "Un rapport en PDF",
    text: "Un document complet, à partager avec les élus, la direction générale et les équipes d'accueil.",
  },
  {
    title: "Un plan d'action",
    text: "Les points faibles repérés deviennent des actions à mener, que vous suivez dans votre espace avec vos collègues.",
  },
  {
    title: "Des bonnes pratiques chaque semaine",
    text: "Des exemples concrets venus d'autres collectivités et des lauréats des éditions passées, publiés pendant toute la campagne.",
  },
  {
    title: "Des pistes pour la suite",
    text: "Selon votre maturité : diagnostic interne, formation des agents, diagnostic flash avant une certification, puis labellisation (Qualivilles, Services Publics+, ISO 9001).",
  },
] as const;

const faq = [
  {
    question: "Quelles structures peuvent s'inscrire ?",
    answer:
      "Toute structure publique qui reçoit et renseigne des usagers : mairies, intercommunalités, départements, régions, Maisons France Services, offices de tourisme, CCAS, établissements de santé ou d'hébergement, bibliothèques… La participation est volontaire.",
  },
  {
    question: "Comment les auditeurs restent-ils anonymes ?",
    answer:
      "Ils se présentent comme de simples habitants, avec des demandes réalistes, et ne révèlent jamais leur mission. Les dates des contacts ne vous sont pas communiquées : seules les bornes de la période d'audit sont connues. Évitez de prévenir vos équipes de façon trop précise, sans quoi la mesure perd de sa valeur.",
  },
  {
    question: "Quand recevrons-nous nos résultats ?",
    answer:
      "Les résultats sont publiés dans votre espace à la date de publication annoncée dans le calendrier de l'édition, quelques mois après la fin des audits. Un courriel vous prévient dès qu'ils sont disponibles.",
  },
  {
    question: "Nous sommes une annexe ou une antenne : pouvons-nous participer ?",
    answer:
      "Oui. Une mairie annexe, une antenne ou un point d'accueil secondaire peut s'inscrire comme structure à part entière, avec son propre espace. C'est souvent utile : l'écart de qualité entre le site principal et les sites secondaires d'une même collectivité est un constat fréquent.",
  },
  {
    question: "Pouvons-nous figurer parmi les lauréats ?",
    answer:
      "Chaque structure inscrite concourt dans sa catégorie. Les meilleurs scores de chaque catégorie sont distingués lors de la remise des prix, parfois avec une mention (numérique, participation citoyenne, compétence accueil).",
  },
  {
    question: "Comment notre catégorie est-elle déterminée ?",
    answer:
      "Elle découle de la nature de la structure et, pour une commune, de sa population légale publiée par l'Insee : moins de 20 000 habitants, de 20 000 à 49 999, ou 50 000 et plus. Elle fixe à la fois le tarif et le groupe de comparaison ; elle n'est pas saisie à la main.",
  },
  {
    question: "Pouvons-nous payer sur facture, avec Chorus Pro ?",
    answer:
      "Oui, c'est le cas le plus courant. À l'inscription, vous indiquez votre numéro d'engagement juridique, votre numéro de bon de commande et, si votre structure l'exige, le code service Chorus Pro. La facture reprend ces références ainsi que le SIRET du payeur, pour être traitée sans ressaisie par vos services financiers.",
  },
  {
    question: "Pouvons-nous annuler notre inscription ?",
    answer:
      "Tant que la période d'audit n'a pas commencé, contactez l'équipe du baromètre : l'inscription est annulée et, si vous avez déjà payé, vous êtes remboursé selon les conditions générales de vente de l'édition. Une fois les audits lancés, l'inscription n'est plus annulable.",
  },
] as const;

function CallToActionLinks({ callToAction }: { callToAction: CallToAction }) {
  if (callToAction.links.length === 1) {
    const [link] = callToAction.links;
    return (
      <p>
        <Link className="btn" to={link.to}>
          {link.label}
        </Link>
      </p>
    );
  }
  return (
    <ul className="cluster" role="list">
      {callToAction.links.map((link) => (
        <li key={link.to}>
          <Link className="btn" to={link.to}>
            {link.label}
          </Link>
        </li>
      ))}
    </ul>
  );
}

function callToActionIntro(callToAction: CallToAction) {
  switch (callToAction.kind) {
    case "signup":
      return "Commencez par créer votre compte personnel : vous créerez ensuite l'espace de votre structure, puis vous l'inscrirez en quelques minutes.";
    case "create-structure":
      return "Votre compte est prêt. Il reste à créer l'espace de votre structure ; vous pourrez ensuite l'inscrire à l'édition.";
    case "my-space":
      return "Seul le responsable d'une structure peut l'inscrire. Retrouvez vos structures dans votre espace, ou demandez à leur responsable de procéder à l'inscription.";
    case "enrol":
      return callToAction.links.length > 1
        ? "Vous êtes responsable de plusieurs structures : choisissez celle que vous souhaitez inscrire."
        : "Vous êtes responsable de cette structure : confirmez ses informations, choisissez vos options et votre mode de paiement.";
  }
}

export default function Barometre() {
  const data = useLoaderData<typeof loader>();
  const { edition, upcoming, auditPlan, prices, onsiteVisit, callToAction } = data;
  return (
    <>
      <section className="hero" aria-labelledby="titre-page">
        <div className="container stack">
          <h1 id="titre-page">Le baromètre et l'inscription</h1>
          <p className="lead">
            Pendant environ deux mois, des auditeurs anonymes contactent votre structure {formatNumber(auditPlan.total)} fois,
            comme le ferait n'importe quel usager. Vous obtenez une mesure objective de votre accueil, comparée à celle de
            structures semblables.
          </p>
          {edition ? (
            <p>
              Les inscriptions à l'édition {edition.year} sont ouvertes jusqu'au <strong>{edition.enrolmentClosesOn}</strong>.
            </p>
          ) : null}
          <p>
            <a href="#titre-inscrire">Aller directement à l'inscription</a>
          </p>
        </div>
      </section>

      <div className="container stack stack-lg">
        <section className="stack" aria-labelledby="titre-mesure">
          <h2 id="titre-mesure">Ce que mesure le baromètre</h2>
          <p>
            Chaque contact est un audit mystère : une demande ordinaire, posée par une personne qui ne dit pas qu'elle évalue
            le service. Les constats sont relevés à l'aide d'une grille d'environ {formatNumber(400)} points de contrôle,
            concrets et vérifiables, issus de deux démarches qualité reconnues : le label Qualivilles d'AFNOR et le
            programme Services Publics+ de l'État.
          </p>

          <h3>{formatNumber(auditPlan.total)} audits sur 6 canaux</h3>
          <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-canaux">
            <table className="table">
              <caption id="legende-canaux">Répartition des audits mystères par canal de contact</caption>
              <thead>
                <tr>
                  <th scope="col">Canal</th>
                  <th scope="col" className="numeric">
                    Nombre d'audits
                  </th>
                </tr>
              </thead>
              <tbody>
                {auditPlan.channels.map((channel) => (
                  <tr key={channel.channel}>
                    <th scope="row">
                      {channel.label}
                      {channel.optional ? " (en option)" : null}
                    </th>
                    <td className="numeric">{formatNumber(channel.count)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Total</th>
                  <td className="numeric">{formatNumber(auditPlan.total)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          <p className="muted">
            Les réseaux sociaux comprennent Facebook, X (anciennement Twitter) et, depuis 2021, les pages d'avis en ligne
            comme les avis Google.
            {auditPlan.total !== auditPlan.totalWithoutOnsiteVisit
              ? ` Sans la visite sur place, votre structure reçoit ${formatNumber(auditPlan.totalWithoutOnsiteVisit)} audits.`
              : null}
          </p>

          <h3>Les 3 étapes de chaque contact</h3>
          <ol className="steps">
            {stages.map((stage) => (
              <li key={stage.name}>
                <div>
                  <strong>{stage.name}</strong> — {stage.text}
                </div>
              </li>
            ))}
          </ol>

          <h3>20 déterminants de la satisfaction</h3>
          <p>
            Les constats sont regroupés en {formatNumber(20)} déterminants, c'est-à-dire les facteurs qui font qu'un usager
            repart satisfait ou non. En voici quelques-uns :
          </p>
          <ul>
            {namedDeterminants.map((determinant) => (
              <li key={determinant}>{determinant}</li>
            ))}
          </ul>
          <p>
            S'y ajoutent par exemple la lisibilité des réponses écrites, l'identification de l'agent, l'information sur les
            horaires d'ouverture ou le suivi de la demande.
          </p>
        </section>

        <section className="stack" aria-labelledby="titre-calendrier">
          <h2 id="titre-calendrier">Calendrier de l'édition</h2>
          {edition ? (
            <>
              <p>
                {edition.title} — {edition.number}
                <sup>e</sup> édition.
              </p>
              <dl className="definition-list">
                <div>
                  <dt>Inscriptions</dt>
                  <dd>
                    du {edition.enrolmentOpensOn} au {edition.enrolmentClosesOn}
                  </dd>
                </div>
                <div>
                  <dt>Audits mystères</dt>
                  <dd>
                    du {edition.auditStartsOn} au {edition.auditEndsOn}
                  </dd>
                </div>
                <div>
                  <dt>Publication des résultats</dt>
                  <dd>{edition.publicationOn}</dd>
                </div>
              </dl>
            </>
          ) : (
            <div className="alert alert-info">
              <p>
                Aucune campagne d'inscription n'est ouverte en ce moment.{" "}
                {upcoming
                  ? `La prochaine, pour l'édition ${upcoming.year}, ouvrira le ${upcoming.enrolmentOpensOn}.`
                  : "La prochaine ouvrira au début de l'année : créez dès maintenant votre compte et l'espace de votre structure pour être prêt."}
              </p>
            </div>
          )}
        </section>

        <section className="stack" aria-labelledby="titre-tarifs">
          <h2 id="titre-tarifs">Tarifs</h2>
          {edition && prices.length > 0 ? (
            <>
              <p>
                Le tarif dépend de la catégorie de votre structure. Les montants sont indiqués hors taxes (HT) ; la TVA est
                de 20 %.
              </p>
              <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-tarifs">
                <table className="table">
                  <caption id="legende-tarifs">Tarifs de l'édition {edition.year} par catégorie de structure</caption>
                  <thead>
                    <tr>
                      <th scope="col">Catégorie</th>
                      <th scope="col" className="numeric">
                        Prix <abbr title="hors taxes">HT</abbr>
                      </th>
                      <th scope="col" className="numeric">
                        <abbr title="taxe sur la valeur ajoutée">TVA</abbr> (20 %)
                      </th>
                      <th scope="col" className="numeric">
                        Prix <abbr title="toutes taxes comprises">TTC</abbr>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {prices.map((price) => (
                      <tr key={price.category}>
                        <th scope="row">{price.label}</th>
                        <td className="numeric">{price.ht}</td>
                        <td className="numeric">{price.vat}</td>
                        <td className="numeric">{price.ttc}</td>
                      </tr>
                    ))}
                  </tbody>
                  {onsiteVisit ? (
                    <tfoot>
                      <tr>
                        <th scope="row">Option : visite mystère sur place</th>
                        <td className="numeric">{onsiteVisit.ht}</td>
                        <td className="numeric">{onsiteVisit.vat}</td>
                        <td className="numeric">{onsiteVisit.ttc}</td>
                      </tr>
                    </tfoot>
                  ) : null}
                </table>
              </div>
              {onsiteVisit ? (
                <p>
                  La visite sur place est facultative : elle s'ajoute au prix de votre catégorie si vous la choisissez lors
                  de l'inscription.
                </p>
              ) : null}
              <p className="muted">
                Le prix est figé au moment de votre inscription : une modification ultérieure de la grille ne le change pas.
              </p>
            </>
          ) : (
            <p>Les tarifs seront publiés à l'ouverture de la prochaine campagne d'inscription.</p>
          )}
        </section>

        <section className="stack" aria-labelledby="titre-livrables">
          <h2 id="titre-livrables">Ce que reçoit votre structure</h2>
          <div className="grid">
            {deliverables.map((item, index) => (
              <article className="card" key={item.title} aria-labelledby={`livrable-${index}`}>
                <h3 id={`livrable-${index}`}>{item.title}</h3>
                <p>{item.text}</p>
              </article>
            ))}
          </div>
        </section>

        <section className="stack" aria-labelledby="titre-paiement">
          <h2 id="titre-paiement">Comment payer</h2>
          <p>Le paiement s'adapte aux règles de la comptabilité publique.</p>
          <h3>Sur facture, par mandat administratif</h3>
          <ol>
            <li>Téléchargez un devis en PDF depuis la page d'inscription, pour le faire valider en interne.</li>
            <li>
              Lors de l'inscription, indiquez si besoin votre numéro de bon de commande, votre numéro d'engagement juridique et
              le code service Chorus Pro attendu par votre structure.
            </li>
            <li>Une facture portant ces références vous est adressée ; vous la retrouvez aussi dans votre espace.</li>
            <li>Votre comptable règle la facture par mandat administratif, sous 30 jours.</li>
          </ol>
          <h3>Par carte bancaire</h3>
          <p>
            Si votre structure dispose d'une carte d'achat, vous pouvez régler immédiatement en ligne, sur une page de paiement
            sécurisée. Le reçu est envoyé par courriel.
          </p>
        </section>

        <section className="stack" aria-labelledby="titre-faq">
          <h2 id="titre-faq">Questions fréquentes</h2>
          <div className="stack stack-sm">
            {faq.map((item) => (
              <details className="card" key={item.question}>
                <summary>
                  <strong>{item.question}</strong>
                </summary>
                <p>{item.answer}</p>
              </details>
            ))}
          </div>
        </section>

        <section className="card card-muted stack" aria-labelledby="titre-inscrire">
          <h2 id="titre-inscrire">{edition ? `Inscrire votre structure à l'édition ${edition.year}` : "Préparer votre inscription"}</h2>
          <p>{callToActionIntro(callToAction)}</p>
          <CallToActionLinks callToAction={callToAction} />
        </section>
      </div>
    </>
  );
}
