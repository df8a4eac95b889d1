import { z } from "~/utils/zod";
import { channelLabels } from "../editions/audit-plan";
import { keyFigureChannels, type ChannelCode, type EditorialRow } from "./key-figures";

/*
 * The back-office form of an edition's key figures: every field a string as the browser sends it,
 * French decimals accepted ("62,5"), an empty field meaning "not published". One schema for the
 * preview and the save, so both refuse the same input with the same French message.
 */

export type KeyFiguresInput = Omit<EditorialRow, "year">;
export type KeyFiguresFormValues = Record<string, string>;
export type KeyFiguresFieldErrors = Record<string, string>;

export const scoreFieldName = (code: ChannelCode) => `score-${code}`;
export const deltaFieldName = (code: ChannelCode) => `evolution-${code}`;

/** An edition year as the URL gives it. */
export const keyFiguresYearSchema = z.coerce
  .number({ error: "Année invalide." })
  .int({ error: "Année invalide." })
  .min(2000, { error: "Année invalide." })
  .max(2100, { error: "Année invalide." });

const blankToNull = (value: unknown) => (value === undefined || value === null || (typeof value === "string" && value.trim() === "") ? null : value);
const toNumber = (value: string) => Number(value.replace(/\s/g, "").replace(",", ".").replace("\u2212", "-"));

function score(what: string) {
  return z.preprocess(
    blankToNull,
    z
      .string()
      .trim()
      .regex(/^\d{1,3}(?:[.,]\d)?$/, { error: `${what} : saisissez un score sur 100 avec au plus une décimale, par exemple 62,5.` })
      .transform(toNumber)
      .refine((value) => value <= 100, { error: `${what} : le score doit être compris entre 0 et 100.` })
      .nullable(),
  );
}

function delta(what: string) {
  return z.preprocess(
    blankToNull,
    z
      .string()
      .trim()
      .regex(/^[+\-\u2212]?\s?\d{1,3}(?:[.,]\d)?$/, { error: `${what} : saisissez une évolution en points avec au plus une décimale, par exemple −6,5 ou +5.` })
      .transform(toNumber)
      .refine((value) => Math.abs(value) <= 100, { error: `${what} : l'évolution doit être comprise entre −100 et +100 points.` })
      .nullable(),
  );
}

function optionalText(what: string, max: number) {
  return z.preprocess(blankToNull, z.string().trim().max(max, { error: `${what} : ${max} caractères au plus.` }).nullable());
}

const channelFields = Object.fromEntries(
  keyFigureChannels.flatMap((code) => [
    [scoreFieldName(code), score(`Score ${channelLabels[code]}`)],
    [deltaFieldName(code), delta(`Évolution ${channelLabels[code]}`)],
  ]),
) as Record<string, ReturnType<typeof score>>;

export const MAX_FACTS = 20;
export const MAX_FACT_LENGTH = 400;

const formSchema = z
  .object({
    editionLabel: optionalText("Libellé de l'édition", 40),
    globalScore: score("Score global"),
    globalDelta: delta("Évolution du score global"),
    participants: z.preprocess(
      blankToNull,
      z
        .string()
        .trim()
        .regex(/^\d[\d\s]*$/, { error: "Participants : saisissez un nombre entier de structures, par exemple 321." })
        .transform(toNumber)
        .refine((value) => value <= 100_000, { error: "Participants : nombre trop grand." })
        .nullable(),
    ),
    participantsApproximate: z.preprocess((value) => value === "on" || value === "oui" || value === "true", z.boolean()),
    certifiedScore: score("Score des structures certifiées"),
    othersScore: score("Score des autres structures"),
    ...channelFields,
    facts: z.preprocess(
      (value) => (typeof value === "string" ? value : ""),
      z
        .string()
        .transform((text) =>
          text
            .split(/\r?\n/)
            .map((line) => line.trim())
            .filter(Boolean),
        )
        .refine((facts) => facts.length <= MAX_FACTS, { error: `Faits marquants : ${MAX_FACTS} au plus.` })
        .refine((facts) => facts.every((fact) => fact.length <= MAX_FACT_LENGTH), { error: `Faits marquants : ${MAX_FACT_LENGTH} caractères au plus par ligne.` }),
    ),
    summary: optionalText("Présentation", 1000),
  })
  .superRefine((value, ctx) => {
    const values = value as Record<string, unknown>;
    if (value.globalDelta !== null && value.globalScore === null)
      ctx.addIssue({ code: "custom", path: ["globalDelta"], message: "Évolution du score global : indiquez aussi le score global." });
    if (value.participantsApproximate && value.participants === null)
      ctx.addIssue({ code: "custom", path: ["participantsApproximate"], message: "Indiquez le nombre de participants, même approximatif." });
    for (const code of keyFigureChannels) {
      if (values[deltaFieldName(code)] !== null && values[scoreFieldName(code)] === null)
        ctx.addIssue({ code: "custom", path: [deltaFieldName(code)], message: `Évolution ${channelLabels[code]} : indiquez aussi le score du canal.` });
    }
  });

