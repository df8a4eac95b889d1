import { formatDateTime } from "~/utils/format";
import { listPracticesForStaff } from "./practices.server";
import { practicePath, practiceStatusLabels } from "./search";

/** The staff list of practices, newest first, for French Excel (a draft has no publication date). */
export async function practicesCsv(now = new Date()) {
  const practices = await listPracticesForStaff(now);
  return {
    filename: "bonnes-pratiques.csv",
    header: ["N°", "Titre", "Statut", "Publication", "Adresse publique", "Modifiée le"],
    rows: practices.map((p) => [
      p.number,
      p.title,
      practiceStatusLabels[p.status],
      p.status === "brouillon" ? "" : formatDateTime(p.publishAt),
      p.status === "publiee" ? practicePath(p) : "",
      formatDateTime(p.updatedAt),
    ]),
  };
}
