import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/modules/auth/guards.server";
import { isContactOverdue, leadStatusLabels, orderStatusLabels, parseLeadFilters } from "~/modules/leads/lead-status";
import { listLeads } from "~/modules/leads/leads.server";
import { csvAmount, csvResponse, toCsv } from "~/utils/csv";
import { formatShortDate } from "~/utils/format";

/** The leads table with the page's filters, every matching row, for French Excel. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, ["admin", "sales"]);
  const { filters } = parseLeadFilters(new URL(request.url).searchParams);
  const rows = await listLeads(filters, null);
  const body = toCsv(
    ["Structure", "Identifiant de la structure", "Prospect", "Statut", "Commercial", "Valeur HT (€)", "Prochain contact", "Relance en retard", "Demande", "État de la demande", "Ouvert le", "Mis à jour le"],
    rows.map((r) => [
      r.tenantName,
      r.tenantSlug,
      r.title,
      leadStatusLabels[r.status],
      r.assigneeId ? (r.assigneeName ?? r.assigneeEmail) : "",
      r.valueHtCents === null ? "" : csvAmount(r.valueHtCents),
      r.nextContactOn ? formatShortDate(r.nextContactOn) : "",
      isContactOverdue(r) ? "oui" : "non",
      r.orderReference,
      r.orderStatus ? orderStatusLabels[r.orderStatus] : "",
      formatShortDate(r.createdAt),
      formatShortDate(r.updatedAt),
    ]),
  );
  return csvResponse(`prospects-${new Date().toISOString().slice(0, 10)}.csv`, body);
}
