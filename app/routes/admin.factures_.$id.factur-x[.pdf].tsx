import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "~/utils/zod";
import { requireStaff } from "~/modules/auth/guards.server";
import { facturXResponse, staffFacturX } from "~/modules/billing/factur-x-invoices.server";

const idSchema = z.uuid();

/** One invoice as Factur-X, for AFNOR sales (e.g. a single deposit on Chorus Pro). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request, ["admin", "sales"]);
  const id = idSchema.safeParse(params.id);
  const facturX = id.success ? await staffFacturX(id.data) : null;
  if (!facturX) throw new Response("Facture introuvable", { status: 404 });
  return facturXResponse(facturX);
}
