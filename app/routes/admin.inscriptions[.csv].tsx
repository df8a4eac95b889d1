import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/modules/auth/guards.server";
import { listEditionEnrolments } from "~/modules/enrolment/staff.server";
import { enrolmentStatusLabels, type EnrolmentStatus } from "~/modules/enrolment/state-machine";
import { barometerCategoryLabels, isBarometerCategory } from "~/modules/tenancy/categories";
import { csvAmount, csvResponse, toCsv } from "~/utils/csv";
import { formatDate } from "~/utils/format";

/** The sales export of an edition's enrolments, for French Excel. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, ["admin", "sales"]);
  const year = Number(new URL(request.url).searchParams.get("annee"));
  if (!Number.isInteger(year) || year < 2012 || year > 2100) throw new Response("Édition invalide", { status: 400 });
  const rows = await listEditionEnrolments(year);
  const body = toCsv(
    ["Structure", "SIRET", "Catégorie", "Région", "Statut", "Paiement", "N° d'engagement", "Montant HT (€)", "Montant TTC (€)", "Inscrite le", "Payée le"],
    rows.map((r) => [
      r.tenantName,
      r.siret,
      isBarometerCategory(r.category) ? barometerCategoryLabels[r.category] : r.category,
      r.regionName,
      enrolmentStatusLabels[r.status as EnrolmentStatus],
      r.paymentPath === "card" ? "Carte bancaire" : "Facture",
      r.engagementNumber,
      csvAmount(r.totalHtCents),
      csvAmount(r.totalTtcCents),
      formatDate(r.createdAt),
      r.paidAt ? formatDate(r.paidAt) : "",
    ]),
  );
  return csvResponse(`inscriptions-${year}.csv`, body);
}
