import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { printablePlan } from "~/modules/action-plan/plan-export.server";
import { requireMembership } from "~/modules/tenancy/guard.server";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Plan d'action, version imprimable | Baromètre Expérience Citoyen" }];

/** The whole plan on one plain page, for a meeting or a noticeboard: any member may print it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMembership(request, params.tenant, "results.read");
  const plan = await printablePlan(ctx);
  return { tenantName: ctx.tenant.name, slug: ctx.tenant.slug, printedOn: formatDate(new Date()), ...plan };
}

const dash = (value: string) => (value === "" ? "—" : value);

export default function PrintablePlan() {
  const { tenantName, slug, printedOn, progress, rows } = useLoaderData<typeof loader>();
  return (
    <div className="stack printable-plan">
      <div className="page-header">
        <h1>Plan d'action de {tenantName}</h1>
        <p className="lead">
          État au {printedOn} : {progress}
        </p>
        <p className="muted print-hint">
          Imprimer : utilisez la commande « Imprimer » de votre navigateur (Ctrl + P, ou Cmd + P sur Mac) ; l'en-tête et les menus du site ne sont pas
          imprimés. <a href={`/t/${slug}/plan-action`}>Retour au plan d'action</a>
        </p>
      </div>
      {rows.length === 0 ? null : (
        <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-plan">
          <table className="table">
            <caption id="legende-plan">Actions du plan, de la plus prioritaire à la moins prioritaire</caption>
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Statut</th>
                <th scope="col">Priorité</th>
                <th scope="col">Responsable</th>
                <th scope="col">Échéance</th>
                <th scope="col" className="numeric">
                  Score avant
                </th>
                <th scope="col" className="numeric">
                  Score après
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    {row.title}
                    {row.determinant || row.channel ? (
                      <>
                        <br />
                        <span className="muted">{[row.determinant, row.channel].filter(Boolean).join(" · ")}</span>
                      </>
                    ) : null}
                  </th>
                  <td>{row.status}</td>
                  <td>{row.priority}</td>
                  <td>{dash(row.owner)}</td>
                  <td>
                    {dash(row.dueOn)}
                    {row.overdue ? <strong> (en retard)</strong> : null}
                  </td>
                  <td className="numeric">
                    {dash(row.before)}
                    {row.edition ? <span className="muted"> ({row.edition})</span> : null}
                  </td>
                  <td className="numeric">{dash(row.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted">
        Score avant : score du déterminant (ou du canal) visé dans l'édition qui a proposé l'action. Score après : le même score dans la dernière édition
        publiée, quand la structure y a participé.
      </p>
    </div>
  );
}
