import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/modules/auth/guards.server";

export const meta: MetaFunction = () => [{ title: "Mon compte | Baromètre Expérience Citoyen" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  return { user: { name: user.name, email: user.email, emailVerified: user.emailVerified } };
}

export default function Account() {
  const { user } = useLoaderData<typeof loader>();
  return (
    <div className="container stack">
      <h1>Mon compte</h1>
      <dl className="definition-list">
        <div>
          <dt>Nom</dt>
          <dd>{user.name ?? "—"}</dd>
        </div>
        <div>
          <dt>Adresse e-mail</dt>
          <dd>
            {user.email} {user.emailVerified ? <span className="badge badge-success">confirmée</span> : <span className="badge badge-warning">à confirmer</span>}
          </dd>
        </div>
      </dl>
      <ul>
        <li>
          <Link to="/compte/sessions">Mes sessions ouvertes</Link>
        </li>
        <li>
          <Link to="/mot-de-passe-oublie">Changer de mot de passe</Link>
        </li>
      </ul>
    </div>
  );
}
