/*
 * How the referential reads in French, on the page and in the CSV file. Pure and free of server
 * dependencies: the referential page renders these in the browser too.
 */

export type AnswerType = "yes_no" | "scale" | "measure";
export type Threshold = { upTo: number; points: number };

export const answerTypes: readonly AnswerType[] = ["yes_no", "scale", "measure"];

export const answerTypeLabels: Record<AnswerType, string> = {
  yes_no: "Oui / non / sans objet",
  scale: "Échelle de 0 à 4",
  measure: "Valeur mesurée",
};

/** The `type` column of the CSV file. */
export const answerTypeCsvCodes: Record<AnswerType, string> = { yes_no: "oui_non", scale: "echelle", measure: "mesure" };

const decimal = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 6, useGrouping: false });
const points = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });

/** "sonneries" → "sonnerie", "jours ouvrés" → "jour ouvré": French singular below 2. */
function unitFor(value: number, unit: string | null) {
  if (!unit) return "";
  return ` ${value < 2 ? unit.replace(/(\p{L})s\b/gu, "$1") : unit}`;
}

function pointsText(value: number) {
  return `${points.format(value)} ${Math.abs(value) >= 2 ? "pts" : "pt"}`;
}

/**
 * The scale of a measured item in words, in points out of its weight:
 * ["≤ 2 sonneries : 2 pts", "≤ 4 sonneries : 1,5 pt", …, "au-delà de 8 sonneries : 0 pt"].
 * A measure earns the points of the first threshold it does not exceed (lower is better).
 */
export function describeThresholds(thresholds: readonly Threshold[], unit: string | null, weight: number): string[] {
  const lines = thresholds.map((t) => `≤ ${decimal.format(t.upTo)}${unitFor(t.upTo, unit)} : ${pointsText(t.points * weight)}`);
  const last = thresholds.at(-1);
  if (last) lines.push(`au-delà de ${decimal.format(last.upTo)}${unitFor(last.upTo, unit)} : 0 pt`);
  return lines;
}