export type KeyFiguresParse = { ok: true; value: KeyFiguresInput } | { ok: false; errors: KeyFiguresFieldErrors };

/** The form's values (strings, as posted) → the editorial figures, or the first French message per field. */
export function parseKeyFiguresForm(values: KeyFiguresFormValues): KeyFiguresParse {
  const result = formSchema.safeParse(values);
  if (!result.success) {
    const errors: KeyFiguresFieldErrors = {};
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? "form");
      errors[field] ??= issue.message;
    }
    return { ok: false, errors };
  }
  const parsed = result.data as typeof result.data & Record<string, number | null>;
  const channels: KeyFiguresInput["channels"] = {};
  for (const code of keyFigureChannels) {
    const channelScore = parsed[scoreFieldName(code)];
    if (typeof channelScore === "number") channels[code] = { score: channelScore, delta: parsed[deltaFieldName(code)] ?? null };
  }
  return {
    ok: true,
    value: {
      editionLabel: parsed.editionLabel,
      globalScore: parsed.globalScore,
      globalDelta: parsed.globalDelta,
      participants: parsed.participants,
      participantsApproximate: parsed.participantsApproximate,
      certifiedScore: parsed.certifiedScore,
      othersScore: parsed.othersScore,
      channels,
      facts: parsed.facts,
      summary: parsed.summary,
    },
  };
}

/** The form fields read from a posted form (only the ones the schema knows). */
export function keyFiguresFormValuesOf(formData: FormData): KeyFiguresFormValues {
  const names = ["editionLabel", "globalScore", "globalDelta", "participants", "participantsApproximate", "certifiedScore", "othersScore", "facts", "summary"];
  for (const code of keyFigureChannels) names.push(scoreFieldName(code), deltaFieldName(code));
  const values: KeyFiguresFormValues = {};
  for (const name of names) {
    const value = formData.get(name);
    if (typeof value === "string") values[name] = value;
  }
  return values;
}

const formNumber = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1, useGrouping: false });
const formFigure = (value: number | null | undefined) => (value === null || value === undefined ? "" : formNumber.format(value));

/** A stored row as the form shows it (French decimals), or an empty form. */
export function keyFiguresFormDefaults(row: KeyFiguresInput | null): KeyFiguresFormValues {
  const values: KeyFiguresFormValues = {
    editionLabel: row?.editionLabel ?? "",
    globalScore: formFigure(row?.globalScore),
    globalDelta: formFigure(row?.globalDelta),
    participants: row?.participants === null || row?.participants === undefined ? "" : String(row.participants),
    participantsApproximate: row?.participantsApproximate ? "on" : "",
    certifiedScore: formFigure(row?.certifiedScore),
    othersScore: formFigure(row?.othersScore),
    facts: (row?.facts ?? []).join("\n"),
    summary: row?.summary ?? "",
  };
  for (const code of keyFigureChannels) {
    values[scoreFieldName(code)] = formFigure(row?.channels[code]?.score);
    values[deltaFieldName(code)] = formFigure(row?.channels[code]?.delta);
  }
  return values;
}
