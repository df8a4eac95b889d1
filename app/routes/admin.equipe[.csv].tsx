import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/modules/auth/guards.server";
import { staffCsv } from "~/modules/auth/staff-csv.server";
import { csvResponse, toCsv } from "~/utils/csv";

/** The AFNOR team and their roles, for French Excel. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, ["admin"]);
  const file = await staffCsv();
  return csvResponse(file.filename, toCsv(file.header, file.rows));
}
