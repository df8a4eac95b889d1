import { z } from "~/utils/zod";
import { toCsv } from "../../utils/csv";
import { decodeCsv, detectDelimiter, findColumns, hasExtraCells, normaliseLabel, readCsvRows, type Encoding } from "../../utils/csv-read";
import { parseChannel } from "../audits/import-format";
import { channelLabels } from "../editions/audit-plan";
import { MAX_WEIGHT, STAGES, type ChannelCode, type StageCode } from "../scoring/scoring";
import { answerTypeCsvCodes, type AnswerType, type Threshold } from "./labels";
import { formatThresholds, parseThresholds } from "./thresholds";

/*
 * The CSV file of an audit referential, one line per item, read and written without the database.
 * The same format both ways, so AFNOR can export a referential, edit it in a spreadsheet and import
 * it again. `referential.server.ts` compares the result with the stored items and writes it.
 *
 *   code;libellé;canal;étape;déterminant;type;poids;unité;seuils;source
 *   TEL-ACC-03;Nombre de sonneries avant le décroché;telephone;acces;reactivite;mesure;2;sonneries;2:1|4:0,75|5:0,5|8:0,2;AFNOR
 *
 * - canal, étape, déterminant: a code or its French label (case and accents ignored);
 * - type: oui_non, echelle (0 à 4) or mesure; poids: an integer (1 when empty);
 * - unité and seuils: for mesure items only. Seuils "valeur:part|…": ascending values; a measure
 *   earns the part (0 to 1, decimal comma or point) of the item's weight of the first threshold
 *   it does not exceed, and 0 above the last one (a final "*:0" may say so).
 */

export const referentialColumns = ["code", "libellé", "canal", "étape", "déterminant", "type", "poids", "unité", "seuils", "source"] as const;
export type ReferentialColumn = (typeof referentialColumns)[number];
const requiredColumns: readonly ReferentialColumn[] = ["code", "libellé", "canal", "étape", "déterminant", "type", "source"];

/** Errors listed in full; beyond, only counted. */
export const MAX_REPORTED_ERRORS = 200;
/** AFNOR's full referential has about 400 items: room to grow, not to paste a wrong file. */
export const MAX_ITEMS = 3000;

export type DeterminantRef = { code: string; label: string };

/** One item as the file gives it, ready to store. */
export type ReferentialItemInput = {
  code: string;
  label: string;
  channel: ChannelCode;
  stage: StageCode;
  determinant: string;
  weight: number;
  answerType: AnswerType;
  unit: string | null;
  thresholds: Threshold[] | null;
  source: string;
  /** Order of the file (1, 2, …): the order of the audit form and of the export. */
  position: number;
};

export const stageLabels: Record<StageCode, string> = {
  acces: "Accès",
  information_orientation: "Information et orientation",
  traitement: "Traitement de la demande",
};

// ── Header ───────────────────────────────────────────────────────────────────────────────

const headerAliases: Record<string, ReferentialColumn> = {
  ...Object.fromEntries(referentialColumns.map((column) => [normaliseLabel(column), column])),
  code_item: "code",
  item: "code",
  intitule: "libellé",
  libelle_item: "libellé",
  etape_du_contact: "étape",
  type_de_reponse: "type",
  type_reponse: "type",
  ponderation: "poids",
  bareme: "seuils",
};

export type HeaderMap = Partial<Record<ReferentialColumn, number>>;

export function mapReferentialHeader(cells: readonly string[]): { ok: true; columns: HeaderMap } | { ok: false; errors: string[] } {
  const { columns, errors } = findColumns(cells, headerAliases, requiredColumns);
  if (errors.length > 0) errors.push(`En-têtes attendus : ${referentialColumns.join(" ; ")} (poids, unité et seuils facultatifs).`);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, columns };
}

// ── Cells ────────────────────────────────────────────────────────────────────────────────

const stageAliases: Record<string, StageCode> = {
  ...Object.fromEntries(STAGES.map((code) => [code, code])),
  ...Object.fromEntries(Object.entries(stageLabels).map(([code, label]) => [normaliseLabel(label), code as StageCode])),
  information: "information_orientation",
  orientation: "information_orientation",
};

export function parseStage(raw: string): StageCode | null {
  return stageAliases[normaliseLabel(raw)] ?? null;
}

