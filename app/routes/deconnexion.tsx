import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { logout } from "~/modules/auth/guards.server";
import { endImpersonation } from "~/modules/auth/impersonation.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  // A "voir comme" consultation ends with the session: its end is logged first.
  await endImpersonation(request);
  return logout(request);
}
