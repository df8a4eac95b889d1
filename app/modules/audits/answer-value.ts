import type { AnswerValue, ReferentialItem } from "../scoring/scoring";

/**
 * Reads an auditor's raw answer (a form field or a CSV cell) for one item: "oui" / "non" / "na"
 * (also "o", "n", "sans objet"…), a 0–4 scale, or a measure with a French decimal comma.
 * Returns the stored value or a French message. One place for both the entry form and the import.
 */
export function parseAnswerValue(item: Pick<ReferentialItem, "answerType" | "code">, raw: string): { ok: true; value: AnswerValue } | { ok: false; message: string } {
  const text = raw.trim().toLowerCase();
  if (["na", "n/a", "sans objet", "so", "non applicable"].includes(text)) return { ok: true, value: "na" };
  switch (item.answerType) {
    case "yes_no":
      if (["oui", "o", "1", "yes"].includes(text)) return { ok: true, value: "oui" };
      if (["non", "n", "0", "no"].includes(text)) return { ok: true, value: "non" };
      return { ok: false, message: `« ${raw} » n'est pas une réponse valable pour ${item.code} : oui, non ou na.` };
    case "scale": {
      if (/^[0-4]$/.test(text)) return { ok: true, value: Number(text) };
      return { ok: false, message: `« ${raw} » n'est pas une note valable pour ${item.code} : un entier de 0 à 4, ou na.` };
    }
    case "measure": {
      const normalised = text.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
      if (/^\d+(\.\d+)?$/.test(normalised)) return { ok: true, value: Number(normalised) };
      return { ok: false, message: `« ${raw} » n'est pas une mesure valable pour ${item.code} : un nombre positif (virgule décimale acceptée), ou na.` };
    }
  }
}

/** How an answer is stored in audit_answers.value. */
export function serializeAnswer(value: AnswerValue): string {
  return typeof value === "number" ? String(value) : value;
}

export function deserializeAnswer(stored: string): AnswerValue {
  return stored === "oui" || stored === "non" || stored === "na" ? stored : Number(stored);
}
