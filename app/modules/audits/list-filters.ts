import { isAuditStatus, type AuditStatus } from "./status";

/**
 * The admin audit list's GET filters, shared by the page and its CSV export: `annee` (an existing
 * edition, else the open one, else the latest) and `statut` (a status, or "non-affecte"); a wrong
 * value falls back, never an error.
 */
export function parseAdminAuditFilters(searchParams: URLSearchParams, editions: readonly { year: number; status: string }[]) {
  const requested = Number(searchParams.get("annee"));
  const fallback = editions.find((e) => e.status === "open") ?? editions[0];
  const year = editions.some((e) => e.year === requested) ? requested : (fallback?.year ?? new Date().getFullYear());
  const statusParam = searchParams.get("statut") ?? "";
  const status: AuditStatus | undefined = isAuditStatus(statusParam) ? statusParam : undefined;
  const unassigned = statusParam === "non-affecte";
  return { year, status, unassigned, statusFilter: status ?? (unassigned ? "non-affecte" : "") };
}
