import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/modules/auth/guards.server";
import { editionsCsv } from "~/modules/editions/editions-csv.server";
import { csvResponse, toCsv } from "~/utils/csv";

/** The editions list, for French Excel. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, ["admin", "sales"]);
  const file = await editionsCsv();
  return csvResponse(file.filename, toCsv(file.header, file.rows));
}
