import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/modules/auth/guards.server";
import { periodFacturXZip } from "~/modules/billing/factur-x-invoices.server";
import { currentMonth, invoicePeriodSchema } from "~/modules/billing/period-schema";
import { attachmentResponse } from "~/utils/download";

/** The period's invoices as a ZIP of Factur-X files (+ index.csv), for a batch deposit on Chorus Pro. Audited. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, ["admin", "sales"]);
  const parsed = invoicePeriodSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new Response(parsed.error.issues.map((issue) => issue.message).join(" "), { status: 400 });
  const month = currentMonth();
  const { zip, filename } = await periodFacturXZip({ from: parsed.data.du ?? month.from, to: parsed.data.au ?? month.to }, user.id);
  return attachmentResponse(zip, filename, "application/zip");
}
