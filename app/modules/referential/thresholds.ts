import type { Threshold } from "./labels";

/*
 * The scale of a measured item in the CSV file: "2:1|4:0,75|5:0,5|8:0,2" (optionally ending with
 * "*:0"). Values ascending; each part (0 to 1, decimal comma or point) is the share of the item's
 * weight a measure earns when it does not exceed that value; above the last value, 0.
 */

const MAX_THRESHOLDS = 20;
/** A measure is stored as numeric(12, 2): no threshold beyond what a measure can be. */
const MAX_VALUE = 9_999_999_999;

/** "0,75" or "0.75" → 0.75; null when it is not a plain non-negative decimal number. */
function parseDecimal(raw: string): number | null {
  const text = raw.trim().replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) : null;
}

/** 0.75 → "0,75": what French Excel reads as a number, and what parseDecimal reads back exactly. */
function formatDecimal(value: number): string {
  return String(value).replace(".", ",");
}

/**
 * "2:1|4:0,75|5:0,5|8:0,2" (optionally ending with "*:0") → thresholds, with the scoring rules:
 * at least one, ascending values, parts from 0 to 1 that never grow (lower is better).
 */
export function parseThresholds(raw: string): { ok: true; thresholds: Threshold[] } | { ok: false; message: string } {
  const fail = (message: string) => ({ ok: false as const, message });
  const parts = raw
    .split("|")
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length === 0) return fail("seuils manquants pour un item de type mesure (par exemple 5:1|10:0,5|20:0,2).");
  const thresholds: Threshold[] = [];
  for (const [index, part] of parts.entries()) {
    const match = part.match(/^([^:]+):(.+)$/);
    if (!match) return fail(`« ${part} » : chaque seuil s'écrit valeur:part, par exemple 5:1|10:0,5|20:0,2.`);
    const [upToText, pointsText] = [match[1]!.trim(), match[2]!.trim()];
    const points = parseDecimal(pointsText);
    if (points === null || points > 1) return fail(`« ${part} » : la part des points doit être un nombre de 0 à 1 (par exemple 0,5).`);
    if (upToText === "*") {
      if (index !== parts.length - 1) return fail(`« ${part} » : « * » (au-delà du dernier seuil) ne peut venir qu'en dernier.`);
      if (points !== 0) return fail(`« ${part} » : au-delà du dernier seuil, l'item vaut toujours 0 point ; écrivez *:0 ou omettez-le.`);
      break;
    }
    const upTo = parseDecimal(upToText);
    if (upTo === null || upTo > MAX_VALUE) return fail(`« ${part} » : la valeur du seuil doit être un nombre positif (par exemple 5 ou 2,5).`);
    if (!/^\d+(?:[.,]\d{1,6})?$/.test(pointsText)) return fail(`« ${part} » : six décimales au plus pour la part des points.`);
    const previous = thresholds.at(-1);
    if (previous && upTo <= previous.upTo) return fail(`« ${part} » : les seuils doivent être donnés par valeur croissante.`);
    if (previous && points > previous.points)
      return fail(`« ${part} » : une mesure plus élevée ne peut pas rapporter plus de points que la précédente (${formatDecimal(previous.points)}).`);
    thresholds.push({ upTo, points });
  }
  if (thresholds.length === 0) return fail("il faut au moins un seuil avant « *:0 ».");
  if (thresholds.length > MAX_THRESHOLDS) return fail(`${MAX_THRESHOLDS} seuils au plus.`);
  return { ok: true, thresholds };
}

export function formatThresholds(thresholds: readonly Threshold[] | null): string {
  return (thresholds ?? []).map((t) => `${formatDecimal(t.upTo)}:${formatDecimal(t.points)}`).join("|");
}
