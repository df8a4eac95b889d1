import { OPEN_LICENCE, OPEN_LICENCE_URL } from "./open-data";
import type { AuditPlan } from "../../../db/schema/editions";
import { channelLabels } from "../editions/audit-plan";

/*
 * The key figures of each barometer edition, as citizens and the press read them. Two sources: the
 * editorial row AFNOR publishes (exact to the figure, and it wins entirely, null fields included:
 * 2022 and 2023 published facts but no score), or, for an edition run in the portal without such a
 * row, the figures computed from its published benchmarks. Pure: no database here.
 */

export type ChannelCode = keyof AuditPlan;

/** The channels in the audit plan's order (tables and open data columns). */
export const keyFigureChannels = Object.keys(channelLabels) as ChannelCode[];

export type ChannelKeyFigure = { code: ChannelCode; label: string; score: number; delta: number | null };

export type EditionKeyFigures = {
  year: number;
  /** "8e édition". */
  editionLabel: string | null;
  /** "editorial": AFNOR's published row; "computed": the portal's published benchmarks. */
  source: "editorial" | "computed";
  globalScore: number | null;
  /** Change of the global score over one edition. */
  globalDelta: number | null;
  participants: number | null;
  participantsApproximate: boolean;
  certifiedScore: number | null;
  othersScore: number | null;
  /** Channels that have a score, best first. */
  channels: ChannelKeyFigure[];
  facts: string[];
  summary: string | null;
  /** ISO 8601: when the row was last written, or when the results were published. */
  updatedAt: string | null;
};

/** What an editorial row holds (db/schema/showcase.ts `editionKeyFigures`). */
export type EditorialRow = {
  year: number;
  editionLabel: string | null;
  globalScore: number | null;
  globalDelta: number | null;
  participants: number | null;
  participantsApproximate: boolean;
  certifiedScore: number | null;
  othersScore: number | null;
  channels: Record<string, { score: number; delta: number | null }>;
  facts: string[];
  summary: string | null;
  /** ISO 8601. */
  updatedAt?: string | null;
};

/** A published edition of the portal: its number, how many structures it published, its benchmark rows. */
export type PublishedEdition = {
  year: number;
  number: number;
  structures: number;
  /** ISO 8601: when its latest publication was made. */
  publishedAt: string;
  benchmarks: { groupType: string; groupKey: string; measure: string; n: number; mean: number }[];
};

/** A row with nothing published yet (the editor's blank form). */
export function emptyEditorialRow(year: number, editionLabel: string | null = null): EditorialRow {
  return {
    year,
    editionLabel,
    globalScore: null,
    globalDelta: null,
    participants: null,
    participantsApproximate: false,
    certifiedScore: null,
    othersScore: null,
    channels: {},
    facts: [],
    summary: null,
  };
}

/** One decimal, half away from zero, never "-0". */
export function roundFigure(value: number): number {
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * 10 + 1e-9)) / 10;
  return rounded === 0 ? 0 : rounded;
}

/** "1re édition", "8e édition". */
export function editionLabelFor(number: number): string {
  return `${number}${number === 1 ? "re" : "e"} édition`;
}

function isChannelCode(code: string): code is ChannelCode {
  return (keyFigureChannels as string[]).includes(code);
}

function sortChannels(channels: ChannelKeyFigure[]): ChannelKeyFigure[] {
  return [...channels].sort((a, b) => b.score - a.score || keyFigureChannels.indexOf(a.code) - keyFigureChannels.indexOf(b.code));
}

/** An editorial row as the public reads it: exactly what AFNOR published, nothing added. */
export function editorialFigures(row: EditorialRow): EditionKeyFigures {
  const channels = Object.entries(row.channels)
    .filter(([code, figure]) => isChannelCode(code) && typeof figure?.score === "number")
    .map(([code, figure]) => ({ code: code as ChannelCode, label: channelLabels[code as ChannelCode], score: figure.score, delta: figure.delta ?? null }));
  return {
    year: row.year,
    editionLabel: row.editionLabel,
    source: "editorial",
    globalScore: row.globalScore,
    globalDelta: row.globalDelta,
    participants: row.participants,
    participantsApproximate: row.participantsApproximate,
    certifiedScore: row.certifiedScore,
    othersScore: row.othersScore,
    channels: sortChannels(channels),
    facts: row.facts,
    summary: row.summary,
    updatedAt: row.updatedAt ?? null,
  };
}

/**
 * An edition's figures from its published benchmarks: national means rounded to one decimal, groups
 * under `minGroupSize` structures left out (never a figure that could point at one structure).
 * Deltas are filled by `listEditionFigures`, which knows the edition before.
 */
