import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Notice } from "~/components/ui/field";
import { resendVerification } from "~/modules/auth/accounts.server";
import { getStaffRoles, requireUser } from "~/modules/auth/guards.server";
import { memberRoleLabels } from "~/modules/tenancy/permissions";
import { joinableTenants } from "~/modules/tenancy/membership-requests.server";
import { listUserTenants } from "~/modules/tenancy/tenants.server";

export const meta: MetaFunction = () => [{ title: "Mon espace | Baromètre Expérience Citoyen" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  const [tenants, staffRoles, joinable] = await Promise.all([listUserTenants(user.id), getStaffRoles(user.id), joinableTenants(user.id)]);
  const url = new URL(request.url);
  // One structure and nothing else to choose: go straight to it.
  if (tenants.length === 1 && staffRoles.length === 0 && joinable.length === 0 && user.emailVerified && !url.search) throw redirect(`/t/${tenants[0]!.slug}`);
  return {
    user: { name: user.name, email: user.email, emailVerified: user.emailVerified },
    tenants,
    joinable: joinable.map((t) => t.name),
    isStaff: staffRoles.length > 0,
    justVerified: url.searchParams.has("verifie"),
    passwordChanged: url.searchParams.has("mot-de-passe"),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireUser(request);
  await resendVerification(user.id);
  return { resent: true };
}

export default function MySpace() {
  const { user, tenants, joinable, isStaff, justVerified, passwordChanged } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="container stack">
      <div className="page-header">
        <h1>Mon espace</h1>
        <p className="lead">Bonjour {user.name ?? user.email}.</p>
      </div>
      {justVerified ? <Notice>Votre adresse e-mail est confirmée.</Notice> : null}
      {passwordChanged ? <Notice>Votre mot de passe est modifié ; vos autres sessions ont été fermées.</Notice> : null}
      {!user.emailVerified ? (
        <div className="alert alert-warning stack">
          <p>
            Confirmez votre adresse <strong>{user.email}</strong> avec le lien reçu par e-mail pour créer l'espace de votre structure.
          </p>
          {actionData?.resent ? <p role="status">Un nouveau lien vient d'être envoyé.</p> : null}
          <Form method="post">
            <button className="btn btn-secondary btn-small" type="submit">
              Renvoyer le lien de confirmation
            </button>
          </Form>
        </div>
      ) : null}
      <section className="stack" aria-labelledby="titre-structures">
        <h2 id="titre-structures">Mes structures</h2>
        {tenants.length === 0 ? (
          <p>Vous n'êtes membre d'aucune structure pour l'instant. Créez celle de votre collectivité, ou demandez une invitation à un collègue.</p>
        ) : (
          <ul className="grid" role="list">
            {tenants.map((tenant) => (
              <li key={tenant.slug} className="card">
                <h3>
                  <Link to={`/t/${tenant.slug}`}>{tenant.name}</Link>
                </h3>
                <p className="muted">Votre rôle : {memberRoleLabels[tenant.role]}</p>
              </li>
            ))}
          </ul>
        )}
        {joinable.length > 0 ? (
          <p>
            Votre SIRET ProConnect est celui de {joinable.join(", ")} :{" "}
            <Link to="/compte/rejoindre">demander à rejoindre {joinable.length > 1 ? "ces structures" : "cette structure"}</Link>.
          </p>
        ) : null}
        {user.emailVerified ? (
          <p>
            <Link className="btn" to="/structures/nouvelle">
              Créer l'espace d'une structure
            </Link>
          </p>
        ) : null}
      </section>
      {isStaff ? (
        <p>
          <Link to="/admin">Aller au back-office AFNOR</Link>
        </p>
      ) : null}
    </div>
  );
}
