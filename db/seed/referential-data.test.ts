import { describe, expect, it } from "vitest";
import { channelPrefixes, channels, determinants, referentialItems, stagePrefixes, stages } from "./referential-data";

const namedDeterminants = [
  "accessibilite",
  "reactivite",
  "courtoisie",
  "personnalisation",
  "gestion_attente",
  "qualite_reponse",
  "efficacite_transfert",
  "traitement_reclamations",
];

const duplicates = (values: string[]) => values.filter((value, index) => values.indexOf(value) !== index);

describe("seeded referential", () => {
  it("has the 6 channels and 3 stages, in order", () => {
    expect(channels.map((c) => c.code)).toEqual(["telephone", "courriel", "courrier", "site", "reseaux_sociaux", "accueil_physique"]);
    expect(channels.map((c) => c.position)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(stages.map((s) => s.code)).toEqual(["acces", "information_orientation", "traitement"]);
    expect(stages.map((s) => s.position)).toEqual([1, 2, 3]);
  });

  it("has exactly 20 determinants with unique snake_case codes, French labels and descriptions", () => {
    expect(determinants).toHaveLength(20);
    expect(duplicates(determinants.map((d) => d.code))).toEqual([]);
    expect(duplicates(determinants.map((d) => d.label))).toEqual([]);
    for (const d of determinants) {
      expect(d.code).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(d.label.trim().length).toBeGreaterThan(3);
      expect(d.description.trim().length).toBeGreaterThan(20);
    }
    const codes = determinants.map((d) => d.code);
    for (const named of namedDeterminants) expect(codes).toContain(named);
  });

  it("holds at least 160 items", () => {
    expect(referentialItems.length).toBeGreaterThanOrEqual(160);
  });

  it("fills every channel × stage cell with at least 6 items", () => {
    for (const channel of channels) {
      for (const stage of stages) {
        const count = referentialItems.filter((i) => i.channel === channel.code && i.stage === stage.code).length;
        expect(count, `${channel.code} × ${stage.code}`).toBeGreaterThanOrEqual(6);
      }
    }
  });

  it("uses every determinant at least 3 times and no unknown one", () => {
    const known = new Set(determinants.map((d) => d.code));
    for (const item of referentialItems) expect(known.has(item.determinant), `${item.code}: ${item.determinant}`).toBe(true);
    for (const d of determinants) {
      const count = referentialItems.filter((i) => i.determinant === d.code).length;
      expect(count, d.code).toBeGreaterThanOrEqual(3);
    }
  });

  it("has unique codes matching <CHANNEL>-<STAGE>-<NN> with the item's own prefixes", () => {
    expect(duplicates(referentialItems.map((i) => i.code))).toEqual([]);
    for (const item of referentialItems) {
      expect(item.code).toMatch(/^(TEL|MEL|COU|WEB|RS|PHY)-(ACC|INF|TRT)-\d{2}$/);
      expect(item.code.startsWith(`${channelPrefixes[item.channel]}-${stagePrefixes[item.stage]}-`), item.code).toBe(true);
    }
  });

  it("has unique, non-empty labels", () => {
    expect(duplicates(referentialItems.map((i) => i.label.trim().toLowerCase()))).toEqual([]);
    for (const item of referentialItems) expect(item.label.trim().length, item.code).toBeGreaterThan(10);
  });

  it("weighs every item 1 to 3, with the essential facts at 3", () => {
    for (const item of referentialItems) {
      expect(Number.isInteger(item.weight), item.code).toBe(true);
      expect(item.weight, item.code).toBeGreaterThanOrEqual(1);
      expect(item.weight, item.code).toBeLessThanOrEqual(3);
    }
    expect(referentialItems.filter((i) => i.weight === 3).length).toBeGreaterThanOrEqual(6);
  });

  it("mixes answer types: mostly yes/no, some scales, at least 12 measures", () => {
    const count = (type: string) => referentialItems.filter((i) => i.answerType === type).length;
    expect(count("yes_no")).toBeGreaterThan(referentialItems.length / 2);
    expect(count("scale")).toBeGreaterThanOrEqual(4);
    expect(referentialItems.filter((i) => i.answerType === "measure" && i.unit !== undefined).length).toBeGreaterThanOrEqual(12);
  });

  it("gives measures a unit and ascending thresholds with points in [0, 1], lower being better", () => {
    for (const item of referentialItems) {
      if (item.answerType !== "measure") {
        expect(item.unit, item.code).toBeUndefined();
        expect(item.thresholds, item.code).toBeUndefined();
        continue;
      }
      expect(item.unit, item.code).toBeDefined();
      const thresholds = item.thresholds ?? [];
      expect(thresholds.length, item.code).toBeGreaterThanOrEqual(2);
      thresholds.forEach((t, index) => {
        expect(t.points, item.code).toBeGreaterThanOrEqual(0);
        expect(t.points, item.code).toBeLessThanOrEqual(1);
        expect(t.upTo, item.code).toBeGreaterThanOrEqual(0);
        const previous = thresholds[index - 1];
        if (previous) {
          expect(t.upTo, item.code).toBeGreaterThan(previous.upTo);
          expect(t.points, item.code).toBeLessThanOrEqual(previous.points);
        }
      });
      expect(thresholds[0]?.points, item.code).toBe(1);
    }
  });

  it("cites a known source for every item", () => {
    const sources = new Set(referentialItems.map((i) => i.source));
    for (const source of sources) expect(["Qualivilles", "Services Publics+", "Marianne", "AFNOR"]).toContain(source);
    expect(sources.has("Qualivilles")).toBe(true);
    expect(sources.has("Services Publics+")).toBe(true);
  });
});
