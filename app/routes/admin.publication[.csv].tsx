import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/modules/auth/guards.server";
import { publicationCsv } from "~/modules/results/publication-csv.server";
import { csvResponse, toCsv } from "~/utils/csv";

/** The publication overview per edition, for French Excel. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, ["admin", "sales"]);
  const file = await publicationCsv();
  return csvResponse(file.filename, toCsv(file.header, file.rows));
}
