import type { ActionFunctionArgs, LinksFunction, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { ProConnectFailure } from "~/components/proconnect-failure";
import proconnectStyles from "~/styles/proconnect.css?url";
import { requireAnonymous } from "~/modules/auth/guards.server";
import { serializeFlowCookie } from "~/modules/auth/proconnect-client.server";
import { failureMessages, failureStatus } from "~/modules/auth/proconnect-messages";
import { proconnectStartSchema } from "~/modules/auth/proconnect-schemas";
import { startProConnectLogin } from "~/modules/auth/proconnect.server";

export const meta: MetaFunction = () => [{ title: "Connexion avec ProConnect | Baromètre Expérience Citoyen" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: proconnectStyles }];

export async function loader() {
  return redirect("/connexion");
}

/** The button: records the round trip, binds it to this browser, then off to ProConnect. */
export async function action({ request }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const form = proconnectStartSchema.parse(Object.fromEntries(await request.formData()));
  const started = await startProConnectLogin(form);
  if (!started.ok) return data({ error: failureMessages[started.reason], reason: started.reason }, { status: failureStatus[started.reason] });
  return redirect(started.url, { headers: { "Set-Cookie": serializeFlowCookie(started.state) } });
}

export default function ProConnectStart() {
  const actionData = useActionData<typeof action>();
  return <ProConnectFailure message={actionData?.error ?? failureMessages.state} />;
}
