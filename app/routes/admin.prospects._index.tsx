import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { Pagination } from "~/components/practices";
import { Notice } from "~/components/ui/field";
import { requireStaff } from "~/modules/auth/guards.server";
import {
  BOARD_COLUMN_SIZE,
  isContactOverdue,
  LEADS_PAGE_SIZE,
  leadStatusChangeSchema,
  leadStatuses,
  leadStatusLabels,
  leadStatusTones,
  nextLeadStatuses,
  parseLeadFilters,
  UNASSIGNED,
  type LeadStatus,
} from "~/modules/leads/lead-status";
import { countLeads, leadBoard, listLeads, listSalesPeople, updateLead, type LeadRow } from "~/modules/leads/leads.server";
import { formatDate, formatEuros, formatNumber } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Prospects | Back-office | Baromètre Expérience Citoyen" }];

function card(row: Omit<LeadRow, "tenantId">) {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    tenantName: row.tenantName,
    tenantSlug: row.tenantSlug,
    value: row.valueHtCents === null ? "Non chiffré" : `${formatEuros(row.valueHtCents)} HT`,
    assignee: row.assigneeId ? (row.assigneeName ?? row.assigneeEmail ?? "—") : "Non attribué",
    nextContact: row.nextContactOn ? formatDate(row.nextContactOn) : null,
    overdue: isContactOverdue(row),
    order: row.orderReference,
  };
}

/** The sales pipeline: a board (columns per status) or a table, with the same filters. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, ["admin", "sales"]);
  const { query, filters, page, view } = parseLeadFilters(new URL(request.url).searchParams);
  const salesPeople = await listSalesPeople();
  if (view === "tableau") {
    const [rows, total] = await Promise.all([listLeads(filters, page), countLeads(filters)]);
    return { query, salesPeople, view, board: null, table: { rows: rows.map(card), total, page, pages: Math.max(1, Math.ceil(total / LEADS_PAGE_SIZE)) } };
  }
  const columns = await leadBoard(filters);
  return {
    query,
    salesPeople,
    view,
    table: null,
    board: columns.map((column) => ({ status: column.status, count: column.count, value: formatEuros(column.valueHtCents), cards: column.cards.map(card) })),
  };
}

/** The quick status form of a card. */
export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireStaff(request, ["admin", "sales"]);
  const parsed = leadStatusChangeSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { tone: "error" as const, message: parsed.error.issues[0]?.message ?? "Saisie invalide." };
  const outcome = await updateLead(user.id, parsed.data.leadId, { status: parsed.data.status });
  if (!outcome) throw new Response("Prospect introuvable", { status: 404 });
  if (!outcome.ok) return { tone: "error" as const, message: outcome.message };
  return { tone: "success" as const, message: outcome.changed ? `Prospect passé au statut « ${leadStatusLabels[parsed.data.status]} ».` : outcome.message };
}

type Card = ReturnType<typeof card>;

function StatusForm({ lead }: { lead: Card }) {
  const choices: LeadStatus[] = [lead.status, ...nextLeadStatuses(lead.status)];
  return (
    <Form method="post" className="cluster">
      <input type="hidden" name="intent" value="status" />
      <input type="hidden" name="leadId" value={lead.id} />
      <label className="visually-hidden" htmlFor={`statut-${lead.id}`}>
        Statut de « {lead.title} »
      </label>
      <select id={`statut-${lead.id}`} name="status" defaultValue={lead.status}>
        {leadStatuses
          .filter((code) => choices.includes(code))
          .map((code) => (
            <option key={code} value={code}>
              {leadStatusLabels[code]}
            </option>
          ))}
      </select>
      <button className="btn btn-secondary btn-small" type="submit">
        Déplacer<span className="visually-hidden"> « {lead.title} »</span>
      </button>
    </Form>
  );
}

function NextContact({ lead }: { lead: Card }) {
  if (!lead.nextContact) return <>Pas de relance prévue</>;
  return (
    <>
      {lead.nextContact}
      {lead.overdue ? <span className="badge badge-error"> En retard</span> : null}
    </>
  );
}

