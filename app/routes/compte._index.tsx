import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Notice } from "~/components/ui/field";
import { requireUser } from "~/modules/auth/guards.server";
import { memberReceivesDigest, setMemberDigest } from "~/modules/practices/digest-subscriptions.server";

export const meta: MetaFunction = () => [{ title: "Mon compte | Baromètre Expérience Citoyen" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  return { user: { name: user.name, email: user.email, emailVerified: user.emailVerified }, digest: await memberReceivesDigest(user) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireUser(request);
  const form = await request.formData();
  if (form.get("intent") !== "digest") throw new Response("Action inconnue.", { status: 400 });
  const receive = form.get("digest") === "on";
  const outcome = await setMemberDigest(user, receive);
  return outcome.ok ? { message: receive ? "Abonnement enregistré : vous recevrez la bonne pratique chaque lundi." : "Désabonnement enregistré.", error: null } : { message: null, error: outcome.formError };
}

export default function Account() {
  const { user, digest } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
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
      <Form method="post" className="card stack">
        <fieldset className="stack">
          <legend>E-mails</legend>
          {actionData?.message ? <Notice>{actionData.message}</Notice> : null}
          {actionData?.error ? <Notice tone="error">{actionData.error}</Notice> : null}
          <div>
            <input type="checkbox" id="digest" name="digest" defaultChecked={digest} key={String(digest)} />{" "}
            <label htmlFor="digest">Recevoir la bonne pratique de la semaine</label>
          </div>
        </fieldset>
        <div>
          <button className="btn" type="submit" name="intent" value="digest">
            Enregistrer
          </button>
        </div>
      </Form>
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
