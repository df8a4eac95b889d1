import { sql } from "drizzle-orm";
import type { Database } from "../client";
import { editionKeyFigures } from "../schema";

/** "74 %": French typography, a narrow no-break space before the percent sign (as Intl writes it). */
const pct = (value: number) => `${value}\u202f%`;

/**
 * The national figures AFNOR published for the 2019–2023 editions (DOMAIN.md, "Published figures"),
 * exactly as published: 2022 and 2023 published facts, no score. Facts are our own sentences.
 */
export const publishedKeyFigures: (typeof editionKeyFigures.$inferInsert)[] = [
  {
    year: 2019,
    editionLabel: "7e édition",
    globalScore: 68.5,
    participants: 231,
    participantsApproximate: true,
  },
  {
    year: 2020,
    editionLabel: "8e édition",
    globalScore: 62,
    globalDelta: -6.5,
    participants: 321,
    certifiedScore: 69,
    othersScore: 61,
    channels: {
      telephone: { score: 81, delta: null },
      reseaux_sociaux: { score: 72, delta: null },
      courriel: { score: 63, delta: -8 },
      site: { score: 63, delta: -3 },
      courrier: { score: 50, delta: -6 },
    },
    facts: [
      `Avec 321 structures évaluées, la participation progresse de ${pct(39)} par rapport à 2019.`,
      "Les villes de plus de 50 000 habitants obtiennent les meilleurs scores de l'édition.",
    ],
  },
  {
    year: 2021,
    editionLabel: "9e édition",
    globalScore: 67,
    globalDelta: 5,
    participants: 349,
    facts: [
      `${pct(74)} des structures évaluées disposent d'une page Facebook.`,
      `${pct(57)} des messages privés adressés à ces pages Facebook restent sans réponse.`,
    ],
  },
  {
    year: 2022,
    editionLabel: "10e édition",
    facts: ["Les structures pouvaient s'inscrire à l'édition du 7 février au 8 avril 2022."],
  },
  {
    year: 2023,
    editionLabel: "11e édition",
    facts: [
      "La part des appels qui aboutissent dès la première tentative diminue d'année en année depuis 2013.",
      "Avant qu'un agent décroche, l'attente moyenne est passée de 16 secondes en 2013 à 28 secondes en 2023.",
      "Un courriel sur deux n'a toujours pas de réponse au bout de 5 jours, une proportion inchangée depuis 10 ans.",
      `Réponse à un courriel en moins de 24 heures : ${pct(38)} dans le service public, contre ${pct(85)} dans le secteur privé.`,
      `Une formule de politesse figure dans ${pct(99)} des réponses par courriel du service public, contre ${pct(91)} dans le secteur privé.`,
    ],
  },
];

/** Idempotent: each year's row is written again with the published figures, and published. */
export async function seedKeyFigures(database: Database) {
  for (const row of publishedKeyFigures) {
    const values = {
      editionLabel: row.editionLabel ?? null,
      globalScore: row.globalScore ?? null,
      globalDelta: row.globalDelta ?? null,
      participants: row.participants ?? null,
      participantsApproximate: row.participantsApproximate ?? false,
      certifiedScore: row.certifiedScore ?? null,
      othersScore: row.othersScore ?? null,
      channels: row.channels ?? {},
      facts: row.facts ?? [],
      summary: row.summary ?? null,
      published: true,
    };
    await database
      .insert(editionKeyFigures)
      .values({ year: row.year, ...values })
      .onConflictDoUpdate({ target: editionKeyFigures.year, set: { ...values, updatedAt: sql`now()` } });
  }
}
