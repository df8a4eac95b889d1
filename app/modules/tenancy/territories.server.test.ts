import { describe, it, expect } from "vitest";
import {
  getTerritory,
  normaliseTerritoryName,
  searchTerritories,
  type Territory,
} from "./territories.server";

const codes = (territories: Territory[]) => territories.map((territory) => territory.code);

describe("normaliseTerritoryName", () => {
  it("removes accents, case, hyphens and apostrophes", () => {
    expect(normaliseTerritoryName("Saint-Étienne")).toBe("saint etienne");
    expect(normaliseTerritoryName("L'Haÿ-les-Roses")).toBe("l hay les roses");
    expect(normaliseTerritoryName("Côte-d’Or")).toBe("cote d or");
    expect(normaliseTerritoryName("  Œuilly ")).toBe("oeuilly");
  });
});

describe("searchTerritories: communes", () => {
  it("finds Villeurbanne by the start of its name, first", () => {
    const [first] = searchTerritories("commune", "villeur");
    expect(first?.code).toBe("69266");
  });

  it("finds Villeurbanne whatever the case", () => {
    expect(searchTerritories("commune", "VILLEURBANNE")[0]?.code).toBe("69266");
  });

  it("finds Villeurbanne by postal code and by INSEE code", () => {
    expect(codes(searchTerritories("commune", "69100"))).toContain("69266");
    expect(searchTerritories("commune", "69266")[0]?.code).toBe("69266");
  });

  it("finds a commune by SIREN and by SIRET", () => {
    expect(searchTerritories("commune", "216902668")[0]?.code).toBe("69266");
    expect(searchTerritories("commune", "216 902 668 00013")[0]?.code).toBe("69266");
  });

  it("describes Villeurbanne fully", () => {
    const villeurbanne = searchTerritories("commune", "Villeurbanne")[0];
    expect(villeurbanne).toMatchObject({
      kind: "commune",
      code: "69266",
      siren: "216902668",
      name: "Villeurbanne",
      departementCode: "69",
      departementName: "Rhône",
      regionCode: "84",
      regionName: "Auvergne-Rhône-Alpes",
    });
    expect(villeurbanne?.population).toBeGreaterThan(100_000);
    expect(villeurbanne?.postalCodes).toContain("69100");
  });

  it("places Lambersart in the Nord", () => {
    const lambersart = searchTerritories("commune", "lambersart")[0];
    expect(lambersart?.code).toBe("59328");
    expect(lambersart?.departementName).toBe("Nord");
    expect(lambersart?.regionName).toBe("Hauts-de-France");
  });

  it("treats Saint and St alike", () => {
    expect(searchTerritories("commune", "saint etienne")[0]?.code).toBe("42218");
    expect(searchTerritories("commune", "st etienne")[0]?.code).toBe("42218");
    expect(searchTerritories("commune", "St-Étienne")[0]?.code).toBe("42218");
    expect(searchTerritories("commune", "Saint-Étienne")[0]?.name).toBe("Saint-Étienne");
  });

  it("still lets 'st' start a name such as Strasbourg", () => {
    expect(codes(searchTerritories("commune", "st"))).toContain("67482");
  });

  it("ranks exact, then prefix, then word start, then substring", () => {
    const results = searchTerritories("commune", "paris", 50);
    expect(results[0]?.code).toBe("75056");
    const normalised = results.map((territory) => normaliseTerritoryName(territory.name));
    const rank = (name: string) =>
      name === "paris" ? 0 : name.startsWith("paris") ? 1 : name.includes(" paris") ? 2 : 3;
    const ranks = normalised.map(rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(ranks).toContain(1);
    expect(ranks).toContain(2);
  });

  it("breaks ties by population, most populated first", () => {
    const results = searchTerritories("commune", "saint", 30);
    const populations = results.map((territory) => territory.population ?? -1);
    expect(populations).toEqual([...populations].sort((a, b) => b - a));
  });

  it("respects the limit", () => {
    expect(searchTerritories("commune", "sa")).toHaveLength(10);
    expect(searchTerritories("commune", "sa", 3)).toHaveLength(3);
  });

  it("returns nothing for queries shorter than 2 characters or unknown", () => {
    expect(searchTerritories("commune", "")).toEqual([]);
    expect(searchTerritories("commune", "v")).toEqual([]);
    expect(searchTerritories("commune", " v ")).toEqual([]);
    expect(searchTerritories("commune", "zzqxw")).toEqual([]);
  });

  it("keeps only current communes", () => {
    // Lyon's 1st arrondissement (69381) is an "arrondissement municipal", not a commune.
    expect(getTerritory("commune", "69381")).toBeNull();
    expect(getTerritory("commune", "69123")?.name).toBe("Lyon");
  });

  it("returns copies that callers may change", () => {
    const first = searchTerritories("commune", "villeurbanne")[0];
    first?.postalCodes.push("00000");
    if (first) first.name = "Changed";
    const again = getTerritory("commune", "69266");
    expect(again?.name).toBe("Villeurbanne");
    expect(again?.postalCodes).not.toContain("00000");
  });
});

describe("searchTerritories: EPCI", () => {
  it("finds an EPCI by part of its name", () => {
    const results = searchTerritories("epci", "faucigny");
    const epci = results.find((territory) => territory.code === "200000172");
    expect(epci).toMatchObject({
      kind: "epci",
      siren: "200000172",
      name: "CC Faucigny - Glières",
      epciType: "CC",
      departementName: "Haute-Savoie",
      regionName: "Auvergne-Rhône-Alpes",
    });
    expect(epci?.population).toBeGreaterThan(0);
  });

  it("finds the Métropole de Lyon by name and by SIREN", () => {
    expect(codes(searchTerritories("epci", "metropole de lyon"))[0]).toBe("200046977");
    expect(searchTerritories("epci", "200046977")[0]?.name).toBe("Métropole de Lyon");
    expect(getTerritory("epci", "200046977")?.departementName).toBe("Rhône");
  });
});

describe("searchTerritories: départements and régions", () => {
  it("finds Haute-Garonne without hyphen or capitals", () => {
    const haute = searchTerritories("departement", "haute garonne")[0];
    expect(haute).toMatchObject({ kind: "departement", code: "31", name: "Haute-Garonne", regionName: "Occitanie" });
  });

  it("finds a département by code", () => {
    expect(searchTerritories("departement", "2a")[0]?.name).toBe("Corse-du-Sud");
    expect(getTerritory("departement", "69")?.name).toBe("Rhône");
  });

  it("finds a région and sums its communes' population", () => {
    const region = searchTerritories("region", "auvergne")[0];
    expect(region?.code).toBe("84");
    expect(region?.name).toBe("Auvergne-Rhône-Alpes");
    expect(region?.population).toBeGreaterThan(7_000_000);
  });
});

describe("getTerritory", () => {
  it("returns null for an unknown code", () => {
    expect(getTerritory("commune", "00000")).toBeNull();
    expect(getTerritory("epci", "")).toBeNull();
  });
});

describe("performance", () => {
  it("answers 10,000 searches", () => {
    const queries = ["villeur", "st etienne", "sa", "mont", "69100", "lambersart", "sur mer", "la", "zzqxw", "bourg"];
    let found = 0;
    for (let i = 0; i < 10_000; i += 1) {
      found += searchTerritories("commune", queries[i % queries.length] ?? "").length;
    }
    expect(found).toBeGreaterThan(0);
  });
});
