import { formatShortDate } from "~/utils/format";
import { listEditions } from "./editions.server";

const editionStatusLabels: Record<"draft" | "open" | "closed", string> = { draft: "Brouillon", open: "Ouverte", closed: "Fermée" };

/** The editions list, newest first, with its calendar, for French Excel. */
export async function editionsCsv() {
  const editions = await listEditions();
  return {
    filename: "editions.csv",
    header: [
      "Année",
      "N°",
      "Titre",
      "Statut",
      "Ouverture des inscriptions",
      "Clôture des inscriptions",
      "Début des audits",
      "Fin des audits",
      "Publication",
      "Version du référentiel",
    ],
    rows: editions.map((e) => [
      e.year,
      e.number,
      e.title,
      editionStatusLabels[e.status],
      formatShortDate(e.enrolmentOpensOn),
      formatShortDate(e.enrolmentClosesOn),
      formatShortDate(e.auditStartsOn),
      formatShortDate(e.auditEndsOn),
      formatShortDate(e.publicationOn),
      e.referentialVersion,
    ]),
  };
}
