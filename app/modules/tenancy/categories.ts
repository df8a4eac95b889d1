// Kinds of participating structures and the barometer's award categories.
// Pure: safe on the client and the server.

export const structureKinds = [
  "commune",
  "epci",
  "departement",
  "region",
  "france_services",
  "service_developpement",
  "service_social",
] as const;

export type StructureKind = (typeof structureKinds)[number];

export const structureKindLabels: Record<StructureKind, string> = {
  commune: "Commune",
  epci: "Intercommunalité (EPCI)",
  departement: "Département",
  region: "Région",
  france_services: "Maison France Services",
  service_developpement: "Service d'aménagement, de développement ou d'attractivité",
  service_social: "Service social, de la personne, de la solidarité ou de santé",
};

export const barometerCategories = [
  "commune_plus_50000",
  "commune_20000_49999",
  "commune_moins_20000",
  "intercommunalite",
  "departement",
  "region",
  "france_services",
  "developpement_attractivite",
  "social_sante",
] as const;

export type BarometerCategory = (typeof barometerCategories)[number];

export const barometerCategoryLabels: Record<BarometerCategory, string> = {
  commune_plus_50000: "Mairies de plus de 50 000 habitants",
  commune_20000_49999: "Mairies de 20 000 à 49 999 habitants",
  commune_moins_20000: "Mairies de moins de 20 000 habitants",
  intercommunalite: "Intercommunalités",
  departement: "Départements",
  region: "Régions",
  france_services: "Maisons France Services",
  developpement_attractivite: "Services d'aménagement, de développement et d'attractivité",
  social_sante: "Services sociaux, de la personne, de la solidarité et de santé",
};

export function isStructureKind(value: unknown): value is StructureKind {
  return typeof value === "string" && (structureKinds as readonly string[]).includes(value);
}

export function isBarometerCategory(value: unknown): value is BarometerCategory {
  return typeof value === "string" && (barometerCategories as readonly string[]).includes(value);
}

const categoryOfKind: Record<Exclude<StructureKind, "commune">, BarometerCategory> = {
  epci: "intercommunalite",
  departement: "departement",
  region: "region",
  france_services: "france_services",
  service_developpement: "developpement_attractivite",
  service_social: "social_sante",
};

/**
 * The award category of a structure. Town halls compete by legal population band;
 * a commune whose population is unknown is placed with the smallest ones.
 */
export function deriveCategory(kind: StructureKind, population: number | null): BarometerCategory {
  if (kind !== "commune") return categoryOfKind[kind];
  if (population === null || !Number.isFinite(population)) return "commune_moins_20000";
  if (population >= 50_000) return "commune_plus_50000";
  if (population >= 20_000) return "commune_20000_49999";
  return "commune_moins_20000";
}
