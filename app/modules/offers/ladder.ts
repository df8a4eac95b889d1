/**
 * Where a structure stands on AFNOR's offer ladder (DOMAIN.md, "The offer ladder") and which
 * offer to put in front of it. Pure: the caller passes the latest published results (or null)
 * and the structure's certifications. The first rule that applies wins:
 *
 * 1. No published results yet → "barometre": take part in the barometer first (no offer).
 * 2. Already certified or labelled (Qualivilles, Services Publics+, ISO 9001, Marianne) → keep
 *    the label: a flash diagnostic before the renewal audit.
 * 3. Global score more than 5 points under the category median, or 3 channels or more under
 *    their category median → "diagnostic": the internal diagnostic, the gaps are structural.
 * 4. Otherwise, if some channel is under its category median → "formation" on the channel
 *    furthest under its median (largest gap; channel → training in `trainingByChannel`).
 * 5. Every channel at or above its median and global ≥ 75 → "certification" (Qualivilles for
 *    local authorities, Services Publics+ for the others), preceded by "diagnostic_flash" while
 *    the global score is under 80.
 * 6. Every channel at or above its median but global under 75 → "formation" on the weakest
 *    channel, to build the habits a label audit expects.
 *
 * A figure hidden by the peer rules (group under 5 structures: median null) or a channel without
 * a score is left out of the comparisons. Reasons are plain French with fr-FR figures.
 */
import { formatScore } from "~/utils/format";

export const ladderSteps = [
  { step: "barometre", label: "Baromètre" },
  { step: "diagnostic", label: "Diagnostic interne" },
  { step: "formation", label: "Formation" },
  { step: "diagnostic_flash", label: "Diagnostic flash" },
  { step: "certification", label: "Certification ou label" },
] as const;
export type LadderStep = (typeof ladderSteps)[number]["step"];

/** Offer codes of the catalogue the ladder can recommend (seeded by db/seed/offers.ts). */
export const offerCodes = {
  diagnostic: "diagnostic-interne",
  phoneTraining: "formation-accueil-telephonique",
  writingTraining: "formation-ecrits-usagers",
  deskTraining: "formation-accueil-physique",
  onlineTraining: "formation-reseaux-sociaux",
  flash: "diagnostic-flash",
  qualivilles: "label-qualivilles",
  servicesPublicsPlus: "label-services-publics-plus",
  iso9001: "certification-iso-9001",
} as const;
export type OfferCode = (typeof offerCodes)[keyof typeof offerCodes];

/** The training that works on each contact channel of the referential. */
export const trainingByChannel: Record<string, OfferCode> = {
  telephone: offerCodes.phoneTraining,
  courriel: offerCodes.writingTraining,
  courrier: offerCodes.writingTraining,
  accueil_physique: offerCodes.deskTraining,
  reseaux_sociaux: offerCodes.onlineTraining,
  site: offerCodes.onlineTraining,
};

export type LadderScore = { code: string; label: string; score: number | null; median: number | null };

export type LadderInput = {
  results: {
    global: { score: number | null; median: number | null };
    channels: LadderScore[];
    determinants: LadderScore[];
  } | null;
  certifications: readonly string[];
  /** The structure's kind: local authorities are steered to Qualivilles, the others to Services Publics+. */
  structureKind?: string;
};

export type LadderRecommendation = { step: LadderStep; recommendedOfferCode: OfferCode | null; reason: string };

const DIAGNOSTIC_GAP = 5;
const CHANNELS_FOR_DIAGNOSTIC = 3;
const CERTIFICATION_THRESHOLD = 75;
const DIRECT_CERTIFICATION_THRESHOLD = 80;
const RECOGNISED_LABELS = ["qualivilles", "services publics+", "iso 9001", "marianne"];
const LOCAL_AUTHORITIES = new Set(["commune", "epci", "departement", "region"]);

const fold = (value: string) =>
  value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();

/** The certifications that count as a recognised label, as the structure spelled them. */
export function recognisedLabels(certifications: readonly string[]) {
  return certifications.filter((c) => RECOGNISED_LABELS.some((label) => fold(c).includes(label)));
}

