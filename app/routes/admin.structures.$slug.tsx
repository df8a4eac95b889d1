import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Notice } from "~/components/ui/field";
import { summarizeDetails } from "~/modules/audit-log/audit-log.server";
import { requireStaff } from "~/modules/auth/guards.server";
import { IMPERSONATION_DURATION_MINUTES } from "~/modules/auth/impersonation";
import { enrolmentStatusLabels, type EnrolmentStatus } from "~/modules/enrolment/state-machine";
import { barometerCategoryLabels, isBarometerCategory, isStructureKind, structureKindLabels } from "~/modules/tenancy/categories";
import { memberRoleLabels } from "~/modules/tenancy/permissions";
import { formatSiret } from "~/modules/tenancy/siret";
import { getStructureOverview } from "~/modules/tenancy/structure-overview.server";
import { deleteTenant } from "~/modules/tenancy/tenant-deletion.server";
import { structureLeads } from "~/modules/leads/leads.server";
import { formatDate, formatDateTime, formatEuros, formatNumber, formatScore } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.identity.name ?? "Structure"} | Back-office | Baromètre Expérience Citoyen` }];

const invoiceStatusLabels = { draft: "Brouillon", open: "À payer", paid: "Payée", void: "Annulée" } as const;
const paymentStatusLabels = { pending: "En attente", paid: "Payé", expired: "Expiré", refunded: "Remboursé", void: "Annulé" } as const;
const paymentMethodLabels = { card: "Carte bancaire", invoice: "Facture" } as const;

/** A structure seen by AFNOR staff (admin and sales), read only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { roles } = await requireStaff(request, ["admin", "sales"]);
  const overview = await getStructureOverview(params.slug ?? "");
  if (!overview) throw new Response("Structure introuvable", { status: 404 });
  const { tenant } = overview;
  const scheduled = overview.scheduledDeletion;
  return {
    scheduledDeletion: scheduled && {
      date: formatDate(scheduled.deletionDate),
      since: scheduled.neverTookPart ? `depuis la création de son espace, le ${formatDate(scheduled.lastParticipation)}` : `depuis le ${formatDate(scheduled.lastParticipation)}`,
      noticeAt: formatDate(scheduled.noticeAt),
      state: scheduled.state,
    },
    canImpersonate: roles.includes("admin") && !tenant.deletedAt,
    canDelete: roles.includes("admin") && !tenant.deletedAt,
    deletedAt: tenant.deletedAt ? formatDateTime(tenant.deletedAt) : null,
    identity: {
      name: tenant.name,
      slug: tenant.slug,
      kind: isStructureKind(tenant.kind) ? structureKindLabels[tenant.kind] : tenant.kind,
      category: isBarometerCategory(tenant.category) ? barometerCategoryLabels[tenant.category] : tenant.category,
      siret: formatSiret(tenant.siret),
      territory: [tenant.departementName, tenant.regionName].filter(Boolean).join(", ") || "—",
      population: tenant.population === null ? "—" : formatNumber(tenant.population),
      certifications: tenant.certifications.length > 0 ? tenant.certifications.join(", ") : "Aucune",
      createdAt: formatDate(tenant.createdAt),
    },
    enrolments: overview.enrolments.map((e) => ({
      id: e.id,
      year: e.year,
      status: enrolmentStatusLabels[e.status as EnrolmentStatus] ?? e.status,
      payment: paymentMethodLabels[e.paymentPath],
      totalHt: formatEuros(e.totalHtCents),
      totalTtc: formatEuros(e.totalTtcCents),
      paidAt: e.paidAt ? formatDate(e.paidAt) : "—",
    })),
    invoices: overview.invoices.map((i) => ({
      id: i.id,
      subject: i.subject,
      number: i.number ?? "—",
      status: invoiceStatusLabels[i.status],
      totalTtc: formatEuros(i.totalTtcCents),
      dueAt: i.dueAt ? formatDate(i.dueAt) : "—",
      paidAt: i.paidAt ? formatDate(i.paidAt) : "—",
    })),
    payments: overview.payments.map((p) => ({
      id: p.id,
      subject: p.subject,
      method: paymentMethodLabels[p.method],
      status: paymentStatusLabels[p.status],
      amount: formatEuros(p.amountCents),
      refunded: p.refundedCents > 0 ? formatEuros(p.refundedCents) : "—",
      paidAt: p.paidAt ? formatDate(p.paidAt) : "—",
    })),
    latestResult: overview.latestResult
      ? {
          year: overview.latestResult.year,
          version: overview.latestResult.version,
          globalScore: overview.latestResult.globalScore === null ? null : formatScore(overview.latestResult.globalScore),
          publishedAt: formatDate(overview.latestResult.publishedAt),
        }
      : null,
    members: overview.members.map((m) => ({ userId: m.userId, name: m.name ?? "—", email: m.email, role: memberRoleLabels[m.role] })),
    leads: await structureLeads(tenant.id),
    recentAudit: overview.recentAudit.map((a) => ({
      id: a.id,
      at: formatDateTime(a.createdAt),
      actor: a.actorEmail ?? "Système",
      action: a.action,
      details: summarizeDetails(a.details, 120),
    })),
  };
}

/** Deletion of the structure and erasure of its personal data: AFNOR admins only (sales get 403). */
export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, ["admin"]);
  const formData = await request.formData();
  const outcome = await deleteTenant(staff, params.slug ?? "", { confirmName: formData.get("confirmName") ?? undefined });
  if (!outcome.ok) {
    if (outcome.status === 400) return { ok: false as const, error: outcome.message };
    if (outcome.status === 409) return { ok: false as const, blocked: outcome.message };
    throw new Response(outcome.message, { status: outcome.status });
  }
  const { counts } = outcome;
  return {
    ok: true as const,
    message: `${outcome.name} est supprimée : ${formatNumber(counts.memberships)} adhésion(s) et ${formatNumber(counts.invitations)} invitation(s) retirées, ${formatNumber(counts.usersDeleted)} compte(s) supprimé(s)${counts.auditsWithdrawn > 0 ? `, ${formatNumber(counts.auditsWithdrawn)} audit(s) non validé(s) retiré(s) du planning` : ""}, coordonnées anonymisées ; factures et paiements conservés.`,
  };
}

export default function StructurePage() {
  const { canImpersonate, canDelete, deletedAt, scheduledDeletion, identity, enrolments, invoices, payments, latestResult, members, recentAudit, leads } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack">
      <p>
        <Link to="/admin">Retour aux structures</Link>
      </p>
      <h1>{identity.name}</h1>
      {actionData?.ok ? <Notice tone="success">{actionData.message}</Notice> : null}
      {deletedAt ? (
        <Notice tone="info">
          Structure supprimée le {deletedAt} : ses données personnelles sont effacées, ses factures et paiements conservés (obligation légale de 10 ans).
        </Notice>
      ) : null}
      {scheduledDeletion ? (
        <Notice tone="warning">
          {scheduledDeletion.state === "awaiting_payment"
            ? `Suppression automatique en attente : la durée de conservation a pris fin le ${scheduledDeletion.date}, et des paiements sont en cours (voir ci-dessous).`
            : scheduledDeletion.state === "due"
              ? `Suppression automatique imminente : la durée de conservation a pris fin le ${scheduledDeletion.date} (préavis envoyé le ${scheduledDeletion.noticeAt}).`
              : `Suppression automatique prévue le ${scheduledDeletion.date} : aucune participation ${scheduledDeletion.since} (données conservées 5 ans après la dernière participation ; préavis envoyé le ${scheduledDeletion.noticeAt}). Une inscription ou une commande d'ici là l'annule.`}
        </Notice>
      ) : null}
      {canImpersonate ? (
        <Form method="post" action={`/admin/structures/${identity.slug}/voir-comme`}>
          <button type="submit" className="btn btn-secondary">
            Voir comme cette structure (lecture seule, {IMPERSONATION_DURATION_MINUTES} min)
          </button>
        </Form>
      ) : null}
      <section className="stack" aria-labelledby="identite">
        <h2 id="identite">Identité</h2>
        <dl className="definition-list">
          <dt>Identifiant</dt>
          <dd>{identity.slug}</dd>
          <dt>Type</dt>
          <dd>{identity.kind}</dd>
          <dt>Catégorie du baromètre</dt>
          <dd>{identity.category}</dd>
          <dt>SIRET</dt>
          <dd>{identity.siret}</dd>
          <dt>Territoire</dt>
          <dd>{identity.territory}</dd>
          <dt>Population</dt>
          <dd>{identity.population}</dd>
          <dt>Certifications</dt>
          <dd>{identity.certifications}</dd>
          <dt>Inscrite sur le portail le</dt>
          <dd>{identity.createdAt}</dd>
        </dl>
      </section>

      <section className="stack" aria-labelledby="resultats">
        <h2 id="resultats">Résultats</h2>
        {latestResult ? (
          <p>
            Derniers résultats publiés : édition {latestResult.year} (version {latestResult.version}, le {latestResult.publishedAt}), score global{" "}
            {latestResult.globalScore === null ? "non calculé" : `${latestResult.globalScore} / 100`}.
          </p>
        ) : (
          <p>Aucun résultat publié pour cette structure.</p>
        )}
      </section>

      <SimpleTable
        id="inscriptions"
        caption="Inscriptions"
        empty="Aucune inscription."
        headers={["Édition", "Statut", "Paiement", "Montant HT", "Montant TTC", "Payée le"]}
        rows={enrolments.map((e) => ({ key: e.id, cells: [String(e.year), e.status, e.payment, e.totalHt, e.totalTtc, e.paidAt] }))}
      />
      <SimpleTable
        id="factures"
        caption="Factures"
        empty="Aucune facture."
        headers={["Objet", "Numéro", "Statut", "Montant TTC", "Échéance", "Payée le"]}
        rows={invoices.map((i) => ({ key: i.id, cells: [i.subject, i.number, i.status, i.totalTtc, i.dueAt, i.paidAt] }))}
      />
      <SimpleTable
        id="paiements"
        caption="Paiements"
        empty="Aucun paiement."
        headers={["Objet", "Moyen", "Statut", "Montant", "Remboursé", "Payé le"]}
        rows={payments.map((p) => ({ key: p.id, cells: [p.subject, p.method, p.status, p.amount, p.refunded, p.paidAt] }))}
      />
      <section className="stack" aria-labelledby="prospects">
        <h2 id="prospects">Prospects</h2>
        {leads.length === 0 ? (
          <p>Aucun prospect pour cette structure.</p>
        ) : (
          <ul className="stack stack-sm">
            {leads.map((lead) => (
              <li key={lead.id}>
                <Link to={`/admin/prospects/${lead.id}`}>{lead.title}</Link> — {lead.status}, {lead.value}, suivi : {lead.assignee}, prochain contact : {lead.nextContact}
              </li>
            ))}
          </ul>
        )}
      </section>
      <SimpleTable
        id="membres"
        caption="Membres"
        empty="Aucun membre."
        headers={["Nom", "Adresse e-mail", "Rôle"]}
        rows={members.map((m) => ({ key: m.userId, cells: [m.name, m.email, m.role] }))}
      />
      <SimpleTable
        id="journal"
        caption="Dernières actions (10 au plus)"
        empty="Aucune action enregistrée."
        headers={["Date", "Auteur", "Action", "Détails"]}
        rows={recentAudit.map((a) => ({ key: a.id, cells: [a.at, a.actor, a.action, a.details] }))}
      />
      {canDelete ? (
        <DeletionForm name={identity.name} error={actionData && !actionData.ok && "error" in actionData ? actionData.error : undefined} blocked={actionData && !actionData.ok && "blocked" in actionData ? actionData.blocked : undefined} />
      ) : null}
    </div>
  );
}

function DeletionForm({ name, error, blocked }: { name: string; error: string | undefined; blocked: string | undefined }) {
  return (
    <section className="stack" aria-labelledby="suppression">
      <h2 id="suppression">Supprimer la structure et anonymiser ses données</h2>
      <p>
        Irréversible. Les adhésions et invitations sont retirées ; les comptes qui n'appartiennent qu'à cette structure sont supprimés (leurs sessions fermées) ; les noms et
        adresses e-mail des contacts, les notes commerciales et les textes libres du plan d'action sont effacés ou remplacés par « Anonymisé » ; l'accord de vitrine est retiré.
        Les factures et paiements sont conservés tels quels (obligation légale de conservation de 10 ans) et les scores publiés restent, anonymes, dans les moyennes nationales.
        Une inscription en brouillon ou une demande de devis est annulée, les audits pas encore validés sont retirés du planning des auditeurs (l'édition en cours ne
        sera pas publiée pour elle) ; une inscription ou une commande dont le paiement est attendu empêche la suppression tant qu'elle n'est
        pas annulée ou payée.
      </p>
      {blocked ? <Notice tone="error">{blocked}</Notice> : null}
      <Form method="post" className="stack" noValidate>
        <div className="field">
          <label htmlFor="confirmName">Pour confirmer, recopiez le nom de la structure : « {name} »</label>
          <input
            id="confirmName"
            name="confirmName"
            type="text"
            required
            autoComplete="off"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "confirmName-error" : undefined}
          />
          <div id="confirmName-error" aria-live="polite">
            {error ? <p className="field-error">{error}</p> : null}
          </div>
        </div>
        <button type="submit" className="btn btn-danger">
          Supprimer la structure et anonymiser ses données
        </button>
      </Form>
    </section>
  );
}

function SimpleTable({ id, caption, headers, rows, empty }: { id: string; caption: string; headers: string[]; rows: { key: string; cells: string[] }[]; empty: string }) {
  return (
    <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby={`legende-${id}`}>
      <table className="table">
        <caption id={`legende-${id}`}>{caption}</caption>
        <thead>
          <tr>
            {headers.map((header) => (
              <th key={header} scope="col">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={headers.length}>{empty}</td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row.key}>
                {row.cells.map((cell, index) => (
                  <td key={index}>{cell}</td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
