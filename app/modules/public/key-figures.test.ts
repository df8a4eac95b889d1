import { describe, expect, it } from "vitest";
import {
  computedFigures,
  csvFigure,
  describeEdition,
  editionLabelFor,
  editorialFigures,
  emptyEditorialRow,
  formatDelta,
  formatFigure,
  formatParticipants,
  keyFigureTrends,
  listEditionFigures,
  neighbours,
  openDataCsvLines,
  openDataDocument,
  openDataHeader,
  openDataRows,
  roundFigure,
  type EditorialRow,
  type PublishedEdition,
} from "./key-figures";
import { keyFiguresFormDefaults, parseKeyFiguresForm } from "./key-figures-schema";

const row = (year: number, overrides: Partial<EditorialRow> = {}): EditorialRow => ({ ...emptyEditorialRow(year), ...overrides });

const edition2020 = row(2020, {
  editionLabel: "8e édition",
  globalScore: 62,
  globalDelta: -6.5,
  participants: 321,
  certifiedScore: 69,
  othersScore: 61,
  channels: {
    courrier: { score: 50, delta: -6 },
    site: { score: 63, delta: -3 },
    telephone: { score: 81, delta: null },
    courriel: { score: 63, delta: -8 },
    reseaux_sociaux: { score: 72, delta: null },
  },
});

const bench = (groupType: string, groupKey: string, measure: string, mean: number, n = 40) => ({ groupType, groupKey, measure, n, mean });

const published = (year: number, global: number, extra: PublishedEdition["benchmarks"] = []): PublishedEdition => ({
  year,
  number: year - 2012,
  structures: 40,
  publishedAt: `${year}-11-15T10:00:00.000Z`,
  benchmarks: [bench("national", "national", "global", global), ...extra],
});

describe("fr-FR display", () => {
  it("writes figures as published, changes with a sign and a typographic minus", () => {
    expect(formatFigure(68.5)).toBe("68,5");
    expect(formatFigure(62)).toBe("62");
    expect(formatDelta(-6.5)).toBe("\u22126,5");
    expect(formatDelta(5)).toBe("+5");
    expect(formatDelta(0)).toBe("0");
    expect(formatParticipants(231, true)).toBe("environ 231");
    expect(formatParticipants(321, false)).toBe("321");
    expect(csvFigure(-6.5)).toBe("-6,5");
    expect(csvFigure(null)).toBe("");
    expect(editionLabelFor(1)).toBe("1re édition");
    expect(editionLabelFor(8)).toBe("8e édition");
  });

  it("rounds to one decimal, half away from zero, never -0", () => {
    expect(roundFigure(66.25)).toBe(66.3);
    expect(roundFigure(-0.04)).toBe(0);
    expect(Object.is(roundFigure(-0.04), 0)).toBe(true);
    expect(roundFigure(-2.35)).toBe(-2.4);
  });
});

describe("editorialFigures", () => {
  it("keeps the published figures exactly, channels best first with their French labels", () => {
    const figures = editorialFigures(edition2020);
    expect(figures.source).toBe("editorial");
    expect(figures.channels.map((c) => [c.label, c.score, c.delta])).toEqual([
      ["Téléphone", 81, null],
      ["Réseaux sociaux et avis en ligne", 72, null],
      ["Courriel", 63, -8],
      ["Site internet", 63, -3],
      ["Courrier postal", 50, -6],
    ]);
  });

  it("ignores an unknown channel code", () => {
    expect(editorialFigures(row(2020, { channels: { fax: { score: 10, delta: null } } })).channels).toEqual([]);
  });
});

describe("computedFigures", () => {
  it("takes the national means rounded to one decimal and leaves out groups under the minimum size", () => {
    const figures = computedFigures(
      published(2026, 66.25, [
        bench("certified", "certifiees", "global", 70.04),
        bench("certified", "non_certifiees", "global", 64.96, 4),
        bench("national", "national", "channel:telephone", 75.55),
        bench("national", "national", "channel:site", 60, 3),
        bench("category", "commune_20k_50k", "global", 90),
      ]),
      5,
    );
    expect(figures).toMatchObject({
      year: 2026,
      editionLabel: "14e édition",
      source: "computed",
      globalScore: 66.3,
      participants: 40,
      participantsApproximate: false,
      certifiedScore: 70,
      othersScore: null,
      updatedAt: "2026-11-15T10:00:00.000Z",
    });
    expect(figures.channels).toEqual([{ code: "telephone", label: "Téléphone", score: 75.6, delta: null }]);
  });
});

describe("listEditionFigures", () => {
  it("lets a published editorial row win entirely, even with null fields, and computes the others", () => {
    const list = listEditionFigures([row(2023, { facts: ["Un fait."] }), edition2020], [published(2023, 70), published(2024, 71.2)], 5);
    expect(list.map((e) => [e.year, e.source, e.globalScore])).toEqual([
      [2020, "editorial", 62],
      [2023, "editorial", null],
      [2024, "computed", 71.2],
    ]);
  });

  it("gives a computed edition its change on the year before, whatever that year's source", () => {
    const list = listEditionFigures(
      [row(2025, { globalScore: 70, channels: { telephone: { score: 80, delta: null } } })],
      [published(2026, 71.25, [bench("national", "national", "channel:telephone", 77.5), bench("national", "national", "channel:courriel", 50)])],
      5,
    );
    const computed = list.find((e) => e.year === 2026)!;
    expect(computed.globalDelta).toBe(1.3);
    expect(computed.channels.find((c) => c.code === "telephone")?.delta).toBe(-2.5);
    expect(computed.channels.find((c) => c.code === "courriel")?.delta).toBeNull();
    // No edition the year before: no change.
    expect(listEditionFigures([], [published(2030, 60)], 5)[0]!.globalDelta).toBeNull();
  });
});

