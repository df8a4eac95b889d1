import type { StaffRole } from "../auth/guards.server";
import { channelLabels } from "../editions/audit-plan";
import { listEditions } from "../editions/editions.server";
import { formatShortDate } from "~/utils/format";
import { listAllAudits, listAuditorAssignments } from "./audits.server";
import { parseAdminAuditFilters } from "./list-filters";
import { auditStatusLabels, isAuditStatus } from "./status";

type AuditRow = Awaited<ReturnType<typeof listAllAudits>>[number];

const header = ["Structure", "Édition", "N°", "Canal", "Scénario", "Date prévue", "Statut", "Auditeur"];

function line(row: AuditRow) {
  return [
    row.tenantName,
    row.editionYear,
    row.number,
    channelLabels[row.channel],
    row.scenario,
    row.plannedOn ? formatShortDate(row.plannedOn) : "",
    isAuditStatus(row.status) ? auditStatusLabels[row.status] : row.status,
    row.auditorUserId ? (row.auditorName ?? "") : "Non affecté",
  ];
}

/**
 * The audits page as a file: for an admin, every audit of the page's edition and status filter
 * (without the page's display limit); for an auditor, the audits assigned to them.
 */
export async function auditsCsv(actor: { userId: string; roles: readonly StaffRole[] }, searchParams: URLSearchParams) {
  if (!actor.roles.includes("admin")) {
    const rows = await listAuditorAssignments(actor.userId);
    return { filename: "mes-audits.csv", header, rows: rows.map(line) };
  }
  const filter = parseAdminAuditFilters(searchParams, await listEditions());
  const rows = await listAllAudits({ year: filter.year, status: filter.status, unassigned: filter.unassigned });
  const suffix = filter.statusFilter ? `-${filter.statusFilter}` : "";
  return { filename: `audits-${filter.year}${suffix}.csv`, header, rows: rows.map(line) };
}
