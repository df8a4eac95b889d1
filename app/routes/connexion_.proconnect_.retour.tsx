import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ProConnectFailure } from "~/components/proconnect-failure";
import proconnectStyles from "~/styles/proconnect.css?url";
import { startSessionResponse } from "~/modules/auth/guards.server";
import { failureMessages, failureStatus, flowCookieAfter } from "~/modules/auth/proconnect-client.server";
import { completeProConnectLogin } from "~/modules/auth/proconnect.server";

export const meta: MetaFunction = () => [{ title: "Connexion avec ProConnect | Baromètre Expérience Citoyen" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: proconnectStyles }];

/** ProConnect sends the browser back here (the registered redirect URI). */
export async function loader({ request }: LoaderFunctionArgs) {
  const clearFlow = flowCookieAfter(request);
  const outcome = await completeProConnectLogin(request);
  const headers = new Headers({ "Cache-Control": "no-store" });
  if (clearFlow) headers.append("Set-Cookie", clearFlow);
  if (!outcome.ok) return data({ message: failureMessages[outcome.reason], mfaRetry: outcome.reason === "mfa" }, { status: failureStatus[outcome.reason], headers });
  if (outcome.kind === "link-sent") return redirect("/connexion/proconnect/verification", { headers });
  const response = await startSessionResponse(request, outcome.token, outcome.redirectTo);
  if (clearFlow) response.headers.append("Set-Cookie", clearFlow);
  return response;
}

export default function ProConnectCallback() {
  const { message, mfaRetry } = useLoaderData<typeof loader>();
  return <ProConnectFailure message={message} mfaRetry={mfaRetry} />;
}
