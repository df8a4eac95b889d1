import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { Pagination } from "~/components/practices";
import { AUDIT_PAGE_SIZE, countAuditLog, listAuditActions, searchAuditLog, summarizeDetails } from "~/modules/audit-log/audit-log.server";
import { parseAuditFilters } from "~/modules/audit-log/filters";
import { requireStaff } from "~/modules/auth/guards.server";
import { formatDateTime, formatNumber } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Journal d’audit | Back-office | Baromètre Expérience Citoyen" }];

/** Reading the journal is not itself journaled. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, ["admin"]);
  const { filters, page } = parseAuditFilters(new URL(request.url).searchParams);
  const [rows, total, actions] = await Promise.all([searchAuditLog(filters, page), countAuditLog(filters), listAuditActions()]);
  return {
    filters,
    page,
    pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    total,
    actions,
    entries: rows.map((row) => ({
      id: row.id,
      at: formatDateTime(row.createdAt),
      actor: row.actorEmail ? (row.actorName ? `${row.actorName} (${row.actorEmail})` : row.actorEmail) : "Système",
      action: row.action,
      tenantName: row.tenantName,
      tenantSlug: row.tenantSlug,
      target: row.targetType ? `${row.targetType}${row.targetId ? ` ${row.targetId}` : ""}` : "",
      details: summarizeDetails(row.details),
    })),
  };
}

export default function AuditJournal() {
  const { filters, page, pages, total, actions, entries } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  const withPage = (target: number) => {
    const params = new URLSearchParams(search);
    params.set("page", String(target));
    return `/admin/journal?${params}`;
  };
  const exportParams = new URLSearchParams(search);
  exportParams.delete("page");
  return (
    <div className="stack">
      <h1>Journal d’audit</h1>
      <Form method="get" className="cluster" role="search" aria-label="Filtrer le journal">
        <div className="field">
          <label htmlFor="structure">Structure (nom ou identifiant)</label>
          <input id="structure" name="structure" type="search" defaultValue={filters.structure ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="actor">E-mail de l’auteur</label>
          <input id="actor" name="actor" type="search" defaultValue={filters.actorEmail ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="action">Action</label>
          <select id="action" name="action" defaultValue={filters.action ?? ""}>
            <option value="">Toutes les actions</option>
            {actions.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="from">Du</label>
          <input id="from" name="from" type="date" defaultValue={filters.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="to">Au</label>
          <input id="to" name="to" type="date" defaultValue={filters.to ?? ""} />
        </div>
        <button className="btn btn-secondary" type="submit">
          Filtrer
        </button>
      </Form>
      <p>
        <a href={`/admin/journal.csv${exportParams.size ? `?${exportParams}` : ""}`} download>
          Exporter en CSV
        </a>
      </p>
      <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-journal">
        <table className="table">
          <caption id="legende-journal">
            Entrées du journal ({formatNumber(total)}), les plus récentes d’abord{pages > 1 ? `, page ${page} sur ${pages}` : ""}
          </caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Auteur</th>
              <th scope="col">Action</th>
              <th scope="col">Structure</th>
              <th scope="col">Cible</th>
              <th scope="col">Détails</th>
            </tr>
          </thead>
          <tbody>
            {entries.length === 0 ? (
              <tr>
                <td colSpan={6}>Aucune entrée ne correspond à ces filtres.</td>
              </tr>
            ) : null}
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>{entry.at}</td>
                <td>{entry.actor}</td>
                <td>
                  <code>{entry.action}</code>
                </td>
                <td>{entry.tenantSlug ? <Link to={`/admin/structures/${entry.tenantSlug}`}>{entry.tenantName}</Link> : "—"}</td>
                <td>{entry.target || "—"}</td>
                <td>
                  <code>{entry.details}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={page} pageCount={pages} hrefFor={withPage} />
    </div>
  );
}