export default function Prospects() {
  const { query, salesPeople, view, board, table } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const { search } = useLocation();
  const withParams = (changes: Record<string, string | null>) => {
    const params = new URLSearchParams(search);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) params.delete(key);
      else params.set(key, value);
    }
    return params.size ? `?${params}` : "";
  };
  const csvHref = `/admin/prospects.csv${withParams({ vue: null, page: null })}`;
  return (
    <div className="stack">
      <div className="page-header">
        <h1>Prospects</h1>
        <p className="lead">Chaque demande de devis ou commande d’une structure devient un prospect à suivre : qui s’en occupe, quand le recontacter, pour quel montant.</p>
      </div>
      {outcome ? <Notice tone={outcome.tone}>{outcome.message}</Notice> : null}

      <Form method="get" className="cluster" role="search" aria-label="Filtrer les prospects">
        <input type="hidden" name="vue" value={view} />
        <div className="field">
          <label htmlFor="filtre-statut">Statut</label>
          <select id="filtre-statut" name="statut" defaultValue={query.statut ?? ""}>
            <option value="">Tous</option>
            {leadStatuses.map((code) => (
              <option key={code} value={code}>
                {leadStatusLabels[code]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filtre-commercial">Commercial</label>
          <select id="filtre-commercial" name="commercial" defaultValue={query.commercial ?? ""}>
            <option value="">Tous</option>
            <option value={UNASSIGNED}>Non attribué</option>
            {salesPeople.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name ?? person.email}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filtre-structure">Structure (nom ou identifiant)</label>
          <input id="filtre-structure" name="structure" type="search" defaultValue={query.structure ?? ""} />
        </div>
        <div className="checkbox">
          <input type="checkbox" id="filtre-relance" name="relance" value="en-retard" defaultChecked={query.relance === "en-retard"} />
          <label htmlFor="filtre-relance">Relance en retard seulement</label>
        </div>
        <button className="btn btn-secondary" type="submit">
          Filtrer
        </button>
      </Form>

      <div className="cluster">
        <nav className="tabs-nav" aria-label="Présentation des prospects">
          <ul>
            <li>
              <Link to={withParams({ vue: null, page: null })} aria-current={view === "colonnes" ? "page" : undefined}>
                Colonnes par statut
              </Link>
            </li>
            <li>
              <Link to={withParams({ vue: "tableau", page: null })} aria-current={view === "tableau" ? "page" : undefined}>
                Tableau
              </Link>
            </li>
          </ul>
        </nav>
        <a className="btn btn-tertiary" href={csvHref} download>
          Exporter en CSV
        </a>
      </div>

      {board ? (
        <div className="board">
          {board.map((column) => (
            <section key={column.status} className="board-column stack stack-sm" aria-labelledby={`colonne-${column.status}`}>
              <h2 id={`colonne-${column.status}`}>
                {leadStatusLabels[column.status]} ({formatNumber(column.count)})
              </h2>
              <p className="muted">{column.value} HT au total</p>
              {column.cards.length === 0 ? <p>Aucun prospect.</p> : null}
              <ul className="stack stack-sm">
                {column.cards.map((lead) => (
                  <li key={lead.id} className="card stack stack-sm">
                    <Link to={`/admin/prospects/${lead.id}`}>{lead.title}</Link>
                    <p>
                      <Link to={`/admin/structures/${lead.tenantSlug}`}>{lead.tenantName}</Link>
                    </p>
                    <p className="muted">
                      {lead.value} · {lead.assignee}
                      <br />
                      Prochain contact : <NextContact lead={lead} />
                    </p>
                    <StatusForm lead={lead} />
                  </li>
                ))}
              </ul>
              {column.count > column.cards.length ? (
                <p>
                  <Link to={withParams({ vue: "tableau", statut: column.status, page: null })}>
                    Voir les {formatNumber(column.count)} prospects « {leadStatusLabels[column.status]} » dans le tableau
                  </Link>
                  <span className="visually-hidden"> (la colonne en montre {BOARD_COLUMN_SIZE})</span>
                </p>
              ) : null}
            </section>
          ))}
        </div>
      ) : null}

      {table ? (
        <>
          <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-prospects">
            <table className="table">
              <caption id="legende-prospects">
                Prospects ({formatNumber(table.total)}), prochain contact le plus proche d’abord{table.pages > 1 ? `, page ${table.page} sur ${table.pages}` : ""}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Prospect</th>
                  <th scope="col">Structure</th>
                  <th scope="col">Statut</th>
                  <th scope="col">Commercial</th>
                  <th scope="col" className="numeric">
                    Valeur HT
                  </th>
                  <th scope="col">Prochain contact</th>
                  <th scope="col">Demande</th>
                </tr>
              </thead>
              <tbody>
                {table.rows.length === 0 ? (
                  <tr>
                    <td colSpan={7}>Aucun prospect ne correspond à ces filtres.</td>
                  </tr>
                ) : null}
                {table.rows.map((lead) => (
                  <tr key={lead.id}>
                    <th scope="row">
                      <Link to={`/admin/prospects/${lead.id}`}>{lead.title}</Link>
                    </th>
                    <td>
                      <Link to={`/admin/structures/${lead.tenantSlug}`}>{lead.tenantName}</Link>
                    </td>
                    <td>
                      <span className={`badge badge-${leadStatusTones[lead.status]}`}>{leadStatusLabels[lead.status]}</span>
                    </td>
                    <td>{lead.assignee}</td>
                    <td className="numeric">{lead.value}</td>
                    <td>
                      <NextContact lead={lead} />
                    </td>
                    <td>{lead.order ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={table.page} pageCount={table.pages} hrefFor={(target) => `/admin/prospects${withParams({ page: String(target) })}`} />
        </>
      ) : null}
    </div>
  );
}
