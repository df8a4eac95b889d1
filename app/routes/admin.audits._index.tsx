import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "~/utils/zod";
import { Notice } from "~/components/ui/field";
import { requireStaff } from "~/modules/auth/guards.server";
import { assignAudits, listAllAudits, listAuditorAssignments, listAuditors } from "~/modules/audits/audits.server";
import { parseAdminAuditFilters } from "~/modules/audits/list-filters";
import { auditStatusLabels, auditStatusTones, auditStatuses, type AuditStatus } from "~/modules/audits/status";
import { channelLabels } from "~/modules/editions/audit-plan";
import { listEditions } from "~/modules/editions/editions.server";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Audits | Back-office | Baromètre Expérience Citoyen" }];

/** Above this many rows the admin table asks for a narrower filter rather than a huge page. */
const ADMIN_LIST_LIMIT = 300;

function present(row: Awaited<ReturnType<typeof listAllAudits>>[number]) {
  return {
    id: row.id,
    tenantName: row.tenantName,
    editionYear: row.editionYear,
    number: row.number,
    channel: channelLabels[row.channel],
    scenario: row.scenario,
    plannedOn: row.plannedOn ? formatDate(row.plannedOn) : "—",
    status: row.status as AuditStatus,
    auditorUserId: row.auditorUserId,
    auditorName: row.auditorName ?? "Non affecté",
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, roles } = await requireStaff(request, ["admin", "auditor"]);
  const mine = roles.includes("auditor") ? (await listAuditorAssignments(user.id)).map(present) : null;
  if (!roles.includes("admin")) return { mine, all: null };

  const editions = await listEditions();
  const { year, status, unassigned, statusFilter } = parseAdminAuditFilters(new URL(request.url).searchParams, editions);
  const [rows, auditors] = await Promise.all([listAllAudits({ year, status, unassigned, limit: ADMIN_LIST_LIMIT + 1 }), listAuditors()]);
  return {
    mine,
    all: {
      year,
      years: editions.map((e) => e.year),
      statusFilter,
      truncated: rows.length > ADMIN_LIST_LIMIT,
      rows: rows.slice(0, ADMIN_LIST_LIMIT).map(present),
      auditors: auditors.map((a) => ({ id: a.id, name: a.name ?? a.email })),
    },
  };
}

const assignSchema = z.object({
  intent: z.literal("assign", { error: "Action inconnue." }),
  auditId: z.uuid("Audit inconnu."),
  auditorUserId: z.union([z.literal(""), z.uuid("Auditeur inconnu.")]),
});

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireStaff(request, ["admin"]);
  const parsed = assignSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "Saisie invalide." };
  return assignAudits(user.id, [parsed.data.auditId], parsed.data.auditorUserId || null);
}

type AuditRowView = ReturnType<typeof present>;
type Auditor = { id: string; name: string };

/** One table for both lists: an auditor's assignments, and (with `auditors`) the admin's assignment view. */
function AuditTable({ id, caption, rows, auditors }: { id: string; caption: string; rows: AuditRowView[]; auditors?: Auditor[] }) {
  return (
    <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby={id}>
      <table className="table">
        <caption id={id}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Structure</th>
            <th scope="col">Édition</th>
            <th scope="col" className="numeric">
              N°
            </th>
            <th scope="col">Canal</th>
            <th scope="col">Scénario</th>
            <th scope="col">Date prévue</th>
            <th scope="col">Statut</th>
            {auditors ? <th scope="col">Auditeur</th> : null}
            <th scope="col">Saisie</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>{row.tenantName}</td>
              <td>{row.editionYear}</td>
              <td className="numeric">{row.number}</td>
              <td>{row.channel}</td>
              <td>{row.scenario}</td>
              <td>{row.plannedOn}</td>
              <td>
                <span className={`badge badge-${auditStatusTones[row.status]}`}>{auditStatusLabels[row.status]}</span>
              </td>
              {auditors ? (
                <td>
                  <AssignForm row={row} auditors={auditors} />
                </td>
              ) : null}
              <td>
                <Link to={`/admin/audits/${row.id}`}>
                  {row.status === "submitted" ? "Voir" : "Saisir"}
                  <span className="visually-hidden">
                    {" "}
                    l'audit n° {row.number} de {row.tenantName}
                  </span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AssignForm({ row, auditors }: { row: AuditRowView; auditors: Auditor[] }) {
  return (
    <Form method="post" className="cluster" key={`${row.id}-${row.auditorUserId ?? ""}`}>
      <input type="hidden" name="intent" value="assign" />
      <input type="hidden" name="auditId" value={row.id} />
      <label className="visually-hidden" htmlFor={`auditeur-${row.id}`}>
        Auditeur de l'audit n° {row.number} de {row.tenantName}
      </label>
      <select id={`auditeur-${row.id}`} name="auditorUserId" defaultValue={row.auditorUserId ?? ""}>
        <option value="">Non affecté</option>
        {auditors.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
      <button className="btn btn-secondary btn-small" type="submit">
        Affecter<span className="visually-hidden"> l'audit n° {row.number} de {row.tenantName}</span>
      </button>
    </Form>
  );
}

export default function AdminAudits() {
  const { mine, all } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const exportParams = all ? new URLSearchParams({ annee: String(all.year), ...(all.statusFilter ? { statut: all.statusFilter } : {}) }) : null;
  return (
    <div className="stack">
      <h1>Audits mystères</h1>
      <p>
        <Link to="/admin/audits/import">Importer des réponses depuis un fichier CSV</Link>
      </p>
      <p>
        <a href={`/admin/audits.csv${exportParams ? `?${exportParams}` : ""}`} download>
          Exporter en CSV
        </a>
      </p>
      {actionData ? <Notice tone={actionData.ok ? "success" : "error"}>{actionData.message}</Notice> : null}

      {mine ? (
        <section className="stack" aria-labelledby="titre-mes-audits">
          <h2 id="titre-mes-audits">Mes audits</h2>
          {mine.length === 0 ? (
            <p>Aucun audit ne vous est affecté pour l'instant.</p>
          ) : (
            <AuditTable id="legende-mes-audits" caption={`Audits qui vous sont affectés (${mine.length})`} rows={mine} />
          )}
        </section>
      ) : null}

      {all ? (
        <section className="stack" aria-labelledby="titre-tous-audits">
          <h2 id="titre-tous-audits">Tous les audits de l'édition {all.year}</h2>
          <Form method="get" className="cluster">
            <div className="field">
              <label htmlFor="annee">Édition</label>
              <select id="annee" name="annee" defaultValue={all.year}>
                {all.years.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="statut">Statut</label>
              <select id="statut" name="statut" defaultValue={all.statusFilter}>
                <option value="">Tous</option>
                {auditStatuses.map((s) => (
                  <option key={s} value={s}>
                    {auditStatusLabels[s]}
                  </option>
                ))}
                <option value="non-affecte">Non affectés</option>
              </select>
            </div>
            <button className="btn btn-secondary" type="submit">
              Afficher
            </button>
          </Form>
          {all.truncated ? (
            <Notice tone="info">Seuls les {ADMIN_LIST_LIMIT} premiers audits sont affichés : filtrez par statut pour voir les autres.</Notice>
          ) : null}
          {all.rows.length === 0 ? (
            <p>Aucun audit ne correspond à ce filtre. Les audits sont planifiés au paiement de chaque inscription.</p>
          ) : (
            <AuditTable id="legende-tous-audits" caption={`Audits de l'édition ${all.year}`} rows={all.rows} auditors={all.auditors} />
          )}
        </section>
      ) : null}
    </div>
  );
}
