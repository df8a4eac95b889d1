import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/modules/auth/guards.server";
import { listUnpaidInvoices } from "~/modules/billing/dunning.server";
import { csvAmount, csvResponse, toCsv } from "~/utils/csv";
import { formatShortDate } from "~/utils/format";

/** The unpaid follow-up list, for French Excel. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, ["admin", "sales"]);
  const rows = await listUnpaidInvoices();
  const body = toCsv(
    ["Structure", "Objet", "Facture", "Montant TTC (€)", "Échéance", "Jours de retard", "Contact de facturation", "Dernière relance"],
    rows.map((r) => [
      r.tenantName,
      r.subject,
      r.number,
      csvAmount(r.totalTtcCents),
      formatShortDate(r.dueAt),
      r.daysLate,
      r.billingContactEmail,
      r.lastReminderAt ? formatShortDate(r.lastReminderAt) : "",
    ]),
  );
  return csvResponse(`impayes-${new Date().toISOString().slice(0, 10)}.csv`, body);
}
