import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/modules/auth/guards.server";
import { structuresCsv } from "~/modules/tenancy/directory-csv.server";
import { parseDirectoryFilters } from "~/modules/tenancy/directory-filters";
import { csvResponse, toCsv } from "~/utils/csv";

/** The structures directory with the page's filters (search, département, category), for French Excel. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, ["admin", "sales"]);
  const { filters } = parseDirectoryFilters(new URL(request.url).searchParams);
  const file = await structuresCsv(filters);
  return csvResponse(file.filename, toCsv(file.header, file.rows));
}
