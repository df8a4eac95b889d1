import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { ProConnectFailure } from "~/components/proconnect-failure";
import { flowCookieAfter } from "~/modules/auth/proconnect-client.server";
import { completeProConnectLogout } from "~/modules/auth/proconnect.server";

export const meta: MetaFunction = () => [{ title: "Déconnexion | Baromètre Expérience Citoyen" }];

/** ProConnect's post-logout redirect: the `state` must be the one given to this browser. */
export async function loader({ request }: LoaderFunctionArgs) {
  const clearFlow = flowCookieAfter(request);
  const headers = new Headers({ "Cache-Control": "no-store" });
  if (clearFlow) headers.append("Set-Cookie", clearFlow);
  if (await completeProConnectLogout(request)) return redirect("/", { headers });
  return data({ unrecognised: true }, { status: 400, headers });
}

export default function ProConnectLogoutReturn() {
  return (
    <ProConnectFailure
      title="Déconnexion"
      message="Vous êtes bien déconnecté du portail, mais la réponse de ProConnect à la déconnexion n'est pas reconnue (lien expiré ou ouvert dans un autre navigateur). Pour fermer aussi votre session ProConnect, fermez votre navigateur."
    />
  );
}
