import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser } from "~/modules/auth/guards.server";
import { endImpersonation } from "~/modules/auth/impersonation.server";

export async function loader() {
  return redirect("/mon-espace");
}

/** Ends the "voir comme" consultation of the signed-in admin and goes back to the structure's page. */
export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request);
  const { slug } = await endImpersonation(request);
  return redirect(slug ? `/admin/structures/${encodeURIComponent(slug)}` : "/admin");
}
