import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Notice } from "~/components/ui/field";
import { requireUser } from "~/modules/auth/guards.server";
import { ASK_AGAIN_AFTER_REFUSAL_DAYS, joinableTenants, listUserRequests, requestMembership, requestStatusLabels } from "~/modules/tenancy/membership-requests.server";
import { memberRoleLabels } from "~/modules/tenancy/permissions";
import { joinRequestSchema } from "~/modules/tenancy/schemas";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Rejoindre une structure | Baromètre Expérience Citoyen" }];

const statusBadges = { pending: "badge-info", approved: "badge-success", refused: "badge-error" } as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  const [joinable, requests] = await Promise.all([joinableTenants(user.id), listUserRequests(user.id)]);
  return {
    joinable,
    askAgainDays: ASK_AGAIN_AFTER_REFUSAL_DAYS,
    requests: requests.map((r) => ({
      id: r.id,
      tenantName: r.tenantName,
      tenantSlug: r.tenantSlug,
      status: r.status,
      statusLabel: requestStatusLabels[r.status],
      roleLabel: r.grantedRole ? memberRoleLabels[r.grantedRole] : null,
      createdAt: formatDate(r.createdAt),
      decidedAt: r.decidedAt ? formatDate(r.decidedAt) : null,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireUser(request);
  const parsed = joinRequestSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { tone: "error" as const, message: parsed.error.issues[0]?.message ?? "Saisie invalide." };
  const outcome = await requestMembership({ id: user.id, email: user.email, name: user.name }, parsed.data.tenantId);
  // Not a structure the user may ask to join (forged id, other SIRET, already member or waiting).
  if (!outcome) throw new Response("Structure introuvable", { status: 404 });
  return { tone: "success" as const, message: outcome.message };
}

export default function JoinStructure() {
  const { joinable, askAgainDays, requests } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="container stack">
      <div className="page-header">
        <h1>Rejoindre une structure</h1>
        <p className="lead">
          Lorsque vous vous identifiez avec ProConnect, le SIRET de votre organisation nous est transmis. S'il correspond à une structure
          inscrite sur le portail, vous pouvez demander à rejoindre son espace : ses responsables acceptent ou refusent votre demande.
        </p>
      </div>
      {actionData ? <Notice tone={actionData.tone}>{actionData.message}</Notice> : null}

      <section className="stack" aria-labelledby="structures-correspondantes">
        <h2 id="structures-correspondantes">Votre SIRET (ProConnect) correspond à :</h2>
        {joinable.length > 0 ? (
          <ul className="stack">
            {joinable.map((tenant) => (
              <li key={tenant.id} className="card cluster">
                <strong>{tenant.name}</strong>
                <Form method="post">
                  <input type="hidden" name="intent" value="request" />
                  <input type="hidden" name="tenantId" value={tenant.id} />
                  <button className="btn" type="submit">
                    Demander à rejoindre<span className="visually-hidden"> {tenant.name}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">
            Aucune structure à rejoindre : votre dernière identification ProConnect ne correspond à aucune structure dont vous n'êtes pas déjà
            membre, votre demande est en attente, ou elle a été refusée il y a moins de {askAgainDays} jours.
          </p>
        )}
      </section>

      {requests.length > 0 ? (
        <div className="table-wrapper">
          <table className="table">
            <caption>Mes demandes ({requests.length})</caption>
            <thead>
              <tr>
                <th scope="col">Structure</th>
                <th scope="col">Demandée le</th>
                <th scope="col">Statut</th>
                <th scope="col">Décision</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id}>
                  <td>{r.status === "approved" ? <Link to={`/t/${r.tenantSlug}`}>{r.tenantName}</Link> : r.tenantName}</td>
                  <td>{r.createdAt}</td>
                  <td>
                    <span className={`badge ${statusBadges[r.status]}`}>{r.statusLabel}</span>
                  </td>
                  <td>
                    {r.decidedAt ? `Le ${r.decidedAt}` : "—"}
                    {r.roleLabel ? ` (rôle : ${r.roleLabel})` : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p>
        <Link to="/mon-espace">Retour à mon espace</Link>
      </p>
    </div>
  );
}
