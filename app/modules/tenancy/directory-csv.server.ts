import { formatShortDate } from "~/utils/format";
import { barometerCategoryLabels, isBarometerCategory, isStructureKind, structureKindLabels } from "./categories";
import type { DirectoryFilters } from "./directory-filters";
import { listAllTenantsForExport } from "./directory.server";
import { formatSiret } from "./siret";

/** The structures directory with the page's filters, every matching row (not a page), for French Excel. */
export async function structuresCsv(filters: DirectoryFilters) {
  const rows = await listAllTenantsForExport(filters);
  return {
    filename: `structures-${new Date().toISOString().slice(0, 10)}.csv`,
    header: [
      "Nom",
      "Identifiant",
      "Type de structure",
      "Catégorie",
      "SIRET",
      "Code INSEE du territoire",
      "Population",
      "Code département",
      "Département",
      "Région",
      "Membres",
      "Créée le",
    ],
    rows: rows.map((t) => [
      t.name,
      t.slug,
      isStructureKind(t.kind) ? structureKindLabels[t.kind] : t.kind,
      isBarometerCategory(t.category) ? barometerCategoryLabels[t.category] : t.category,
      formatSiret(t.siret),
      t.territoryCode,
      t.population,
      t.departementCode,
      t.departementName,
      t.regionName,
      t.members,
      formatShortDate(t.createdAt),
    ]),
  };
}
