// The vocabularies a good practice is tagged with, and their French labels. Zod-free, so the
// public pages' components import them without pulling the form schema into the browser.
import { determinants } from "../../../db/seed/referential-data";
import { channelLabels } from "../editions/audit-plan";
import { structureKindLabels, structureKinds } from "../tenancy/categories";

export const practiceThemeLabels = {
  organisation: "Organisation de l'accueil",
  evaluation: "Évaluation continue",
  ecoute: "Écoute des usagers",
  equipe: "Équipes et compétences",
  numerique: "Numérique",
  inclusion: "Inclusion et accessibilité",
  participation: "Participation citoyenne",
  proximite: "Proximité et territoires",
  ecrits: "Écrits et réponses",
} as const;
export type PracticeTheme = keyof typeof practiceThemeLabels;
export const practiceThemes = Object.keys(practiceThemeLabels) as PracticeTheme[];

export const practiceChannels = Object.keys(channelLabels) as (keyof typeof channelLabels)[];
export const practiceDeterminantLabels: Record<string, string> = Object.fromEntries(determinants.map((d) => [d.code, d.label]));
export const practiceDeterminants = determinants.map((d) => d.code);
export { channelLabels as practiceChannelLabels, structureKindLabels as practiceKindLabels, structureKinds as practiceKinds };
