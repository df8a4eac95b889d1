import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Notice } from "~/components/ui/field";
import { findByUnsubscribeToken, unsubscribe } from "~/modules/practices/digest-subscriptions.server";

export const meta: MetaFunction = () => [{ title: "Se désabonner | Baromètre Expérience Citoyen" }];

/* GET only shows a button: mail scanners follow links, they must not unsubscribe anyone. */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("jeton") ?? "";
  return { token, subscription: await findByUnsubscribeToken(token) };
}

/**
 * The button's POST, and the RFC 8058 one-click POST a mail client sends to the List-Unsubscribe
 * URL (body `List-Unsubscribe=One-Click`, token in the query string, from another origin: this
 * path is exempt from the cross-site check).
 */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const fromForm = form.get("jeton");
  const token = typeof fromForm === "string" ? fromForm : (new URL(request.url).searchParams.get("jeton") ?? "");
  const done = await unsubscribe(token);
  // An unknown token is refused (400): a forged one-click POST gets no success answer.
  return done ? { done: true, error: null } : data({ done: false, error: "Ce lien de désabonnement n'est pas valable." }, { status: 400 });
}

export default function Unsubscribe() {
  const { token, subscription } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="container stack">
      <h1>Se désabonner</h1>
      {actionData?.done ? (
        <Notice>Vous êtes désabonné : vous ne recevrez plus la bonne pratique de la semaine.</Notice>
      ) : actionData?.error || !subscription ? (
        <Notice tone="error">Ce lien de désabonnement n'est pas valable.</Notice>
      ) : subscription.status === "unsubscribed" ? (
        <Notice tone="info">{`${subscription.email} n'est plus abonné à la bonne pratique de la semaine.`}</Notice>
      ) : (
        <Form method="post" className="stack">
          <p>{`Ne plus envoyer la bonne pratique de la semaine à ${subscription.email} ?`}</p>
          <input type="hidden" name="jeton" value={token} />
          <button className="btn" type="submit">
            Me désabonner
          </button>
        </Form>
      )}
      <p>
        <Link to="/bonnes-pratiques/abonnement">Se réabonner</Link>
      </p>
    </div>
  );
}
