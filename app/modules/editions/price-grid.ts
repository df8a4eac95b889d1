import type { BarometerCategory } from "../tenancy/categories";

/** The reference price grid, HT in cents, used to seed editions (editable per edition by staff). */
export const referencePriceGrid: Record<BarometerCategory, number> = {
  commune_moins_20000: 149_000,
  commune_20000_49999: 249_000,
  commune_plus_50000: 349_000,
  intercommunalite: 349_000,
  departement: 449_000,
  region: 490_000,
  france_services: 99_000,
  developpement_attractivite: 149_000,
  social_sante: 149_000,
};

export const referenceOnsiteVisitCents = 45_000;
