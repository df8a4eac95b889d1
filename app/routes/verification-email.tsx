import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Notice } from "~/components/ui/field";
import { verifyEmail } from "~/modules/auth/accounts.server";
import { startSessionResponse } from "~/modules/auth/guards.server";

export const meta: MetaFunction = () => [{ title: "Vérification de l'adresse e-mail | Baromètre Expérience Citoyen" }];

/** Confirms the address and opens a session; the token is single-use and cleared from the URL by the redirect. */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const outcome = await verifyEmail(token);
  if (outcome.ok) return startSessionResponse(request, outcome.token, "/mon-espace?verifie=1");
  return { error: outcome.formError };
}

export default function VerifyEmail() {
  const { error } = useLoaderData<typeof loader>();
  return (
    <div className="container stack">
      <h1>Vérification de l'adresse e-mail</h1>
      <Notice tone="error">{error}</Notice>
      <p>
        Connectez-vous pour recevoir un nouveau lien : <Link to="/connexion">se connecter</Link>.
      </p>
    </div>
  );
}
