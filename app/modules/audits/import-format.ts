import { z } from "~/utils/zod";
import { findColumns, normaliseLabel } from "../../utils/csv-read";
import { channelLabels } from "../editions/audit-plan";
import type { ChannelCode } from "../scoring/scoring";

/*
 * The shape of an auditors' answer export (one line per answer), read without the database:
 * decoding, delimiter, headers, channel names, French dates, and the zod schema of one line.
 * import.server.ts then checks each line against the referential and the enrolments.
 */

// The file-level reading is shared with the other CSV imports.
export { decodeCsv, detectDelimiter, hasExtraCells, normaliseLabel, readCsvRows, type CsvRow, type Encoding } from "../../utils/csv-read";

export const importColumns = ["siret", "structure", "numero_audit", "canal", "date", "code_item", "valeur", "commentaire"] as const;
export type ImportColumn = (typeof importColumns)[number];
export const MAX_AUDIT_NUMBER = 13;

const headerAliases: Record<string, ImportColumn> = {
  siret: "siret",
  structure: "structure",
  slug: "structure",
  identifiant_structure: "structure",
  numero_audit: "numero_audit",
  numero_d_audit: "numero_audit",
  n_audit: "numero_audit",
  no_audit: "numero_audit",
  audit: "numero_audit",
  canal: "canal",
  date: "date",
  date_audit: "date",
  date_de_l_audit: "date",
  code_item: "code_item",
  item: "code_item",
  code: "code_item",
  valeur: "valeur",
  reponse: "valeur",
  commentaire: "commentaire",
  commentaires: "commentaire",
};

export type HeaderMap = Partial<Record<ImportColumn, number>>;

/** Finds each expected column in the header line (case and accents ignored). */
export function mapHeader(cells: readonly string[]): { ok: true; columns: HeaderMap } | { ok: false; errors: string[] } {
  const { columns, errors } = findColumns(cells, headerAliases, ["numero_audit", "canal", "date", "code_item", "valeur"]);
  if (columns.siret === undefined && columns.structure === undefined)
    errors.push("ligne 1 : il faut une colonne siret ou structure (identifiant de la structure).");
  if (errors.length > 0) errors.push(`En-têtes attendus : ${importColumns.join(" ; ")} (siret ou structure, commentaire facultatif).`);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, columns };
}

const channelAliases: Record<string, ChannelCode> = {
  ...Object.fromEntries(Object.keys(channelLabels).map((code) => [code, code as ChannelCode])),
  ...Object.fromEntries(Object.entries(channelLabels).map(([code, label]) => [normaliseLabel(label), code as ChannelCode])),
  tel: "telephone",
  e_mail: "courriel",
  email: "courriel",
  mail: "courriel",
  site_web: "site",
  web: "site",
  reseaux_sociaux: "reseaux_sociaux",
  accueil: "accueil_physique",
};

/** A channel code ("telephone") or its French label in any case ("Téléphone", "Courrier postal"). */
export function parseChannel(raw: string): ChannelCode | null {
  return channelAliases[normaliseLabel(raw)] ?? null;
}

/** "JJ/MM/AAAA" (day and month may have one digit) → "AAAA-MM-JJ", or null if it is no real date. */
export function parseFrenchDate(raw: string): string | null {
  const match = raw.trim().match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/);
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** One line of the file, its cells named by column (empty string when the column is absent). */
export type RawImportLine = Record<ImportColumn, string>;

const required = (message: string) => z.string().trim().min(1, message);

/** One answer line, checked alone (the referential and the enrolments are checked afterwards). */
export const importLineSchema = z
  .object({
    siret: z.string().trim(),
    structure: z.string().trim(),
    numero_audit: required("numéro d'audit manquant.").transform((raw, ctx) => {
      const number = /^\d{1,2}$/.test(raw) ? Number(raw) : NaN;
      if (number >= 1 && number <= MAX_AUDIT_NUMBER) return number;
      ctx.addIssue({ code: "custom", message: `« ${raw} » n'est pas un numéro d'audit valable : un entier de 1 à ${MAX_AUDIT_NUMBER}.` });
      return z.NEVER;
    }),
    canal: required("canal manquant.").transform((raw, ctx) => {
      const channel = parseChannel(raw);
      if (channel) return channel;
      ctx.addIssue({ code: "custom", message: `« ${raw} » n'est pas un canal connu : ${Object.values(channelLabels).join(", ")}.` });
      return z.NEVER;
    }),
    date: required("date manquante.").transform((raw, ctx) => {
      const iso = parseFrenchDate(raw);
      if (iso) return iso;
      ctx.addIssue({ code: "custom", message: `« ${raw} » n'est pas une date valable au format JJ/MM/AAAA.` });
      return z.NEVER;
    }),
    code_item: required("code d'item manquant.").pipe(z.string().max(50, "code d'item trop long (50 caractères au plus).")),
    valeur: required("valeur manquante."),
    commentaire: z
      .string()
      .trim()
      .max(2000, "commentaire trop long (2 000 caractères au plus).")
      .transform((comment) => comment || null),
  })
  .check((ctx) => {
    if (!ctx.value.siret && !ctx.value.structure)
      ctx.issues.push({ code: "custom", path: ["structure"], message: "indiquez le SIRET ou l'identifiant de la structure.", input: ctx.value });
  });

export type ImportLine = z.output<typeof importLineSchema>;

/** "ligne 12, colonne valeur : « peut-être » n'est pas…" — the one format of every line error. */
export function lineError(line: number, column: ImportColumn | null, message: string) {
  return column ? `ligne ${line}, colonne ${column} : ${message}` : `ligne ${line} : ${message}`;
}

/** The cells of a record, by column name (empty when the file has no such column). */
export function namedCells(cells: readonly string[], columns: HeaderMap): RawImportLine {
  const at = (index: number | undefined) => (index === undefined ? "" : (cells[index] ?? ""));
  return {
    siret: at(columns.siret),
    structure: at(columns.structure),
    numero_audit: at(columns.numero_audit),
    canal: at(columns.canal),
    date: at(columns.date),
    code_item: at(columns.code_item),
    valeur: at(columns.valeur),
    commentaire: at(columns.commentaire),
  };
}
