import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "~/utils/zod";
import { requireStaff } from "~/modules/auth/guards.server";
import { startImpersonation } from "~/modules/auth/impersonation.server";

const slugSchema = z.string().trim().min(1).max(100);

/** Nothing to show: the button lives on the structure's page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request, ["admin"]);
  const slug = slugSchema.safeParse(params.slug);
  if (!slug.success) throw new Response("Structure introuvable", { status: 404 });
  return redirect(`/admin/structures/${encodeURIComponent(slug.data)}`);
}

/** "Voir comme cette structure": an admin opens its space read-only for a limited time. */
export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, ["admin"]);
  const slug = slugSchema.safeParse(params.slug);
  if (!slug.success) throw new Response("Structure introuvable", { status: 404 });
  const outcome = await startImpersonation(staff, slug.data);
  if (!outcome.ok) throw new Response(outcome.message, { status: outcome.status });
  return redirect(`/t/${encodeURIComponent(outcome.slug)}`);
}
