import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/modules/auth/guards.server";
import { csvPercent, dashboardQuery } from "~/modules/sales/dashboard";
import { salesDashboard, type Amounts } from "~/modules/sales/dashboard.server";
import { csvAmount, csvResponse, toCsv } from "~/utils/csv";
import { formatShortDate } from "~/utils/format";

type Cell = string | number | null;

/** The dashboard's tables for French Excel, one after the other in one file, each under its title. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, ["admin", "sales"]);
  const query = dashboardQuery(new URL(request.url).searchParams);
  const d = await salesDashboard(query.year);
  if (!d) throw new Response("Aucune édition", { status: 404 });
  const year = d.edition.year;
  const asOf = formatShortDate(d.period.asOf);
  const rows: Cell[][] = [];
  const section = (title: string, header: string[], lines: Cell[][]) => rows.push([], [title], header, ...lines);

  rows.push([
    "Période commerciale",
    `du ${formatShortDate(d.period.from)}`,
    d.period.to ? `au ${formatShortDate(d.period.to)}` : "à aujourd'hui",
    `chiffres au ${asOf}`,
  ]);
  if (d.comparison.previousYear && d.comparison.cutoff) {
    section(
      `Comparaison avec l'édition ${d.comparison.previousYear} à la même date`,
      ["Indicateur", `${year} au ${asOf}`, `${d.comparison.previousYear} au ${formatShortDate(d.comparison.cutoff)}`, "Variation (%)"],
      d.comparison.rows.map((r) => [
        r.unit === "cents" ? `${r.label} (€)` : r.label,
        r.unit === "cents" ? csvAmount(r.current) : r.current,
        r.previous === null ? "" : r.unit === "cents" ? csvAmount(r.previous) : r.previous,
        csvPercent(r.variation?.percent ?? null),
      ]),
    );
  }
  section(
    "Entonnoir de conversion",
    ["Étape", "Nombre", "Part de l'étape précédente (%)", "Part de la première étape (%)"],
    d.funnel.map((s) => [s.label, s.count, csvPercent(s.fromPrevious), csvPercent(s.fromFirst)]),
  );
  section(
    "Chiffre d'affaires des inscriptions",
    ["Montant", "Nombre", "HT (€)", "TTC (€)"],
    (
      [
        ["Montant des inscriptions (hors annulations)", d.booked],
        ["Facturé (factures émises, ouvertes ou payées)", d.revenue.invoiced],
        ["Encaissé (factures payées et paiements par carte)", d.revenue.paid],
        ["Reste à encaisser (factures ouvertes)", d.revenue.outstanding],
      ] satisfies [string, Amounts][]
    ).map(([label, amounts]) => [label, amounts.count, csvAmount(amounts.htCents), csvAmount(amounts.ttcCents)]),
  );
  section(
    "Inscriptions par statut",
    ["Statut", "Inscriptions", "Montant HT (€)"],
    d.byStatus.map((r) => [r.label, r.count, csvAmount(r.htCents)]),
  );
  section(
    "Inscriptions par catégorie (hors annulations)",
    ["Catégorie", "Inscriptions", "Dont payées", "Montant HT (€)"],
    d.byCategory.map((r) => [r.label, r.enrolled, r.paid, csvAmount(r.htCents)]),
  );
  section(
    "Inscriptions par région (hors annulations)",
    ["Région", "Inscriptions", "Dont payées", "Montant HT (€)"],
    d.byRegion.map((r) => [r.label, r.enrolled, r.paid, csvAmount(r.htCents)]),
  );
  section(
    "Commandes d'offres de la période",
    ["Statut", "Commandes", "Montant HT (€)"],
    d.offers.orders.map((r) => [r.label, r.count, csvAmount(r.htCents)]),
  );
  section(
    "Prospects de la période",
    ["Statut", "Prospects", "Valeur HT (€)"],
    [
      ...d.offers.leads.byStatus.map((r): Cell[] => [r.label, r.count, csvAmount(r.htCents)]),
      ["Pipeline ouvert (nouveau, contacté, devis envoyé)", d.offers.leads.open.count, csvAmount(d.offers.leads.open.htCents)],
    ],
  );

  const body = toCsv([`Tableau de bord commercial — édition ${year}`], rows);
  return csvResponse(`tableau-de-bord-${year}-${d.period.asOf}.csv`, body);
}
