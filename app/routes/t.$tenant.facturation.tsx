import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Notice } from "~/components/ui/field";
import { listTenantBilling } from "~/modules/billing/billing.server";
import { requireMembership } from "~/modules/tenancy/guard.server";
import { formatDate, formatEuros } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Facturation | Baromètre Expérience Citoyen" }];

const invoiceStatus = { draft: "Brouillon", open: "À payer", paid: "Payée", void: "Annulée" } as const;
const paymentStatus = { pending: "En attente", paid: "Payé", expired: "Expiré", refunded: "Remboursé", void: "Annulé" } as const;
const methodLabel = { card: "Carte bancaire", invoice: "Facture (mandat administratif)" } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMembership(request, params.tenant, "billing.read");
  const billing = await listTenantBilling(ctx);
  return {
    issued: new URL(request.url).searchParams.get("facture") === "emise",
    invoices: billing.invoices.map((i) => ({
      id: i.id,
      number: i.number ?? "(en préparation)",
      // Only a finalised invoice (numbered) has its Factur-X.
      facturXUrl: i.number ? `/t/${ctx.tenant.slug}/facturation/${i.id}/factur-x.pdf` : null,
      status: invoiceStatus[i.status],
      ht: formatEuros(i.totalHtCents),
      ttc: formatEuros(i.totalTtcCents),
      due: i.dueAt ? formatDate(i.dueAt) : "—",
      hostedUrl: i.hostedUrl,
      pdfUrl: i.pdfUrl,
      references: i.references,
    })),
    payments: billing.payments.map((p) => ({
      id: p.id,
      method: methodLabel[p.method],
      status: paymentStatus[p.status],
      amount: formatEuros(p.amountCents),
      refunded: p.refundedCents > 0 ? formatEuros(p.refundedCents) : null,
      date: formatDate(p.paidAt ?? p.createdAt),
    })),
  };
}

export default function Billing() {
  const data = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>Facturation</h1>
      {data.issued ? <Notice>La facture est émise et envoyée au contact facturation. Elle est payable sous 30 jours par mandat administratif.</Notice> : null}
      <p className="muted">
        La facture Factur-X est un PDF lisible qui contient aussi les données de la facture (format EN 16931) : votre service comptable peut la déposer
        telle quelle sur Chorus Pro.
      </p>
      <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-factures">
        <table className="table">
          <caption id="legende-factures">Factures ({data.invoices.length})</caption>
          <thead>
            <tr>
              <th scope="col">Numéro</th>
              <th scope="col">Statut</th>
              <th scope="col" className="numeric">Montant HT</th>
              <th scope="col" className="numeric">Montant TTC</th>
              <th scope="col">Échéance</th>
              <th scope="col">Références</th>
              <th scope="col">Documents</th>
            </tr>
          </thead>
          <tbody>
            {data.invoices.length === 0 ? (
              <tr>
                <td colSpan={7}>Aucune facture pour le moment.</td>
              </tr>
            ) : (
              data.invoices.map((i) => (
                <tr key={i.id}>
                  <td>{i.number}</td>
                  <td>{i.status}</td>
                  <td className="numeric">{i.ht}</td>
                  <td className="numeric">{i.ttc}</td>
                  <td>{i.due}</td>
                  <td>
                    {i.references.map((r) => (
                      <div key={r.label}>
                        {r.label} : {r.value}
                      </div>
                    ))}
                  </td>
                  <td>
                    {i.hostedUrl ? <a href={i.hostedUrl}>Voir la facture<span className="visually-hidden"> {i.number}</span></a> : null}
                    {i.pdfUrl ? (
                      <>
                        {" · "}
                        <a href={i.pdfUrl}>PDF<span className="visually-hidden"> de la facture {i.number}</span></a>
                      </>
                    ) : null}
                    {i.facturXUrl ? (
                      <div>
                        <a href={i.facturXUrl} download>
                          Télécharger la facture Factur-X (PDF)<span className="visually-hidden"> {i.number}</span>
                        </a>
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-paiements">
        <table className="table">
          <caption id="legende-paiements">Paiements ({data.payments.length})</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Moyen</th>
              <th scope="col">Statut</th>
              <th scope="col" className="numeric">Montant TTC</th>
            </tr>
          </thead>
          <tbody>
            {data.payments.length === 0 ? (
              <tr>
                <td colSpan={4}>Aucun paiement pour le moment.</td>
              </tr>
            ) : (
              data.payments.map((p) => (
                <tr key={p.id}>
                  <td>{p.date}</td>
                  <td>{p.method}</td>
                  <td>
                    {p.status}
                    {p.refunded ? ` (remboursé : ${p.refunded})` : ""}
                  </td>
                  <td className="numeric">{p.amount}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
