import { formatDateTime, formatShortDate } from "~/utils/format";
import { publicationOverview } from "./publication.server";

/** The publication overview, one row per edition (drafts left out, as on the page), for French Excel. */
export async function publicationCsv() {
  const editions = await publicationOverview();
  return {
    filename: "publication-resultats.csv",
    header: [
      "Édition",
      "Titre",
      "Publication prévue",
      "Structures inscrites en audit",
      "Structures aux audits tous validés",
      "Structures en attente",
      "Audits validés",
      "Audits planifiés",
      "Dernière version publiée",
      "Publiée le",
      "Publiée par",
      "Structures publiées",
    ],
    rows: editions.map((e) => [
      e.year,
      e.title,
      formatShortDate(e.publicationOn),
      e.enrolled,
      e.ready,
      e.enrolled - e.ready,
      e.auditsSubmitted,
      e.auditsPlanned,
      e.latest?.version ?? "",
      e.latest ? formatDateTime(e.latest.publishedAt) : "",
      e.latest?.publishedBy ?? "",
      e.latest?.structures ?? "",
    ]),
  };
}