describe("trends and neighbours", () => {
  const list = listEditionFigures(
    [row(2019, { globalScore: 68.5 }), edition2020, row(2021, { globalScore: 67 }), row(2022, { facts: ["x"] })],
    [published(2024, 65, [bench("national", "national", "channel:telephone", 79)])],
    5,
  );

  it("follows the global score and each channel across editions, skipping missing values", () => {
    const trends = keyFigureTrends(list);
    expect(trends.global).toEqual([
      { year: 2019, value: 68.5 },
      { year: 2020, value: 62 },
      { year: 2021, value: 67 },
      { year: 2024, value: 65 },
    ]);
    expect(trends.channels.find((c) => c.code === "telephone")?.points).toEqual([
      { year: 2020, value: 81 },
      { year: 2024, value: 79 },
    ]);
    expect(trends.channels.map((c) => c.code)).not.toContain("accueil_physique");
  });

  it("finds the previous and next public editions", () => {
    expect(neighbours(list, 2022)).toEqual({ previous: 2021, next: 2024 });
    expect(neighbours(list, 2019)).toEqual({ previous: null, next: 2020 });
  });

  it("describes an edition with or without score", () => {
    expect(describeEdition(list.find((e) => e.year === 2020)!)).toContain("score global national 62/100, 321 structures participantes");
    expect(describeEdition(list.find((e) => e.year === 2022)!)).toContain("faits marquants");
  });
});

describe("open data", () => {
  const list = listEditionFigures([edition2020, row(2019, { globalScore: 68.5, participants: 231, participantsApproximate: true, facts: ["A", "B"] })], [], 5);

  it("writes one CSV line per edition under the header, French decimals, facts joined", () => {
    const lines = openDataCsvLines(openDataRows(list));
    expect(lines).toHaveLength(2);
    expect(lines[0]!).toHaveLength(openDataHeader.length);
    const cell = (line: string[], column: string) => line[openDataHeader.indexOf(column)];
    expect(cell(lines[0]!, "Score global")).toBe("68,5");
    expect(cell(lines[0]!, "Participants approximatif")).toBe("oui");
    expect(cell(lines[0]!, "Faits")).toBe("A | B");
    expect(cell(lines[1]!, "Évolution")).toBe("-6,5");
    expect(cell(lines[1]!, "Score Téléphone")).toBe("81");
    expect(cell(lines[1]!, "Évolution Courriel")).toBe("-8");
    expect(cell(lines[1]!, "Évolution Téléphone")).toBe("");
  });

  it("gives JSON numbers with a dot, the licence and the source", () => {
    const document = openDataDocument(list, { origin: "https://barometre.example" });
    expect(document.licence).toBe("Licence Ouverte 2.0");
    expect(document.source).toContain("https://barometre.example/chiffres-cles");
    const json = JSON.parse(JSON.stringify(document));
    expect(json.editions[1]).toMatchObject({ annee: 2020, score_global: 62, evolution: -6.5, score_certifies: 69, score_autres: 61 });
    expect(json.editions[1].canaux.courriel).toEqual({ score: 63, evolution: -8 });
  });
});

describe("the editor's form", () => {
  const valid = { ...keyFiguresFormDefaults(null), globalScore: "62,5", globalDelta: "−6,5", participants: "1 300", "score-telephone": "81", "evolution-telephone": "+2", facts: " Un.\n\n Deux. \n" };

  it("accepts French decimals and signs, and reads facts one per line", () => {
    const parsed = parseKeyFiguresForm(valid);
    expect(parsed).toMatchObject({
      ok: true,
      value: { globalScore: 62.5, globalDelta: -6.5, participants: 1300, channels: { telephone: { score: 81, delta: 2 } }, facts: ["Un.", "Deux."], editionLabel: null },
    });
  });

  it("refuses bad input with a French message on the field", () => {
    const parsed = parseKeyFiguresForm({ ...valid, globalScore: "101", certifiedScore: "62,55", participants: "beaucoup", "evolution-site": "3", participantsApproximate: "" });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.globalScore).toMatch(/entre 0 et 100/);
    expect(parsed.errors.certifiedScore).toMatch(/une décimale/);
    expect(parsed.errors.participants).toMatch(/nombre entier/);
    expect(parsed.errors["evolution-site"]).toMatch(/indiquez aussi le score/);
  });

  it("round-trips a stored row through the form", () => {
    const stored = { ...edition2020, year: undefined } as unknown as EditorialRow;
    const parsed = parseKeyFiguresForm(keyFiguresFormDefaults(stored));
    expect(parsed.ok && parsed.value.channels).toEqual(edition2020.channels);
    expect(parsed.ok && parsed.value.globalDelta).toBe(-6.5);
  });
});
