import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "~/utils/zod";
import { Notice } from "~/components/ui/field";
import { requireStaff } from "~/modules/auth/guards.server";
import { DUE_SOON_DAYS, listUnpaidInvoices, sendInvoiceReminder } from "~/modules/billing/dunning.server";
import { formatDate, formatDateTime, formatEuros } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Impayés | Back-office | Baromètre Expérience Citoyen" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, ["admin", "sales"]);
  const rows = await listUnpaidInvoices();
  return {
    dueSoonDays: DUE_SOON_DAYS,
    rows: rows.map((r) => ({
      id: r.id,
      number: r.number ?? "—",
      tenantName: r.tenantName,
      subject: r.subject,
      billingContactEmail: r.billingContactEmail,
      ttc: formatEuros(r.totalTtcCents),
      dueDate: formatDate(r.dueAt),
      late: r.daysLate > 0 ? `${r.daysLate} jour${r.daysLate > 1 ? "s" : ""}` : r.daysLate === 0 ? "Échéance aujourd'hui" : `Dans ${-r.daysLate} jour${r.daysLate < -1 ? "s" : ""}`,
      overdue: r.daysLate > 0,
      lastReminder: r.lastReminderAt ? formatDateTime(r.lastReminderAt) : "Aucune",
    })),
  };
}

const reminderSchema = z.object({ invoiceId: z.uuid("Facture inconnue.") });

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireStaff(request, ["admin", "sales"]);
  const parsed = reminderSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Facture introuvable", { status: 404 });
  const result = await sendInvoiceReminder(user.id, parsed.data.invoiceId);
  if (!result) throw new Response("Facture introuvable", { status: 404 });
  return result;
}

export default function AdminUnpaid() {
  const { rows, dueSoonDays } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <div className="stack">
      <h1>Impayés</h1>
      <p>
        Factures ouvertes échues ou arrivant à échéance dans les {dueSoonDays} jours. Une relance envoie à nouveau la facture au contact de facturation, une fois par jour au plus.
      </p>
      {result ? <Notice tone={result.ok ? "success" : "warning"}>{result.message}</Notice> : null}
      <p>
        <a className="btn btn-tertiary" href="/admin/impayes.csv">
          Exporter en CSV
        </a>
      </p>
      {rows.length === 0 ? (
        <p>Aucune facture échue ni à échéance proche.</p>
      ) : (
        <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-impayes">
          <table className="table">
            <caption id="legende-impayes">Factures à suivre ({rows.length})</caption>
            <thead>
              <tr>
                <th scope="col">Structure</th>
                <th scope="col">Objet</th>
                <th scope="col">Facture</th>
                <th scope="col" className="numeric">Montant TTC</th>
                <th scope="col">Échéance</th>
                <th scope="col">Retard</th>
                <th scope="col">Contact de facturation</th>
                <th scope="col">Dernière relance</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.tenantName}</th>
                  <td>{r.subject}</td>
                  <td>{r.number}</td>
                  <td className="numeric">{r.ttc}</td>
                  <td>{r.dueDate}</td>
                  <td>{r.overdue ? <strong>{r.late}</strong> : r.late}</td>
                  <td>{r.billingContactEmail}</td>
                  <td>{r.lastReminder}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="invoiceId" value={r.id} />
                      <button className="btn btn-secondary btn-small" type="submit" disabled={navigation.state === "submitting"}>
                        Relancer<span className="visually-hidden"> la facture {r.number} de {r.tenantName}</span>
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
