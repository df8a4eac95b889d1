import type { LoaderFunctionArgs } from "@remix-run/node";
import { printablePlan } from "~/modules/action-plan/plan-export.server";
import { recommendationFor } from "~/modules/offers/offers.server";
import { renderResultsReport } from "~/modules/results/report-pdf.server";
import { tenantResults } from "~/modules/results/results.server";
import { barometerCategoryLabels, isBarometerCategory } from "~/modules/tenancy/categories";
import { requireMembership } from "~/modules/tenancy/guard.server";
import { attachmentResponse } from "~/utils/download";

/** The personalised results report as a PDF a mayor can read, with its next step and action plan. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMembership(request, params.tenant, "results.read");
  const results = await tenantResults(ctx);
  if (!results) throw new Response("Aucun résultat publié", { status: 404 });
  const [plan, recommendation] = await Promise.all([printablePlan(ctx), recommendationFor(ctx, results)]);
  const pdf = await renderResultsReport({
    tenantName: ctx.tenant.name,
    categoryLabel: isBarometerCategory(results.category) ? barometerCategoryLabels[results.category] : results.category,
    results,
    plan,
    recommendation,
  });
  return attachmentResponse(pdf, `rapport-barometre-${results.year}-${ctx.tenant.slug}.pdf`, "application/pdf");
}
