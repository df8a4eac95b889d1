import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { BarChart } from "~/components/bar-chart";
import { Notice } from "~/components/ui/field";
import { requireStaff } from "~/modules/auth/guards.server";
import { dashboardQuery, formatPercent, formatVariation } from "~/modules/sales/dashboard";
import { salesDashboard } from "~/modules/sales/dashboard.server";
import { formatDate, formatEuros, formatNumber } from "~/utils/format";

export const meta: MetaFunction = () => [
  {
    title: "Tableau de bord commercial | Back-office | Baromètre Expérience Citoyen",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, ["admin", "sales"]);
  const query = dashboardQuery(new URL(request.url).searchParams);
  const dashboard = await salesDashboard(query.year);
  const notice = query.error
    ? query.error
    : dashboard?.unknownYear
      ? `Aucune édition ${dashboard.unknownYear} : voici l'édition ${dashboard.edition.year}.`
      : null;
  return { dashboard, notice };
}

const euros = (cents: number) => formatEuros(cents);
const count = (value: number) => formatNumber(value);

export default function SalesDashboardPage() {
  const { dashboard: d, notice } = useLoaderData<typeof loader>();
  if (!d) {
    return (
      <div className="stack">
        <h1>Tableau de bord commercial</h1>
        <p>Aucune édition n'existe encore : créez-en une pour suivre ses ventes.</p>
      </div>
    );
  }
  const year = d.edition.year;
  const asOf = formatDate(d.period.asOf);
  const revenueRows = [
    {
      key: "engage",
      label: "Montant des inscriptions (hors annulations)",
      amounts: d.booked,
    },
    {
      key: "facture",
      label: "Facturé (factures émises, ouvertes ou payées)",
      amounts: d.revenue.invoiced,
    },
    {
      key: "encaisse",
      label: "Encaissé (factures payées et paiements par carte)",
      amounts: d.revenue.paid,
    },
    {
      key: "reste",
      label: "Reste à encaisser (factures ouvertes)",
      amounts: d.revenue.outstanding,
    },
  ];
  return (
    <div className="stack-lg">
      <div className="stack">
        <h1>Tableau de bord commercial — édition {year}</h1>
        {notice ? <Notice tone="warning">{notice}</Notice> : null}
        <Form method="get" className="cluster">
          <div className="field">
            <label htmlFor="annee">Édition</label>
            <select id="annee" name="annee" defaultValue={year}>
              {d.years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
          <button className="btn btn-secondary" type="submit">
            Afficher
          </button>
          <a className="btn btn-tertiary" href={`/admin/tableau-de-bord.csv?annee=${year}`}>
            Exporter en CSV
          </a>
        </Form>
        <p>
          Période commerciale : du {formatDate(d.period.from)} {d.period.to ? `au ${formatDate(d.period.to)}` : "à aujourd'hui"} (ouverture des inscriptions de
          l'édition jusqu'à celle de la suivante). Chiffres au {asOf}.
        </p>
      </div>

      <section className="stack" aria-labelledby="chiffres-cles">
        <h2 id="chiffres-cles">Chiffres clés</h2>
        <ul className="grid">
          <li className="card kpi">
            <span className="kpi-value">{count(d.booked.count)}</span> <span className="kpi-label">inscriptions (hors annulations)</span>
          </li>
          <li className="card kpi">
            <span className="kpi-value">{count(d.paidEnrolments)}</span> <span className="kpi-label">inscriptions payées</span>
          </li>
          <li className="card kpi">
            <span className="kpi-value">{euros(d.revenue.invoiced.htCents)}</span> <span className="kpi-label">facturés HT</span>
          </li>
          <li className="card kpi">
            <span className="kpi-value">{euros(d.revenue.paid.htCents)}</span> <span className="kpi-label">encaissés HT</span>
          </li>
          <li className="card kpi">
            <span className="kpi-value">{euros(d.revenue.outstanding.ttcCents)}</span> <span className="kpi-label">restant à encaisser TTC</span>
          </li>
        </ul>
      </section>

      <section className="stack" aria-labelledby="comparaison">
        <h2 id="comparaison">Comparaison avec l'édition précédente à la même date</h2>
        {d.comparison.previousYear && d.comparison.cutoff ? (
          <>
            <p>
              Le {asOf}, {d.period.dayOffset} jour
              {d.period.dayOffset > 1 ? "s" : ""} après l'ouverture des inscriptions {year}, comparé au {formatDate(d.comparison.cutoff)}, autant de jours après
              l'ouverture des inscriptions {d.comparison.previousYear}.
            </p>
            <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-comparaison">
              <table className="table">
                <caption id="legende-comparaison">
                  Édition {year} et édition {d.comparison.previousYear} à la même date
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Indicateur</th>
                    <th scope="col" className="numeric">
                      {year} au {asOf}
                    </th>
                    <th scope="col" className="numeric">
                      {d.comparison.previousYear} au {formatDate(d.comparison.cutoff)}
                    </th>
                    <th scope="col" className="numeric">
                      Variation
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {d.comparison.rows.map((r) => (
                    <tr key={r.key}>
                      <th scope="row">{r.label}</th>
                      <td className="numeric">{r.unit === "cents" ? euros(r.current) : count(r.current)}</td>
                      <td className="numeric">{r.previous === null ? "—" : r.unit === "cents" ? euros(r.previous) : count(r.previous)}</td>
                      <td className="numeric">{r.variation ? formatVariation(r.variation) : "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : (
          <p>Aucune édition antérieure à comparer.</p>
        )}
      </section>

      <section className="stack" aria-labelledby="entonnoir">
        <h2 id="entonnoir">Entonnoir de conversion</h2>
        <p>
          Comptes et structures présents sur le portail au {asOf}, puis inscriptions de l'édition {year}, paiements et résultats publiés.
        </p>
        <BarChart
          title={`Entonnoir de l'édition ${year}`}
          tableId="tableau-entonnoir"
          bars={d.funnel.map((s) => ({
            label: s.label,
            value: s.count,
            display: count(s.count),
          }))}
        />
        <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-entonnoir">
          <table className="table" id="tableau-entonnoir">
            <caption id="legende-entonnoir">Entonnoir de l'édition {year}</caption>
            <thead>
              <tr>
                <th scope="col">Étape</th>
                <th scope="col" className="numeric">
                  Nombre
                </th>
                <th scope="col" className="numeric">
                  Part de l'étape précédente
                </th>
                <th scope="col" className="numeric">
                  Part de la première étape
                </th>
              </tr>
            </thead>
            <tbody>
              {d.funnel.map((s) => (
                <tr key={s.key}>
                  <th scope="row">{s.label}</th>
                  <td className="numeric">{count(s.count)}</td>
                  <td className="numeric">{formatPercent(s.fromPrevious)}</td>
                  <td className="numeric">{formatPercent(s.fromFirst)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="stack" aria-labelledby="chiffre-affaires">
        <h2 id="chiffre-affaires">Chiffre d'affaires des inscriptions</h2>
        <BarChart
          title={`Chiffre d'affaires TTC de l'édition ${year}`}
          tableId="tableau-chiffre-affaires"
          bars={revenueRows.map((r) => ({
            label: r.label,
            value: r.amounts.ttcCents,
            display: `${euros(r.amounts.ttcCents)} TTC`,
          }))}
        />
        <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-chiffre-affaires">
          <table className="table" id="tableau-chiffre-affaires">
            <caption id="legende-chiffre-affaires">Chiffre d'affaires de l'édition {year}</caption>
            <thead>
              <tr>
                <th scope="col">Montant</th>
                <th scope="col" className="numeric">
                  Nombre
                </th>
                <th scope="col" className="numeric">
                  HT
                </th>
                <th scope="col" className="numeric">
                  TTC
                </th>
              </tr>
            </thead>
            <tbody>
              {revenueRows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{r.label}</th>
                  <td className="numeric">{count(r.amounts.count)}</td>
                  <td className="numeric">{euros(r.amounts.htCents)}</td>
                  <td className="numeric">{euros(r.amounts.ttcCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="stack" aria-labelledby="par-statut">
        <h2 id="par-statut">Inscriptions par statut</h2>
        <BarChart
          title={`Inscriptions ${year} par statut`}
          tableId="tableau-statuts"
          bars={d.byStatus.map((r) => ({
            label: r.label,
            value: r.count,
            display: count(r.count),
          }))}
        />
        <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-statuts">
          <table className="table" id="tableau-statuts">
            <caption id="legende-statuts">Inscriptions {year} par statut</caption>
            <thead>
              <tr>
                <th scope="col">Statut</th>
                <th scope="col" className="numeric">
                  Inscriptions
                </th>
                <th scope="col" className="numeric">
                  Montant HT
                </th>
              </tr>
            </thead>
            <tbody>
              {d.byStatus.map((r) => (
                <tr key={r.status}>
                  <th scope="row">{r.label}</th>
                  <td className="numeric">{count(r.count)}</td>
                  <td className="numeric">{euros(r.htCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <BreakdownSection
        id="par-categorie"
        title="Inscriptions par catégorie"
        caption={`Inscriptions ${year} par catégorie (hors annulations)`}
        heading="Catégorie"
        rows={d.byCategory}
        color="#000091"
      />
      <BreakdownSection
        id="par-region"
        title="Inscriptions par région"
        caption={`Inscriptions ${year} par région (hors annulations)`}
        heading="Région"
        rows={d.byRegion}
        color="#6a6af4"
        empty="Aucune inscription pour cette édition."
      />

      <section className="stack" aria-labelledby="offres">
        <h2 id="offres">Offres : commandes et prospects de la période</h2>
        <p>
          Commandes passées et prospects ouverts du {formatDate(d.period.from)} au {asOf}.
          {d.offers.unpricedQuotes > 0
            ? ` ${d.offers.unpricedQuotes} demande${d.offers.unpricedQuotes > 1 ? "s" : ""} de devis sur devis, sans montant, ne compte${d.offers.unpricedQuotes > 1 ? "nt" : ""} pas dans les totaux HT.`
            : ""}
        </p>
        <BarChart
          title={`Commandes d'offres pendant la période ${year}`}
          tableId="tableau-commandes"
          color="#18753c"
          bars={d.offers.orders.map((r) => ({
            label: r.label,
            value: r.count,
            display: count(r.count),
          }))}
        />
        <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-commandes">
          <table className="table" id="tableau-commandes">
            <caption id="legende-commandes">Commandes d'offres par statut</caption>
            <thead>
              <tr>
                <th scope="col">Statut</th>
                <th scope="col" className="numeric">
                  Commandes
                </th>
                <th scope="col" className="numeric">
                  Montant HT
                </th>
              </tr>
            </thead>
            <tbody>
              {d.offers.orders.map((r) => (
                <tr key={r.group}>
                  <th scope="row">{r.label}</th>
                  <td className="numeric">{count(r.count)}</td>
                  <td className="numeric">{euros(r.htCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-pistes">
          <table className="table" id="tableau-pistes">
            <caption id="legende-pistes">Prospects par statut</caption>
            <thead>
              <tr>
                <th scope="col">Statut</th>
                <th scope="col" className="numeric">
                  Prospects
                </th>
                <th scope="col" className="numeric">
                  Valeur HT
                </th>
              </tr>
            </thead>
            <tbody>
              {d.offers.leads.byStatus.map((r) => (
                <tr key={r.status}>
                  <th scope="row">{r.label}</th>
                  <td className="numeric">{count(r.count)}</td>
                  <td className="numeric">{euros(r.htCents)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Pipeline ouvert (nouveau, contacté, devis envoyé)</th>
                <td className="numeric">{count(d.offers.leads.open.count)}</td>
                <td className="numeric">{euros(d.offers.leads.open.htCents)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>
    </div>
  );
}

type BreakdownRow = {
  key: string;
  label: string;
  enrolled: number;
  paid: number;
  htCents: number;
};

/** Active enrolments, paid ones and booked HT per category or région: a chart and its table. */
function BreakdownSection(props: { id: string; title: string; caption: string; heading: string; rows: BreakdownRow[]; color: string; empty?: string }) {
  const tableId = `tableau-${props.id}`;
  const captionId = `legende-${props.id}`;
  return (
    <section className="stack" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.rows.length === 0 ? (
        <p>{props.empty}</p>
      ) : (
        <>
          <BarChart
            title={props.caption}
            tableId={tableId}
            color={props.color}
            bars={props.rows.map((r) => ({
              label: r.label,
              value: r.enrolled,
              display: count(r.enrolled),
            }))}
          />
          <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby={captionId}>
            <table className="table" id={tableId}>
              <caption id={captionId}>{props.caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{props.heading}</th>
                  <th scope="col" className="numeric">
                    Inscriptions
                  </th>
                  <th scope="col" className="numeric">
                    Dont payées
                  </th>
                  <th scope="col" className="numeric">
                    Montant HT
                  </th>
                </tr>
              </thead>
              <tbody>
                {props.rows.map((r) => (
                  <tr key={r.key}>
                    <th scope="row">{r.label}</th>
                    <td className="numeric">{count(r.enrolled)}</td>
                    <td className="numeric">{count(r.paid)}</td>
                    <td className="numeric">{euros(r.htCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
