import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "~/utils/zod";
import { facturXResponse, tenantFacturX } from "~/modules/billing/factur-x-invoices.server";
import { requireMembership } from "~/modules/tenancy/guard.server";

const idSchema = z.uuid();

/** One of the structure's invoices as Factur-X (PDF/A-3 with its EN 16931 XML), ready for Chorus Pro. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMembership(request, params.tenant, "billing.read");
  const id = idSchema.safeParse(params.id);
  const facturX = id.success ? await tenantFacturX(ctx, id.data) : null;
  if (!facturX) throw new Response("Facture introuvable", { status: 404 });
  return facturXResponse(facturX);
}
