import type { LoaderFunctionArgs } from "@remix-run/node";
import { searchAuditLog } from "~/modules/audit-log/audit-log.server";
import { parseAuditFilters } from "~/modules/audit-log/filters";
import { requireStaff } from "~/modules/auth/guards.server";
import { csvResponse, toCsv } from "~/utils/csv";
import { formatDateTime } from "~/utils/format";

/** The journal with the page's filters, every matching row, for French Excel. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, ["admin"]);
  const { filters } = parseAuditFilters(new URL(request.url).searchParams);
  const rows = await searchAuditLog(filters, null);
  const body = toCsv(
    ["Date", "Auteur", "E-mail de l'auteur", "Action", "Structure", "Identifiant de la structure", "Type de cible", "Cible", "Détails"],
    rows.map((r) => [formatDateTime(r.createdAt), r.actorName, r.actorEmail, r.action, r.tenantName, r.tenantSlug, r.targetType, r.targetId, r.details]),
  );
  return csvResponse("journal-audit.csv", body);
}
