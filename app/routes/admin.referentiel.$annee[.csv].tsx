import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/modules/auth/guards.server";
import { exportReferentialCsv } from "~/modules/referential/referential.server";
import { csvResponse } from "~/utils/csv";

/** An edition's referential in the import format, so AFNOR can edit it in a spreadsheet and import it again. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request, ["admin", "sales", "auditor"]);
  const year = params.annee ?? "";
  const file = /^\d{4}$/.test(year) ? await exportReferentialCsv(Number(year)) : null;
  if (!file) throw new Response("Référentiel introuvable", { status: 404 });
  return csvResponse(file.filename, file.body);
}
