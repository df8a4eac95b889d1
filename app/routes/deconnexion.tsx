import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getAuthenticated, logout } from "~/modules/auth/guards.server";
import { endImpersonation } from "~/modules/auth/impersonation.server";
import { serializeFlowCookie } from "~/modules/auth/proconnect-client.server";
import { proconnectLogoutUrl } from "~/modules/auth/proconnect.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  // A "voir comme" consultation ends with the session: its end is logged first.
  await endImpersonation(request);
  // A session opened with ProConnect also ends the ProConnect session (end_session, then back here).
  const auth = await getAuthenticated(request);
  const proconnect = auth ? await proconnectLogoutUrl(auth.session.id) : null;
  const response = await logout(request);
  if (!proconnect) return response;
  const headers = new Headers(response.headers);
  headers.set("Location", proconnect.url);
  headers.append("Set-Cookie", serializeFlowCookie(proconnect.state));
  return new Response(null, { status: 302, headers });
}
