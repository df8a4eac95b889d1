import { barometerCategoryLabels, deriveCategory, structureKindLabels, type StructureKind } from "./categories";
import { slugify } from "./slug";
import { getTerritory, searchTerritories, type Territory, type TerritoryKind } from "./territories.server";

const territoryKinds: Partial<Record<StructureKind, TerritoryKind>> = { commune: "commune", epci: "epci", departement: "departement", region: "region" };

export function territoryKindOf(kind: StructureKind): TerritoryKind | null {
  return territoryKinds[kind] ?? null;
}

/** The usual name of the structure that runs a territory. */
export function defaultStructureName(territory: Territory): string {
  switch (territory.kind) {
    case "commune":
      return `Ville de ${territory.name}`;
    case "departement":
      return `Conseil départemental — ${territory.name}`;
    case "region":
      return `Conseil régional — ${territory.name}`;
    default:
      return territory.name;
  }
}

export function describeTerritory(territory: Territory) {
  return {
    code: territory.code,
    name: territory.name,
    siren: territory.siren,
    population: territory.population,
    departement: territory.departementName,
    region: territory.regionName,
    postalCodes: territory.postalCodes.slice(0, 3),
  };
}

/** What the creation page shows for a kind, a search and a pick. */
export function structureCreationView(kind: StructureKind, query: string, code: string | null) {
  const territoryKind = territoryKindOf(kind);
  const results = territoryKind && query ? searchTerritories(territoryKind, query, 8).map(describeTerritory) : [];
  const picked = territoryKind && code ? getTerritory(territoryKind, code) : null;
  const category = territoryKind ? (picked ? deriveCategory(kind, picked.population) : null) : deriveCategory(kind, null);
  return {
    kind,
    kindLabel: structureKindLabels[kind],
    needsTerritory: Boolean(territoryKind),
    results,
    picked: picked ? describeTerritory(picked) : null,
    suggestedName: picked ? defaultStructureName(picked) : "",
    suggestedSlug: picked ? slugify(picked.name) : "",
    category: category ? { code: category, label: barometerCategoryLabels[category] } : null,
  };
}
