import { describe, it, expect } from "vitest";
import {
  barometerCategories,
  barometerCategoryLabels,
  deriveCategory,
  isBarometerCategory,
  isStructureKind,
  structureKindLabels,
  structureKinds,
} from "./categories";

describe("deriveCategory for communes", () => {
  it.each([
    [0, "commune_moins_20000"],
    [860, "commune_moins_20000"],
    [19_999, "commune_moins_20000"],
    [20_000, "commune_20000_49999"],
    [49_999, "commune_20000_49999"],
    [50_000, "commune_plus_50000"],
    [163_684, "commune_plus_50000"],
  ] as const)("population %i → %s", (population, expected) => {
    expect(deriveCategory("commune", population)).toBe(expected);
  });

  it("places a commune with unknown population under 20 000", () => {
    expect(deriveCategory("commune", null)).toBe("commune_moins_20000");
    expect(deriveCategory("commune", Number.NaN)).toBe("commune_moins_20000");
  });
});

describe("deriveCategory for other kinds", () => {
  it.each([
    ["epci", "intercommunalite"],
    ["departement", "departement"],
    ["region", "region"],
    ["france_services", "france_services"],
    ["service_developpement", "developpement_attractivite"],
    ["service_social", "social_sante"],
  ] as const)("%s → %s, whatever the population", (kind, expected) => {
    expect(deriveCategory(kind, null)).toBe(expected);
    expect(deriveCategory(kind, 10)).toBe(expected);
    expect(deriveCategory(kind, 1_500_000)).toBe(expected);
  });

  it("gives every kind a category", () => {
    for (const kind of structureKinds) {
      expect(barometerCategories).toContain(deriveCategory(kind, 30_000));
    }
  });
});

describe("labels", () => {
  it("has a French label for every kind and category", () => {
    for (const kind of structureKinds) expect(structureKindLabels[kind]).toBeTruthy();
    for (const category of barometerCategories) expect(barometerCategoryLabels[category]).toBeTruthy();
    expect(Object.keys(structureKindLabels)).toHaveLength(structureKinds.length);
    expect(Object.keys(barometerCategoryLabels)).toHaveLength(barometerCategories.length);
  });

  it("uses the award wording", () => {
    expect(structureKindLabels.epci).toBe("Intercommunalité (EPCI)");
    expect(barometerCategoryLabels.commune_20000_49999).toBe("Mairies de 20 000 à 49 999 habitants");
    expect(barometerCategoryLabels.social_sante).toBe(
      "Services sociaux, de la personne, de la solidarité et de santé",
    );
  });
});

describe("type guards", () => {
  it("recognises kinds and categories", () => {
    expect(isStructureKind("commune")).toBe(true);
    expect(isStructureKind("mairie")).toBe(false);
    expect(isStructureKind(undefined)).toBe(false);
    expect(isBarometerCategory("social_sante")).toBe(true);
    expect(isBarometerCategory("commune")).toBe(false);
  });
});