export function computedFigures(edition: PublishedEdition, minGroupSize: number): EditionKeyFigures {
  const mean = (groupType: string, groupKey: string, measure: string) => {
    const row = edition.benchmarks.find((b) => b.groupType === groupType && b.groupKey === groupKey && b.measure === measure);
    return row && row.n >= minGroupSize ? roundFigure(row.mean) : null;
  };
  const channels = keyFigureChannels.flatMap((code) => {
    const score = mean("national", "national", `channel:${code}`);
    return score === null ? [] : [{ code, label: channelLabels[code], score, delta: null }];
  });
  return {
    year: edition.year,
    editionLabel: editionLabelFor(edition.number),
    source: "computed",
    globalScore: mean("national", "national", "global"),
    globalDelta: null,
    participants: edition.structures,
    participantsApproximate: false,
    certifiedScore: mean("certified", "certifiees", "global"),
    othersScore: mean("certified", "non_certifiees", "global"),
    channels: sortChannels(channels),
    facts: [],
    summary: null,
    updatedAt: edition.publishedAt,
  };
}

function difference(current: number | null, previous: number | null | undefined) {
  return current === null || previous === null || previous === undefined ? null : roundFigure(current - previous);
}

/**
 * Every public edition, oldest first: the published editorial row where there is one (it wins
 * entirely), else the computed figures, whose changes are taken against the year before.
 */
export function listEditionFigures(editorial: EditorialRow[], published: PublishedEdition[], minGroupSize: number): EditionKeyFigures[] {
  const byYear = new Map<number, EditionKeyFigures>();
  for (const edition of published) byYear.set(edition.year, computedFigures(edition, minGroupSize));
  for (const row of editorial) byYear.set(row.year, editorialFigures(row));
  return [...byYear.values()]
    .sort((a, b) => a.year - b.year)
    .map((figures) => {
      if (figures.source === "editorial") return figures;
      const before = byYear.get(figures.year - 1);
      return {
        ...figures,
        globalDelta: difference(figures.globalScore, before?.globalScore),
        channels: figures.channels.map((channel) => ({ ...channel, delta: difference(channel.score, before?.channels.find((c) => c.code === channel.code)?.score) })),
      };
    });
}

export type TrendPoint = { year: number; value: number };
export type KeyFigureTrends = {
  global: TrendPoint[];
  /** Channels with at least one score, in the audit plan's order. */
  channels: { code: ChannelCode; label: string; points: TrendPoint[] }[];
};

/** The global score and each channel's across editions, editions without the value skipped. */
export function keyFigureTrends(editions: EditionKeyFigures[]): KeyFigureTrends {
  const sorted = [...editions].sort((a, b) => a.year - b.year);
  return {
    global: sorted.flatMap((e) => (e.globalScore === null ? [] : [{ year: e.year, value: e.globalScore }])),
    channels: keyFigureChannels
      .map((code) => ({
        code,
        label: channelLabels[code],
        points: sorted.flatMap((e) => {
          const channel = e.channels.find((c) => c.code === code);
          return channel ? [{ year: e.year, value: channel.score }] : [];
        }),
      }))
      .filter((series) => series.points.length > 0),
  };
}

/** The previous and next public editions around a year, for the edition page's links. */
export function neighbours(editions: EditionKeyFigures[], year: number) {
  const years = editions.map((e) => e.year).sort((a, b) => a - b);
  return { previous: years.filter((y) => y < year).at(-1) ?? null, next: years.find((y) => y > year) ?? null };
}

// fr-FR display ---------------------------------------------------------------------------------

const figure = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });
const signedFigure = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1, signDisplay: "exceptZero" });

/** A published figure as published: "68,5", "62" (never "62,0"). */
export function formatFigure(value: number): string {
  return figure.format(value);
}

/** A change with its sign and a typographic minus: "+5", "−6,5", "0". */
export function formatDelta(value: number): string {
  return signedFigure.format(value).replace("-", "\u2212");
}

/** "321", "environ 231". */
export function formatParticipants(value: number, approximate: boolean): string {
  return `${approximate ? "environ " : ""}${figure.format(value)}`;
}

/** A change read aloud: "en baisse de 6,5 points". */
export function describeDelta(value: number): string {
  if (value === 0) return "stable";
  const points = `${figure.format(Math.abs(value))} point${Math.abs(value) >= 2 ? "s" : ""}`;
  return value > 0 ? `en hausse de ${points}` : `en baisse de ${points}`;
}

