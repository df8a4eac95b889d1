import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "~/utils/zod";
import { Notice } from "~/components/ui/field";
import { loginWithMagicLink } from "~/modules/auth/accounts.server";
import { startSessionResponse } from "~/modules/auth/guards.server";
import { peekToken } from "~/modules/auth/one-time-tokens.server";

export const meta: MetaFunction = () => [{ title: "Connexion par lien | Baromètre Expérience Citoyen" }];

/* The link only shows a button: mail scanners that follow links must not use the token up. */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return { token, valid: Boolean(await peekToken("magic_link", token)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = z.object({ token: z.string().max(100) }).safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { error: "Lien invalide." };
  const outcome = await loginWithMagicLink(parsed.data.token);
  if (!outcome.ok) return { error: outcome.formError };
  return startSessionResponse(request, outcome.token, "/mon-espace");
}

export default function MagicLink() {
  const { token, valid } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="container stack">
      <h1>Connexion par lien</h1>
      {actionData?.error ? <Notice tone="error">{actionData.error}</Notice> : null}
      {valid ? (
        <Form method="post" className="stack">
          <p>Confirmez la connexion à votre compte.</p>
          <input type="hidden" name="token" value={token} />
          <button className="btn" type="submit">
            Me connecter
          </button>
        </Form>
      ) : (
        <>
          <Notice tone="error">Ce lien de connexion n'est plus valable (déjà utilisé ou expiré).</Notice>
          <p>
            <Link to="/connexion">Demander un nouveau lien</Link>
          </p>
        </>
      )}
    </div>
  );
}
