import type { LoaderFunctionArgs } from "@remix-run/node";
import { printablePlan } from "~/modules/action-plan/plan-export.server";
import { renderResultsReport } from "~/modules/results/report-pdf.server";
import { tenantResults } from "~/modules/results/results.server";
import { barometerCategoryLabels, isBarometerCategory } from "~/modules/tenancy/categories";
import { requireMembership } from "~/modules/tenancy/guard.server";

/** The personalised results report as a PDF a mayor can read, with the structure's action plan. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMembership(request, params.tenant, "results.read");
  const results = await tenantResults(ctx);
  if (!results) throw new Response("Aucun résultat publié", { status: 404 });
  const pdf = await renderResultsReport({
    tenantName: ctx.tenant.name,
    categoryLabel: isBarometerCategory(results.category) ? barometerCategoryLabels[results.category] : results.category,
    results,
    plan: await printablePlan(ctx),
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="rapport-barometre-${results.year}-${ctx.tenant.slug}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
