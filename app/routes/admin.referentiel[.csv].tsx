import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/modules/auth/guards.server";
import { referentialsCsv } from "~/modules/referential/referentials-csv.server";
import { csvResponse, toCsv } from "~/utils/csv";

/** The referentials list, for French Excel. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, ["admin", "sales", "auditor"]);
  const file = await referentialsCsv();
  return csvResponse(file.filename, toCsv(file.header, file.rows));
}
