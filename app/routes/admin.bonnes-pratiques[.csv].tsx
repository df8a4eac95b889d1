import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/modules/auth/guards.server";
import { practicesCsv } from "~/modules/practices/practices-csv.server";
import { csvResponse, toCsv } from "~/utils/csv";

/** The practices list, for French Excel. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, ["admin"]);
  const file = await practicesCsv();
  return csvResponse(file.filename, toCsv(file.header, file.rows));
}