/** The page's one-line description: the edition's headline figures. */
export function describeEdition(figures: EditionKeyFigures): string {
  const parts = [
    figures.globalScore !== null ? `score global national ${formatFigure(figures.globalScore)}/100` : null,
    figures.participants !== null ? `${formatParticipants(figures.participants, figures.participantsApproximate)} structures participantes` : null,
  ].filter(Boolean);
  const head = `Les chiffres clés du Baromètre Expérience Citoyen ${figures.year}`;
  if (parts.length > 0) return `${head} : ${parts.join(", ")}, scores par canal et faits marquants.`;
  return figures.facts.length > 0 ? `${head} : les faits marquants publiés pour cette édition.` : `${head}.`;
}

// Open data ---------------------------------------------------------------------------------------

/** One edition as an open-data row: numbers stay numbers (the CSV and JSON format them their own way). */
export type OpenDataRow = {
  annee: number;
  edition: string | null;
  /** "publication": AFNOR's published figures; "calcul": computed from the portal's published results. */
  origine: "publication" | "calcul";
  score_global: number | null;
  evolution: number | null;
  participants: number | null;
  participants_approximatif: boolean;
  score_certifies: number | null;
  score_autres: number | null;
  canaux: Record<ChannelCode, { score: number | null; evolution: number | null }>;
  faits: string[];
  /** ISO 8601. */
  mis_a_jour: string | null;
};

export function openDataRows(editions: EditionKeyFigures[]): OpenDataRow[] {
  return editions.map((e) => ({
    annee: e.year,
    edition: e.editionLabel,
    origine: e.source === "editorial" ? "publication" : "calcul",
    score_global: e.globalScore,
    evolution: e.globalDelta,
    participants: e.participants,
    participants_approximatif: e.participantsApproximate,
    score_certifies: e.certifiedScore,
    score_autres: e.othersScore,
    canaux: Object.fromEntries(
      keyFigureChannels.map((code) => {
        const channel = e.channels.find((c) => c.code === code);
        return [code, { score: channel?.score ?? null, evolution: channel?.delta ?? null }];
      }),
    ) as OpenDataRow["canaux"],
    faits: e.facts,
    mis_a_jour: e.updatedAt,
  }));
}


/** The JSON open-data document: numbers with a dot, dates in ISO 8601, the licence and the source. */
export function openDataDocument(editions: EditionKeyFigures[], { origin }: { origin: string }) {
  const rows = openDataRows(editions);
  const dates = rows.map((row) => row.mis_a_jour).filter((d): d is string => d !== null);
  return {
    titre: "Chiffres clés du Baromètre Expérience Citoyen, par édition",
    description:
      "Scores nationaux sur 100 (global, structures certifiées et autres, par canal de contact), évolutions en points sur un an, participation et faits marquants de chaque édition.",
    licence: OPEN_LICENCE,
    licence_url: OPEN_LICENCE_URL,
    source: `AFNOR, Baromètre Expérience Citoyen (${origin}/chiffres-cles)`,
    producteur: "AFNOR",
    mis_a_jour: dates.length > 0 ? dates.sort().at(-1)! : null,
    canaux: Object.fromEntries(keyFigureChannels.map((code) => [code, channelLabels[code]])),
    editions: rows,
  };
}

const csvNumber = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1, useGrouping: false });
/** 68.5 → "68,5", −6.5 → "-6,5" (a number French Excel reads as such); null → empty cell. */
export function csvFigure(value: number | null): string {
  return value === null ? "" : csvNumber.format(value);
}

export const openDataHeader = [
  "Année",
  "Édition",
  "Score global",
  "Évolution",
  "Participants",
  "Participants approximatif",
  "Score certifiés",
  "Score autres",
  ...keyFigureChannels.flatMap((code) => [`Score ${channelLabels[code]}`, `Évolution ${channelLabels[code]}`]),
  "Faits",
  "Origine",
];

/** The CSV lines under `openDataHeader`: decimal comma, "oui"/"non", facts joined with " | ". */
export function openDataCsvLines(rows: OpenDataRow[]): string[][] {
  return rows.map((row) => [
    String(row.annee),
    row.edition ?? "",
    csvFigure(row.score_global),
    csvFigure(row.evolution),
    row.participants === null ? "" : String(row.participants),
    row.participants_approximatif ? "oui" : "non",
    csvFigure(row.score_certifies),
    csvFigure(row.score_autres),
    ...keyFigureChannels.flatMap((code) => [csvFigure(row.canaux[code].score), csvFigure(row.canaux[code].evolution)]),
    row.faits.join(" | "),
    row.origine === "publication" ? "Publication AFNOR" : "Calcul à partir des résultats publiés",
  ]);
}
