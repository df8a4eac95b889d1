import { parse, CsvError } from "csv-parse/sync";
import iconv from "iconv-lite";

/*
 * Reading a CSV file uploaded by staff, whatever spreadsheet wrote it: decoding, delimiter, header
 * labels, and records with the line of the file where each starts. Shared by every CSV import
 * (audit answers, audit referential); each import then names and checks its own columns.
 */

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

/**
 * Finds each known column in the header line (case and accents ignored, through `aliases`), and
 * reports on line 1 a column given twice and a required one missing.
 */
export function findColumns<C extends string>(cells: readonly string[], aliases: Readonly<Record<string, C>>, required: readonly NoInfer<C>[]) {
  const columns: Partial<Record<C, number>> = {};
  const errors: string[] = [];
  cells.forEach((cell, index) => {
    const column = aliases[normaliseLabel(cell)];
    if (!column) return;
    if (columns[column] !== undefined) errors.push(`ligne 1 : la colonne ${column} apparaît deux fois.`);
    else columns[column] = index;
  });
  for (const column of required) if (columns[column] === undefined) errors.push(`ligne 1 : la colonne ${column} est absente.`);
  return { columns, errors };
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

/**
 * True when a record has more cells than the header: an unquoted separator in a value ("2,5" in a
 * comma file). Even an empty extra cell counts: "2,5," would otherwise read as 2 with comment "5".
 */
export function hasExtraCells(cells: readonly string[], headerLength: number) {
  return cells.length > headerLength;
}
