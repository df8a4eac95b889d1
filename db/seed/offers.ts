import { addDays, format } from "date-fns";
import { and, eq, notExists, sql } from "drizzle-orm";
import type { Database } from "../client";
import { offers, orders, trainingSessions, type OfferKind } from "../schema";
import { offerCodes } from "../../app/modules/offers/ladder";

type SeedSession = { inDays: number; days: number; place: string; seats: number; seatsTaken: number };
type SeedOffer = {
  code: string;
  kind: OfferKind;
  title: string;
  description: string;
  benefits: string;
  duration: string;
  priceHtCents: number | null;
  prerequisites: string;
  sessions?: SeedSession[];
};

export const REMOTE = "À distance";

/** AFNOR's catalogue, in the order of the ladder. Session dates are relative to the seed day. */
export const seedOffers: SeedOffer[] = [
  {
    code: offerCodes.diagnostic,
    kind: "diagnostic",
    title: "Diagnostic interne de la relation usager",
    description:
      "Un auditeur AFNOR indépendant évalue sur site votre organisation de l'accueil, tous canaux confondus, au regard des référentiels reconnus (Qualivilles, Services Publics+, NF X50-718), entretiens avec les agents et l'encadrement compris.",
    benefits: "Un rapport de constats hiérarchisés, vos points forts et un plan de progrès priorisé, présentés à votre comité de direction.",
    duration: "3 à 5 jours selon la taille de la structure",
    priceHtCents: null,
    prerequisites: "Avoir désigné un référent qualité et réuni les procédures d'accueil existantes.",
  },
  {
    code: offerCodes.phoneTraining,
    kind: "formation",
    title: "Formation « Accueil téléphonique : qualité et efficacité »",
    description:
      "Décrocher vite, identifier la demande, orienter sans transferts en cascade, gérer l'attente et les messageries : mises en situation à partir d'appels mystères réels.",
    benefits: "Des agents plus sûrs d'eux au téléphone, moins d'appels perdus et des réponses données dès le premier contact.",
    duration: "1 jour (7 heures)",
    priceHtCents: 69000,
    prerequisites: "Aucun : agents d'accueil, standardistes et leurs encadrants.",
    sessions: [
      { inDays: 21, days: 1, place: "Lyon", seats: 12, seatsTaken: 7 },
      { inDays: 45, days: 1, place: REMOTE, seats: 15, seatsTaken: 3 },
      { inDays: 80, days: 1, place: "Paris (Saint-Denis)", seats: 12, seatsTaken: 0 },
    ],
  },
  {
    code: offerCodes.writingTraining,
    kind: "formation",
    title: "Formation « Écrire aux usagers : courriers et courriels »",
    description:
      "Des réponses écrites claires, complètes et dans les délais : structure d'un courriel, langage clair, accusés de réception, modèles de réponse partagés.",
    benefits: "Des réponses comprises du premier coup, moins de relances et un délai de réponse maîtrisé.",
    duration: "1 jour (7 heures)",
    priceHtCents: 69000,
    prerequisites: "Apporter deux ou trois courriers ou courriels types envoyés par votre service.",
    sessions: [
      { inDays: 14, days: 1, place: REMOTE, seats: 15, seatsTaken: 14 },
      { inDays: 56, days: 1, place: "Lille", seats: 12, seatsTaken: 4 },
    ],
  },
  {
    code: offerCodes.deskTraining,
    kind: "formation",
    title: "Formation « Accueil physique et situations difficiles »",
    description:
      "Accueillir, écouter et orienter au guichet ; désamorcer l'agressivité, poser un cadre et se protéger ; organiser l'attente et la confidentialité.",
    benefits: "Des agents outillés face aux tensions, un accueil plus serein et moins d'incidents.",
    duration: "2 jours (14 heures)",
    priceHtCents: 129000,
    prerequisites: "Occuper un poste d'accueil du public ou l'encadrer.",
    sessions: [
      { inDays: 28, days: 2, place: "Marseille", seats: 10, seatsTaken: 6 },
      { inDays: 63, days: 2, place: "Nantes", seats: 10, seatsTaken: 10 },
      { inDays: 98, days: 2, place: "Paris (Saint-Denis)", seats: 10, seatsTaken: 2 },
    ],
  },
  {
    code: offerCodes.onlineTraining,
    kind: "formation",
    title: "Formation « Réseaux sociaux, site et avis en ligne »",
    description:
      "Répondre aux messages et aux avis publiés en ligne, tenir un ton institutionnel et humain, rendre visibles les informations pratiques de votre site.",
    benefits: "Une présence en ligne qui répond, des avis traités et des usagers qui trouvent seuls l'information.",
    duration: "1 jour (7 heures)",
    priceHtCents: 74000,
    prerequisites: "Avoir accès aux comptes de la structure (ou être accompagné du chargé de communication).",
    sessions: [
      { inDays: 35, days: 1, place: REMOTE, seats: 20, seatsTaken: 5 },
      { inDays: 70, days: 1, place: "Bordeaux", seats: 12, seatsTaken: 1 },
    ],
  },
  {
    code: offerCodes.flash,
    kind: "diagnostic_flash",
    title: "Diagnostic flash (pré-audit)",
    description:
      "Un auditeur passe une journée sur site et vérifie les exigences du label ou de la certification visée, pour mesurer le chemin restant avant l'audit.",
    benefits: "La liste des écarts à lever avant l'audit, pour le passer — ou le renouveler — sans surprise.",
    duration: "1 jour sur site, restitution comprise",
    priceHtCents: 145000,
    prerequisites: "Avoir choisi le label ou la certification visée et participé au baromètre.",
  },
  {
    code: offerCodes.qualivilles,
    kind: "certification",
    title: "Label Qualivilles",
    description:
      "La certification de service des collectivités territoriales pour l'accueil, l'orientation et le traitement des demandes, délivrée par AFNOR Certification après audit.",
    benefits: "Une reconnaissance visible de la qualité de votre accueil, et un cadre de progrès suivi chaque année.",
    duration: "Audit de 2 à 4 jours, cycle de 3 ans avec audits de suivi",
    priceHtCents: null,
    prerequisites: "Collectivité territoriale ; engagements Qualivilles mis en œuvre depuis au moins 3 mois.",
  },
  {
    code: offerCodes.servicesPublicsPlus,
    kind: "certification",
    title: "Label Services Publics+",
    description:
      "Le label de l'État (successeur du référentiel Marianne) qui reconnaît les services publics engagés sur les 9 engagements de qualité envers les usagers.",
    benefits: "Une reconnaissance nationale de votre démarche et la confiance des usagers.",
    duration: "Audit de 1 à 3 jours, label valable 3 ans",
    priceHtCents: 320000,
    prerequisites: "Avoir réalisé une auto-évaluation sur le référentiel Services Publics+.",
  },
  {
    code: offerCodes.iso9001,
    kind: "certification",
    title: "Certification ISO 9001",
    description: "La certification du système de management de la qualité de toute l'organisation, au-delà de la relation usager.",
    benefits: "Une organisation pilotée par les processus et une reconnaissance internationale.",
    duration: "Audit de 3 à 8 jours selon l'effectif, cycle de 3 ans",
    priceHtCents: null,
    prerequisites: "Système de management de la qualité documenté et revue de direction réalisée.",
  },
];

