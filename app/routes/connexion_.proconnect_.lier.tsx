import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Notice } from "~/components/ui/field";
import { startSessionResponse } from "~/modules/auth/guards.server";
import { peekToken } from "~/modules/auth/one-time-tokens.server";
import { failureMessages } from "~/modules/auth/proconnect-client.server";
import { proconnectLinkSchema } from "~/modules/auth/proconnect-schemas";
import { confirmProConnectLink } from "~/modules/auth/proconnect.server";

export const meta: MetaFunction = () => [{ title: "Associer ProConnect à votre compte | Baromètre Expérience Citoyen" }];

const expiredMessage = "Ce lien n'est plus valable (déjà utilisé ou expiré). Reconnectez-vous avec ProConnect pour en recevoir un nouveau.";

/* The link only shows a button: mail scanners that follow links must not use the token up. */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return { token, valid: Boolean(await peekToken("proconnect_link", token)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = proconnectLinkSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { error: expiredMessage };
  const outcome = await confirmProConnectLink(parsed.data.token);
  if (!outcome.ok) return { error: outcome.reason === "state" ? expiredMessage : failureMessages[outcome.reason] };
  if (outcome.kind !== "signed-in") return { error: expiredMessage };
  return startSessionResponse(request, outcome.token, outcome.redirectTo);
}

export default function ProConnectLink() {
  const { token, valid } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="container stack">
      <h1>Associer ProConnect à votre compte</h1>
      {actionData?.error ? <Notice tone="error">{actionData.error}</Notice> : null}
      {valid ? (
        <Form method="post" className="stack">
          <p>
            Confirmez que vous voulez vous connecter à votre compte avec ProConnect. Vous pourrez ensuite utiliser le bouton « S'identifier avec
            ProConnect » sans mot de passe.
          </p>
          <input type="hidden" name="token" value={token} />
          <div className="cluster">
            <button className="btn" type="submit">
              Associer ProConnect et me connecter
            </button>
          </div>
        </Form>
      ) : (
        <>
          {actionData?.error ? null : <Notice tone="error">{expiredMessage}</Notice>}
          <p>
            <Link to="/connexion">Revenir à la page de connexion</Link>
          </p>
        </>
      )}
    </div>
  );
}
