import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Notice } from "~/components/ui/field";
import { requireStaff } from "~/modules/auth/guards.server";
import { invoiceStatusLabels, listPeriodInvoices } from "~/modules/billing/factur-x-invoices.server";
import { currentMonth, invoicePeriodSchema } from "~/modules/billing/period-schema";
import { formatDate, formatEuros } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Factures | Back-office | Baromètre Expérience Citoyen" }];


/** A reference the buyer's structure may require on Chorus Pro: "exigé / fourni". */
function requirement(ref: { required: boolean; value: string | null }) {
  return { required: ref.required, value: ref.value, missing: ref.required && !ref.value };
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, ["admin", "sales"]);
  const month = currentMonth();
  const parsed = invoicePeriodSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    return { period: month, errors: parsed.error.issues.map((issue) => issue.message), label: null, rows: [] };
  }
  const period = { from: parsed.data.du ?? month.from, to: parsed.data.au ?? month.to };
  const rows = await listPeriodInvoices(period);
  return {
    period,
    errors: [] as string[],
    label: `du ${formatDate(`${period.from}T12:00:00Z`)} au ${formatDate(`${period.to}T12:00:00Z`)}`,
    rows: rows.map((r) => ({
      id: r.id,
      number: r.number,
      tenantName: r.tenantName,
      subject: r.subject,
      issued: formatDate(r.issuedAt),
      ttc: formatEuros(r.totalTtcCents),
      status: r.status === "void" ? `${invoiceStatusLabels.void} (non incluse dans l’export)` : invoiceStatusLabels[r.status],
      serviceCode: requirement(r.serviceCode),
      engagement: requirement(r.engagement),
    })),
  };
}

function Requirement({ what, value }: { what: string; value: { required: boolean; value: string | null; missing: boolean } }) {
  if (value.missing) {
    return (
      <strong className="badge badge-error">
        Exigé, manquant<span className="visually-hidden"> : {what} à obtenir avant le dépôt sur Chorus Pro</span>
      </strong>
    );
  }
  return (
    <>
      {value.required ? "Exigé" : "Non exigé"}
      {" · "}
      {value.value ? `fourni : ${value.value}` : "non fourni"}
    </>
  );
}

export default function AdminInvoices() {
  const { period, errors, label, rows } = useLoaderData<typeof loader>();
  const query = new URLSearchParams({ du: period.from, au: period.to });
  const missing = rows.filter((r) => r.serviceCode.missing || r.engagement.missing).length;
  return (
    <div className="stack">
      <h1>Factures</h1>
      <p>
        Les factures émises sur une période, au format Factur-X (PDF/A-3 avec les données EN 16931) : à déposer sur Chorus Pro une par une, ou par lot avec
        l’export ZIP.
      </p>
      <Form method="get" className="cluster" role="search" aria-label="Choisir la période">
        <div className="field">
          <label htmlFor="du">Du</label>
          <input id="du" name="du" type="date" defaultValue={period.from} />
        </div>
        <div className="field">
          <label htmlFor="au">Au</label>
          <input id="au" name="au" type="date" defaultValue={period.to} />
        </div>
        <button className="btn btn-secondary" type="submit">
          Afficher
        </button>
      </Form>
      {errors.length > 0 ? (
        <Notice tone="error">
          {errors.map((error) => (
            <span key={error}>{error} </span>
          ))}
        </Notice>
      ) : (
        <>
          {missing > 0 ? (
            <Notice tone="warning">
              {missing === 1 ? "1 facture" : `${missing} factures`} sans le code service ou le numéro d’engagement que la structure exige : Chorus Pro la refusera.
              Obtenez la référence auprès de l’acheteur avant le dépôt.
            </Notice>
          ) : null}
          <p>
            <a className="btn" href={`/admin/factures.zip?${query}`} download>
              Exporter la période (ZIP Factur-X)
            </a>
          </p>
          <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-factures">
            <table className="table">
              <caption id="legende-factures">
                Factures émises {label} ({rows.length})
              </caption>
              <thead>
                <tr>
                  <th scope="col">Numéro</th>
                  <th scope="col">Structure</th>
                  <th scope="col">Objet</th>
                  <th scope="col">Émise le</th>
                  <th scope="col" className="numeric">
                    Montant TTC
                  </th>
                  <th scope="col">Statut</th>
                  <th scope="col">Code service</th>
                  <th scope="col">N° d’engagement</th>
                  <th scope="col">Factur-X</th>
                </tr>
              </thead>
              <tbody>
                {rows.length === 0 ? (
                  <tr>
                    <td colSpan={9}>Aucune facture émise sur cette période.</td>
                  </tr>
                ) : (
                  rows.map((r) => (
                    <tr key={r.id}>
                      <th scope="row">{r.number}</th>
                      <td>{r.tenantName}</td>
                      <td>{r.subject}</td>
                      <td>{r.issued}</td>
                      <td className="numeric">{r.ttc}</td>
                      <td>{r.status}</td>
                      <td>
                        <Requirement what="code service" value={r.serviceCode} />
                      </td>
                      <td>
                        <Requirement what="numéro d’engagement" value={r.engagement} />
                      </td>
                      <td>
                        <a href={`/admin/factures/${r.id}/factur-x.pdf`} download>
                          PDF<span className="visually-hidden"> Factur-X de la facture {r.number}</span>
                        </a>
                      </td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