const day = (date: Date) => format(date, "yyyy-MM-dd");

/**
 * Upserts the catalogue by code and replaces each training's sessions (those not ordered yet) with
 * fresh ones dated from `now`, so the demo always shows upcoming sessions. Idempotent.
 */
export async function seedOfferCatalogue(database: Database, now = new Date()) {
  for (const [index, offer] of seedOffers.entries()) {
    const { sessions, ...fields } = offer;
    const values = { ...fields, position: index + 1, active: true };
    const [row] = await database
      .insert(offers)
      .values(values)
      .onConflictDoUpdate({ target: offers.code, set: { ...values, updatedAt: sql`now()` } })
      .returning({ id: offers.id });
    if (!row) throw new Error(`seed: offer ${offer.code} not upserted`);
    // Sessions already ordered stay (orders point at them); the others are replaced.
    await database
      .delete(trainingSessions)
      .where(and(eq(trainingSessions.offerId, row.id), notExists(database.select({ one: sql`1` }).from(orders).where(eq(orders.sessionId, trainingSessions.id)))));
    if (sessions?.length) {
      await database.insert(trainingSessions).values(
        sessions.map((s) => {
          const startsOn = addDays(now, s.inDays);
          return { offerId: row.id, startsOn: day(startsOn), endsOn: day(addDays(startsOn, s.days - 1)), place: s.place, remote: s.place === REMOTE, seats: s.seats, seatsTaken: s.seatsTaken };
        }),
      );
    }
  }
}