const answerTypeAliases: Record<string, AnswerType> = {
  ...Object.fromEntries(Object.entries(answerTypeCsvCodes).map(([type, code]) => [code, type as AnswerType])),
  yes_no: "yes_no",
  oui_non_sans_objet: "yes_no",
  oui_non_na: "yes_no",
  scale: "scale",
  echelle_0_4: "scale",
  echelle_de_0_a_4: "scale",
  note: "scale",
  measure: "measure",
  valeur_mesuree: "measure",
};

export function parseAnswerType(raw: string): AnswerType | null {
  return answerTypeAliases[normaliseLabel(raw)] ?? null;
}

/** The export protects cells starting with = + - @ from spreadsheets with a quote: take it off again. */
function cellText(raw: string) {
  return raw.trim().replace(/^'(?=[=+\-@])/, "");
}

// ── One line ─────────────────────────────────────────────────────────────────────────────

export type RawReferentialLine = Record<ReferentialColumn, string>;

const required = (message: string) => z.string().transform(cellText).pipe(z.string().min(1, message));

/** One item line, checked alone against the referential's determinants (duplicates are checked across lines). */
export function referentialLineSchema(determinantRefs: readonly DeterminantRef[]) {
  const determinantsByKey = new Map<string, string>();
  for (const d of determinantRefs) {
    determinantsByKey.set(normaliseLabel(d.code), d.code);
    determinantsByKey.set(normaliseLabel(d.label), d.code);
  }
  return z
    .object({
      code: required("code d'item manquant.").pipe(
        z
          .string()
          .max(50, "code d'item trop long (50 caractères au plus).")
          .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "le code d'item ne contient que des lettres sans accent, des chiffres, « - », « _ » ou « . » (par exemple TEL-ACC-01).")
          .transform((code) => code.toUpperCase()),
      ),
      libellé: required("libellé manquant.").pipe(z.string().max(500, "libellé trop long (500 caractères au plus).")),
      canal: required("canal manquant.").transform((raw, ctx) => {
        const channel = parseChannel(raw);
        if (channel) return channel;
        ctx.addIssue({ code: "custom", message: `« ${raw} » n'est pas un canal connu : ${Object.values(channelLabels).join(", ")}.` });
        return z.NEVER;
      }),
      étape: required("étape manquante.").transform((raw, ctx) => {
        const stage = parseStage(raw);
        if (stage) return stage;
        ctx.addIssue({ code: "custom", message: `« ${raw} » n'est pas une étape connue : ${Object.values(stageLabels).join(", ")}.` });
        return z.NEVER;
      }),
      déterminant: required("déterminant manquant.").transform((raw, ctx) => {
        const code = determinantsByKey.get(normaliseLabel(raw));
        if (code) return code;
        ctx.addIssue({ code: "custom", message: `« ${raw} » n'est pas l'un des ${determinantRefs.length} déterminants du référentiel (voir leur liste sur la page du référentiel).` });
        return z.NEVER;
      }),
      type: required("type de réponse manquant.").transform((raw, ctx) => {
        const type = parseAnswerType(raw);
        if (type) return type;
        ctx.addIssue({ code: "custom", message: `« ${raw} » n'est pas un type de réponse : oui_non, echelle (note de 0 à 4) ou mesure.` });
        return z.NEVER;
      }),
      poids: z
        .string()
        .transform(cellText)
        .transform((raw, ctx) => {
          if (raw === "") return 1;
          const weight = /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
          if (weight >= 1 && weight <= MAX_WEIGHT) return weight;
          ctx.addIssue({ code: "custom", message: `« ${raw} » n'est pas un poids valable : un entier de 1 à ${MAX_WEIGHT}.` });
          return z.NEVER;
        }),
      unité: z.string().transform(cellText).pipe(z.string().max(30, "unité trop longue (30 caractères au plus).")),
      seuils: z.string().transform(cellText),
      source: required("source manquante (par exemple Qualivilles, Services Publics+, Marianne ou AFNOR).").pipe(
        z.string().max(100, "source trop longue (100 caractères au plus)."),
      ),
    })
    .transform((line, ctx) => {
      const isMeasure = line.type === "measure";
      let thresholds: Threshold[] | null = null;
      if (isMeasure) {
        if (!line.unité) ctx.addIssue({ code: "custom", path: ["unité"], message: "unité manquante pour un item de type mesure (par exemple secondes)." });
        const parsed = parseThresholds(line.seuils);
        if (parsed.ok) thresholds = parsed.thresholds;
        else ctx.addIssue({ code: "custom", path: ["seuils"], message: parsed.message });
      } else {
        if (line.unité) ctx.addIssue({ code: "custom", path: ["unité"], message: "une unité ne s'indique que pour un item de type mesure." });
        if (line.seuils) ctx.addIssue({ code: "custom", path: ["seuils"], message: "des seuils ne s'indiquent que pour un item de type mesure." });
      }
      return {
        code: line.code,
        label: line.libellé,
        channel: line.canal,
        stage: line.étape,
        determinant: line.déterminant,
        weight: line.poids,
        answerType: line.type,
        unit: isMeasure ? line.unité : null,
        thresholds,
        source: line.source,
      };
    });
}

