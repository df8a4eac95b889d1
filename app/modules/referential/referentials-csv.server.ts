import { formatShortDate } from "~/utils/format";
import { listReferentials } from "./referential.server";

/** The referentials list (one row per edition), for French Excel. The items of one referential export from its own page. */
export async function referentialsCsv() {
  const rows = await listReferentials();
  return {
    filename: "referentiels.csv",
    header: ["Édition", "Titre de l'édition", "Version", "Statut", "Publié le", "Déterminants", "Items"],
    rows: rows.map((row) => [
      row.year,
      row.title,
      row.version,
      !row.hasReferential ? "Aucun référentiel" : row.publishedAt ? "Publié" : "Brouillon",
      row.publishedAt ? formatShortDate(row.publishedAt) : "",
      row.determinants,
      row.items,
    ]),
  };
}
