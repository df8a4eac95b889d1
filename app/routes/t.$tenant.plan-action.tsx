import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "~/utils/zod";
import { ActionForm } from "~/components/action-form";
import { Notice } from "~/components/ui/field";
import { createAction, planPage, updateAction, type PlanSort } from "~/modules/action-plan/action-plan.server";
import { actionSchema, actionStatusCodes, actionStatusLabels, priorityLabels, statusSchema } from "~/modules/action-plan/rules";
import { channelLabels } from "~/modules/editions/audit-plan";
import { requireMembership } from "~/modules/tenancy/guard.server";
import { can } from "~/modules/tenancy/permissions";
import { formatDate, formatNumber, formatScore } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Plan d'action | Baromètre Expérience Citoyen" }];

const sorts: Record<PlanSort, string> = { priorite: "Priorité", echeance: "Échéance", statut: "Statut", titre: "Titre" };

/** The plan's filters and view, read from the URL (a GET form): bad values fall back to "all". */
const querySchema = z.object({
  statut: z.enum(actionStatusCodes).optional().catch(undefined),
  canal: z.enum(Object.keys(channelLabels) as [string, ...string[]]).optional().catch(undefined),
  responsable: z.union([z.literal("personne"), z.uuid()]).optional().catch(undefined),
  retard: z.literal("oui").optional().catch(undefined),
  tri: z.enum(Object.keys(sorts) as [PlanSort, ...PlanSort[]]).catch("priorite"),
  vue: z.enum(["tableau", "colonnes"]).catch("tableau"),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMembership(request, params.tenant, "results.read");
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { plan, members } = await planPage(ctx, { status: query.statut, channel: query.canal, owner: query.responsable, overdue: query.retard === "oui" }, query.tri);
  return {
    slug: ctx.tenant.slug,
    tenantName: ctx.tenant.name,
    canWrite: can(ctx.role, "actions.write"),
    query,
    members,
    progress: plan.progress,
    actions: plan.actions.map((a) => ({
      id: a.id,
      title: a.title,
      status: a.status,
      priority: a.priority,
      channel: a.channel,
      ownerName: a.ownerName,
      dueOn: a.dueOn ? formatDate(a.dueOn) : null,
      overdue: a.overdue,
      comments: a.comments,
      before: a.before,
      after: a.after,
      editionYear: a.editionYear,
      afterYear: a.afterYear,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireMembership(request, params.tenant, "actions.write");
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "create") {
    const submission = parseWithZod(formData, { schema: actionSchema });
    if (submission.status !== "success") return { result: submission.reply(), notice: null };
    const outcome = await createAction(ctx, submission.value);
    if (!outcome.ok) return { result: submission.reply({ fieldErrors: { [outcome.field ?? "title"]: [outcome.message] } }), notice: null };
    return { result: submission.reply({ resetForm: true }), notice: { tone: "success" as const, message: outcome.message } };
  }
  if (intent === "status") {
    const id = z.uuid().safeParse(formData.get("id"));
    const status = statusSchema.safeParse({ status: formData.get("status") });
    if (!id.success) throw new Response("Action introuvable", { status: 404 });
    if (!status.success) return { result: undefined, notice: { tone: "error" as const, message: status.error.issues[0]?.message ?? "Statut inconnu." } };
    const outcome = await updateAction(ctx, id.data, { status: status.data.status });
    if (!outcome) throw new Response("Action introuvable", { status: 404 });
    return { result: undefined, notice: { tone: outcome.ok ? ("success" as const) : ("error" as const), message: outcome.ok ? `Statut : ${actionStatusLabels[status.data.status]}.` : outcome.message } };
  }
  return { result: undefined, notice: { tone: "error" as const, message: "Action inconnue." } };
}

type PlanAction = ReturnType<typeof useLoaderData<typeof loader>>["actions"][number];

const show = (value: number | null) => (value === null ? "—" : formatScore(value));

function StatusForm({ action, label }: { action: PlanAction; label: string }) {
  return (
    <Form method="post" className="cluster">
      <input type="hidden" name="intent" value="status" />
      <input type="hidden" name="id" value={action.id} />
      <label className="visually-hidden" htmlFor={`statut-${action.id}`}>
        Statut de « {action.title} »
      </label>
      <select id={`statut-${action.id}`} name="status" defaultValue={action.status}>
        {actionStatusCodes.map((code) => (
          <option key={code} value={code}>
            {actionStatusLabels[code]}
          </option>
        ))}
      </select>
      <button className="btn btn-secondary btn-small" type="submit">
        {label}
        <span className="visually-hidden"> de « {action.title} »</span>
      </button>
    </Form>
  );
}

export default function ActionPlan() {
  const { slug, canWrite, query, members, progress, actions } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const base = `/t/${slug}/plan-action`;
  const viewLink = (vue: "tableau" | "colonnes") => {
    const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
    params.set("vue", vue);
    return `${base}?${params}`;
  };
  return (
    <div className="stack">
      <div className="page-header">
        <h1>Plan d'action</h1>
        <p className="lead">Les actions proposées à partir de vos résultats, et celles que vous ajoutez : qui fait quoi, pour quand.</p>
        <p className="cluster">
          <a className="btn btn-secondary" href={`${base}.csv`}>
            Exporter le plan (CSV)
          </a>
          <Link className="btn btn-tertiary" to={`${base}/imprimer`}>
            Version imprimable
          </Link>
        </p>
      </div>
      {outcome?.notice ? <Notice tone={outcome.notice.tone}>{outcome.notice.message}</Notice> : null}

      <section className="grid" aria-label="Avancement du plan">
        <p className="kpi">
          <span className="kpi-value">{formatNumber(Math.round(progress.doneShare * 100))} %</span>{" "}
          <span className="kpi-label">
            des actions faites ({formatNumber(progress.done)} sur {formatNumber(progress.active)}, hors actions abandonnées)
          </span>
        </p>
        <p className="kpi">
          <span className="kpi-value">{formatNumber(progress.overdue)}</span> <span className="kpi-label">action{progress.overdue > 1 ? "s" : ""} en retard</span>
        </p>
      </section>

      <Form method="get" className="cluster" aria-label="Filtrer le plan">
        <input type="hidden" name="vue" value={query.vue} />
        <div className="field">
          <label htmlFor="filtre-statut">Statut</label>
          <select id="filtre-statut" name="statut" defaultValue={query.statut ?? ""}>
            <option value="">Tous</option>
            {actionStatusCodes.map((code) => (
              <option key={code} value={code}>
                {actionStatusLabels[code]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filtre-canal">Canal</label>
          <select id="filtre-canal" name="canal" defaultValue={query.canal ?? ""}>
            <option value="">Tous</option>
            {Object.entries(channelLabels).map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filtre-responsable">Responsable</label>
          <select id="filtre-responsable" name="responsable" defaultValue={query.responsable ?? ""}>
            <option value="">Tous</option>
            <option value="personne">Personne</option>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name ?? m.email}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="tri">Trier par</label>
          <select id="tri" name="tri" defaultValue={query.tri}>
            {Object.entries(sorts).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="checkbox">
          <input type="checkbox" id="filtre-retard" name="retard" value="oui" defaultChecked={query.retard === "oui"} />
          <label htmlFor="filtre-retard">En retard seulement</label>
        </div>
        <button className="btn btn-secondary" type="submit">
          Afficher
        </button>
      </Form>

      <nav className="tabs-nav" aria-label="Présentation du plan">
        <ul>
          <li>
            <Link to={viewLink("tableau")} aria-current={query.vue === "tableau" ? "page" : undefined}>
              Tableau
            </Link>
          </li>
          <li>
            <Link to={viewLink("colonnes")} aria-current={query.vue === "colonnes" ? "page" : undefined}>
              Colonnes par statut
            </Link>
          </li>
        </ul>
      </nav>

      {actions.length === 0 ? <Notice tone="info">Aucune action ne correspond à ces critères.</Notice> : null}

      {query.vue === "tableau" && actions.length > 0 ? (
        <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-plan">
          <table className="table">
            <caption id="legende-plan">
              Actions du plan ({formatNumber(actions.length)}), triées par {sorts[query.tri].toLowerCase()}
            </caption>
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Priorité</th>
                <th scope="col">Canal</th>
                <th scope="col">Responsable</th>
                <th scope="col">Échéance</th>
                <th scope="col">Statut</th>
                <th scope="col">Avant / après</th>
              </tr>
            </thead>
            <tbody>
              {actions.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={`${base}/${a.id}`}>{a.title}</Link>
                    {a.comments > 0 ? <span className="muted"> · {formatNumber(a.comments)} commentaire{a.comments > 1 ? "s" : ""}</span> : null}
                  </th>
                  <td>{priorityLabels[a.priority]}</td>
                  <td>{a.channel ? channelLabels[a.channel as keyof typeof channelLabels] : "Tous"}</td>
                  <td>{a.ownerName ?? "Personne"}</td>
                  <td>
                    {a.dueOn ?? "—"}
                    {a.overdue ? <span className="badge badge-error"> En retard</span> : null}
                  </td>
                  <td>{canWrite ? <StatusForm action={a} label="Changer" /> : actionStatusLabels[a.status]}</td>
                  <td>
                    {a.before === null ? "—" : `${show(a.before)} (${a.editionYear})`}
                    {a.after !== null ? ` → ${show(a.after)} (${a.afterYear})` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {query.vue === "colonnes" && actions.length > 0 ? (
        <div className="board">
          {actionStatusCodes.map((code) => {
            const column = actions.filter((a) => a.status === code);
            return (
              <section key={code} className="board-column stack stack-sm" aria-labelledby={`colonne-${code}`}>
                <h2 id={`colonne-${code}`}>
                  {actionStatusLabels[code]} ({formatNumber(column.length)})
                </h2>
                <ul className="stack stack-sm">
                  {column.map((a) => (
                    <li key={a.id} className="card stack stack-sm">
                      <Link to={`${base}/${a.id}`}>{a.title}</Link>
                      <p className="muted">
                        {a.ownerName ?? "Personne"} · {a.dueOn ? `échéance ${a.dueOn}` : "sans échéance"}
                        {a.overdue ? " · en retard" : ""}
                      </p>
                      {canWrite ? <StatusForm action={a} label="Déplacer" /> : null}
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
      ) : null}

      {canWrite ? (
        <section className="card stack" aria-labelledby="titre-nouvelle-action">
          <h2 id="titre-nouvelle-action">Ajouter une action</h2>
          <ActionForm id="nouvelle-action" intent="create" submitLabel="Ajouter l'action" lastResult={outcome?.result} members={members} />
        </section>
      ) : null}
    </div>
  );
}
