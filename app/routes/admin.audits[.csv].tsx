import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditsCsv } from "~/modules/audits/audits-csv.server";
import { requireStaff } from "~/modules/auth/guards.server";
import { csvResponse, toCsv } from "~/utils/csv";

/** The audits list with the page's filters (an auditor gets their own audits), for French Excel. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user, roles } = await requireStaff(request, ["admin", "auditor"]);
  const file = await auditsCsv({ userId: user.id, roles }, new URL(request.url).searchParams);
  return csvResponse(file.filename, toCsv(file.header, file.rows));
}
