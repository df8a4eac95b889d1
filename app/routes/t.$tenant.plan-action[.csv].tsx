import type { LoaderFunctionArgs } from "@remix-run/node";
import { planCsv, printablePlan } from "~/modules/action-plan/plan-export.server";
import { requireMembership } from "~/modules/tenancy/guard.server";
import { csvResponse } from "~/utils/csv";

/** The whole action plan, for French Excel: any member may take it to a meeting. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMembership(request, params.tenant, "results.read");
  const plan = await printablePlan(ctx);
  return csvResponse(`plan-action-${ctx.tenant.slug}.csv`, planCsv(plan.rows));
}