/** "ligne 12, colonne seuils : …" — the one format of every line error, as in the audits import. */
export function lineError(line: number, column: ReferentialColumn | null, message: string) {
  return column ? `ligne ${line}, colonne ${column} : ${message}` : `ligne ${line} : ${message}`;
}

function namedCells(cells: readonly string[], columns: HeaderMap): RawReferentialLine {
  const named = {} as RawReferentialLine;
  for (const column of referentialColumns) {
    const index = columns[column];
    named[column] = index === undefined ? "" : (cells[index] ?? "");
  }
  return named;
}

// ── The file ─────────────────────────────────────────────────────────────────────────────

export type ParseResult =
  | { ok: true; items: ReferentialItemInput[]; encoding: Encoding; delimiter: ";" | "," }
  | { ok: false; errors: string[]; errorCount: number };

/**
 * Reads a whole referential file: every line is checked, and the file is refused (with every
 * error, by line and column) as soon as one line is wrong. Codes are unique, case ignored.
 */
export function parseReferentialCsv(buffer: Uint8Array, determinantRefs: readonly DeterminantRef[]): ParseResult {
  const fail = (errors: string[]) => ({ ok: false as const, errors, errorCount: errors.length });
  const { text, encoding } = decodeCsv(buffer);
  const delimiter = detectDelimiter(text);
  const read = readCsvRows(text, delimiter);
  if (!read.ok) return fail([read.error]);
  const [headerRow, ...rows] = read.rows;
  if (!headerRow) return fail(["Le fichier est vide."]);
  const header = mapReferentialHeader(headerRow.cells);
  if (!header.ok) return fail(header.errors);
  if (rows.length === 0) return fail(["Le fichier ne contient aucun item sous les en-têtes."]);
  if (rows.length > MAX_ITEMS) return fail([`Le fichier compte ${rows.length} items : ${MAX_ITEMS} au plus.`]);

  const schema = referentialLineSchema(determinantRefs);
  const errors: string[] = [];
  let errorCount = 0;
  const report = (line: number, column: ReferentialColumn | null, message: string) => {
    errorCount += 1;
    if (errors.length < MAX_REPORTED_ERRORS) errors.push(lineError(line, column, message));
  };
  const items: ReferentialItemInput[] = [];
  const lineOfCode = new Map<string, number>();
  for (const row of rows) {
    if (hasExtraCells(row.cells, headerRow.cells.length)) {
      report(row.line, null, `plus de valeurs que de colonnes : une valeur contenant « ${delimiter} » doit être entre guillemets.`);
      continue;
    }
    const result = schema.safeParse(namedCells(row.cells, header.columns));
    if (!result.success) {
      for (const issue of result.error.issues) report(row.line, (issue.path[0] as ReferentialColumn | undefined) ?? null, issue.message);
      continue;
    }
    const item = result.data;
    const previous = lineOfCode.get(item.code);
    if (previous !== undefined) {
      report(row.line, "code", `${item.code} figure déjà à la ligne ${previous} : chaque code d'item est unique.`);
      continue;
    }
    lineOfCode.set(item.code, row.line);
    items.push({ ...item, position: items.length + 1 });
  }
  if (errorCount > 0) return { ok: false, errors, errorCount };
  return { ok: true, items, encoding, delimiter };
}

/** The file AFNOR can edit and import again: same columns, same order, French decimals. */
export function referentialToCsv(items: readonly Omit<ReferentialItemInput, "position">[]): string {
  return toCsv(
    [...referentialColumns],
    items.map((item) => [
      item.code,
      item.label,
      item.channel,
      item.stage,
      item.determinant,
      answerTypeCsvCodes[item.answerType],
      item.weight,
      item.unit ?? "",
      formatThresholds(item.thresholds),
      item.source,
    ]),
  );
}