const outOf100 = (score: number) => `${formatScore(score)}/100`;
const lower = (label: string) => label.charAt(0).toLowerCase() + label.slice(1);
const listFr = (items: string[]) => (items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} et ${items.at(-1)}`);

type Compared = LadderScore & { score: number; median: number; gap: number };
function compared(scores: LadderScore[]): Compared[] {
  return scores.flatMap((s) => (s.score === null || s.median === null ? [] : [{ ...s, score: s.score, median: s.median, gap: s.score - s.median }]));
}

function weakestDeterminant(determinants: LadderScore[]) {
  return compared(determinants)
    .filter((d) => d.gap < 0)
    .sort((a, b) => a.gap - b.gap)[0];
}

export function nextStep(input: LadderInput): LadderRecommendation {
  const { results } = input;
  if (!results) {
    return {
      step: "barometre",
      recommendedOfferCode: null,
      reason:
        "Votre structure n'a pas encore de résultats publiés : participez au baromètre pour mesurer la qualité de votre relation usager et vous comparer à votre catégorie.",
    };
  }
  const global = results.global.score;

  const labels = recognisedLabels(input.certifications);
  if (labels.length > 0) {
    return {
      step: "diagnostic_flash",
      recommendedOfferCode: offerCodes.flash,
      reason: `Votre structure détient déjà ${listFr(labels)}${global === null ? "" : ` et son score global est de ${outOf100(global)}`} : un diagnostic flash avant l'audit de renouvellement vous montre les écarts à corriger pour conserver votre label.`,
    };
  }

  const channels = compared(results.channels);
  const under = channels.filter((c) => c.gap < 0).sort((a, b) => a.gap - b.gap);
  const globalMedian = results.global.median;
  if (global !== null && globalMedian !== null && global < globalMedian - DIAGNOSTIC_GAP) {
    const determinant = weakestDeterminant(results.determinants);
    return {
      step: "diagnostic",
      recommendedOfferCode: offerCodes.diagnostic,
      reason:
        `Votre score global (${outOf100(global)}) est à plus de ${DIAGNOSTIC_GAP} points sous la médiane de votre catégorie (${formatScore(globalMedian)}) : un diagnostic interne, mené par un auditeur indépendant, identifiera les causes et les priorités` +
        (determinant ? `, à commencer par « ${determinant.label} » (${outOf100(determinant.score)}, médiane ${formatScore(determinant.median)}).` : "."),
    };
  }
  if (under.length >= CHANNELS_FOR_DIAGNOSTIC) {
    const detail = under.map((c) => `${lower(c.label)} ${outOf100(c.score)} pour une médiane de ${formatScore(c.median)}`);
    return {
      step: "diagnostic",
      recommendedOfferCode: offerCodes.diagnostic,
      reason: `${under.length} canaux sur ${channels.length} sont sous la médiane de votre catégorie (${listFr(detail)}) : un diagnostic interne, mené par un auditeur indépendant, vous aidera à traiter ces écarts ensemble.`,
    };
  }

  const weakestUnder = under[0];
  if (weakestUnder) {
    return {
      step: "formation",
      recommendedOfferCode: trainingByChannel[weakestUnder.code] ?? offerCodes.diagnostic,
      reason: `Votre score ${lower(weakestUnder.label)} (${outOf100(weakestUnder.score)}) est sous la médiane de votre catégorie (${formatScore(weakestUnder.median)}) : une formation de vos agents sur ce canal est le levier le plus direct.`,
    };
  }

  if (global !== null && global >= CERTIFICATION_THRESHOLD) {
    const label = input.structureKind && !LOCAL_AUTHORITIES.has(input.structureKind) ? offerCodes.servicesPublicsPlus : offerCodes.qualivilles;
    const labelName = label === offerCodes.qualivilles ? "Qualivilles" : "Services Publics+";
    if (global < DIRECT_CERTIFICATION_THRESHOLD) {
      return {
        step: "diagnostic_flash",
        recommendedOfferCode: offerCodes.flash,
        reason: `Tous vos canaux sont au niveau de la médiane de votre catégorie ou au-dessus et votre score global atteint ${outOf100(global)} : un diagnostic flash vous montrera le chemin restant avant le label ${labelName} (visé à partir de ${DIRECT_CERTIFICATION_THRESHOLD}/100).`,
      };
    }
    return {
      step: "certification",
      recommendedOfferCode: label,
      reason: `Tous vos canaux sont au niveau de la médiane de votre catégorie ou au-dessus et votre score global atteint ${outOf100(global)} : votre structure est prête à faire reconnaître sa performance par le label ${labelName}.`,
    };
  }

  const weakest = [...channels].sort((a, b) => a.score - b.score)[0];
  if (weakest) {
    return {
      step: "formation",
      recommendedOfferCode: trainingByChannel[weakest.code] ?? offerCodes.diagnostic,
      reason:
        `Vos canaux sont au niveau de la médiane de votre catégorie, mais votre score global` +
        (global === null ? "" : ` (${outOf100(global)})`) +
        ` reste sous ${CERTIFICATION_THRESHOLD}/100 : une formation sur votre canal le plus faible, ${lower(weakest.label)} (${outOf100(weakest.score)}), installera les habitudes qu'un label demande.`,
    };
  }
  return {
    step: "diagnostic",
    recommendedOfferCode: offerCodes.diagnostic,
    reason: "Les chiffres de comparaison de votre catégorie ne sont pas communiqués (moins de 5 structures) : un diagnostic interne situera votre structure face aux référentiels reconnus.",
  };
}
