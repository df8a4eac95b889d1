import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "~/utils/zod";
import { Notice } from "~/components/ui/field";
import { confirmSubscription, peekConfirmation } from "~/modules/practices/digest-subscriptions.server";

export const meta: MetaFunction = () => [{ title: "Confirmer l'abonnement | Baromètre Expérience Citoyen" }];

/* The link only shows a button: mail scanners that follow links must not confirm for the reader. */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("jeton") ?? "";
  return { token, valid: await peekConfirmation(token) };
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = z.object({ jeton: z.string().max(100) }).safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { error: "Lien invalide.", email: null, unsubscribeUrl: null };
  const outcome = await confirmSubscription(parsed.data.jeton);
  return outcome.ok ? { error: null, email: outcome.email, unsubscribeUrl: outcome.unsubscribeUrl } : { error: outcome.formError, email: null, unsubscribeUrl: null };
}

export default function ConfirmDigestSubscription() {
  const { token, valid } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="container stack">
      <h1>Confirmer l'abonnement</h1>
      {actionData?.email ? (
        <>
          <Notice>{`Abonnement confirmé : ${actionData.email} recevra la bonne pratique de la semaine chaque lundi.`}</Notice>
          {/* The reader just proved the address: the same link as in every e-mail. */}
          <p>
            Chaque e-mail contient un lien de désabonnement ; vous pouvez aussi <a href={actionData.unsubscribeUrl ?? undefined}>vous désabonner dès maintenant</a>.
          </p>
        </>
      ) : actionData?.error ? (
        <Notice tone="error">{actionData.error}</Notice>
      ) : valid ? (
        <Form method="post" className="stack">
          <p>Confirmez que vous souhaitez recevoir chaque lundi la bonne pratique de la semaine.</p>
          <input type="hidden" name="jeton" value={token} />
          <button className="btn" type="submit">
            Confirmer mon abonnement
          </button>
        </Form>
      ) : (
        <Notice tone="error">Ce lien de confirmation n'est plus valable (déjà utilisé ou expiré).</Notice>
      )}
      <p>
        <Link to="/bonnes-pratiques">Voir les bonnes pratiques</Link>
      </p>
    </div>
  );
}
