import { parse, CsvError } from "csv-parse/sync";
import iconv from "iconv-lite";
import { z } from "zod";
import { channelLabels } from "../editions/audit-plan";
import type { ChannelCode } from "../scoring/scoring";

/*
 * The shape of an auditors' answer export (one line per answer), read without the database:
 * decoding, delimiter, headers, channel names, French dates, and the zod schema of one line.
 * import.server.ts then checks each line against the referential and the enrolments.
 */

export const importColumns = ["siret", "structure", "numero_audit", "canal", "date", "code_item", "valeur", "commentaire"] as const;
export type ImportColumn = (typeof importColumns)[number];
export const MAX_AUDIT_NUMBER = 13;

export type Encoding = "utf-8" | "windows-1252";

/**
 * UTF-8 (with or without BOM) when the bytes are valid UTF-8, else Windows-1252 (Excel's
 * "CSV (séparateur : point-virgule)" on a French Windows). Line endings become "\n" so line
 * numbers count the same whatever the system that wrote the file.
 */
export function decodeCsv(buffer: Uint8Array): { text: string; encoding: Encoding } {
  let text: string;
  let encoding: Encoding = "utf-8";
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(buffer); // drops a BOM
  } catch {
    text = iconv.decode(Buffer.from(buffer), "win1252");
    encoding = "windows-1252";
  }
  return { text: text.replace(/\r\n?/g, "\n"), encoding };
}

/** `;` (French exports) or `,`: whichever appears more often, outside quotes, in the header line. */
export function detectDelimiter(text: string): ";" | "," {
  const end = text.indexOf("\n");
  const header = (end === -1 ? text : text.slice(0, end)).replace(/"[^"]*"/g, "");
  const count = (char: string) => header.split(char).length - 1;
  return count(",") > count(";") ? "," : ";";
}

/** Lower case, no accents, words joined by "_": "N° Audit" → "n_audit", "Numéro d'audit" → "numero_d_audit". */
export function normaliseLabel(raw: string): string {
  return raw
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
}

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
  const columns: HeaderMap = {};
  const errors: string[] = [];
  cells.forEach((cell, index) => {
    const column = headerAliases[normaliseLabel(cell)];
    if (!column) return;
    if (columns[column] !== undefined) errors.push(`ligne 1 : la colonne ${column} apparaît deux fois.`);
    else columns[column] = index;
  });
  if (columns.siret === undefined && columns.structure === undefined)
    errors.push("ligne 1 : il faut une colonne siret ou structure (identifiant de la structure).");
  for (const required of ["numero_audit", "canal", "date", "code_item", "valeur"] as const) {
    if (columns[required] === undefined) errors.push(`ligne 1 : la colonne ${required} est absente.`);
  }
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

export type CsvRow = { line: number; cells: string[] };

const csvErrorMessages: Partial<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: "un guillemet ouvert n'est jamais fermé",
  CSV_INVALID_CLOSING_QUOTE: "un guillemet fermant est suivi d'autre chose que le séparateur",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "un guillemet fermant est suivi d'autre chose que le séparateur",
};

/**
 * Splits the decoded text into records with csv-parse. `line` is the line of the file where the
 * record starts (header = line 1), even after blank lines or a quoted comment over several lines.
 * Counted here rather than with csv-parse's `on_record` context, which doubles the parsing time.
 */
export function readCsvRows(text: string, delimiter: ";" | ","): { ok: true; rows: CsvRow[] } | { ok: false; error: string } {
  let records: string[][];
  try {
    records = parse(text, { delimiter, record_delimiter: "\n", relax_column_count: true });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const reason = csvErrorMessages[error.code] ?? `CSV illisible (${error.code})`;
    // An unclosed quote is only noticed at the end of the file: point at the record it opens.
    const line = error.code === "CSV_QUOTE_NOT_CLOSED" ? quoteStartLine(text, delimiter) : (error as CsvError & { lines?: number }).lines;
    return { ok: false, error: `${line ? `ligne ${line}` : "Fichier"} : ${reason}.` };
  }
  const rows: CsvRow[] = [];
  let line = 1;
  for (const cells of records) {
    let empty = true;
    let newlines = 0;
    for (const cell of cells) {
      if (empty && cell.trim() !== "") empty = false;
      if (cell.includes("\n")) newlines += cell.split("\n").length - 1;
    }
    if (!empty) rows.push({ line, cells });
    line += 1 + newlines;
  }
  return { ok: true, rows };
}

/** The line after the last record csv-parse could read: where the unclosed quote starts. */
function quoteStartLine(text: string, delimiter: ";" | ","): number | undefined {
  let lastLine = 0;
  try {
    parse(text, {
      delimiter,
      record_delimiter: "\n",
      relax_column_count: true,
      on_record: (cells, context) => {
        lastLine = context.lines;
        return cells;
      },
    });
  } catch {
    return lastLine + 1;
  }
  return undefined;
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

/**
 * True when a record has more cells than the header: an unquoted separator in a value ("2,5" in a
 * comma file). Even an empty extra cell counts: "2,5," would otherwise read as 2 with comment "5".
 */
export function hasExtraCells(cells: readonly string[], headerLength: number) {
  return cells.length > headerLength;
}
