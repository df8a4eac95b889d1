import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/modules/auth/guards.server";
import { listOffersForStaff } from "~/modules/offers/catalogue-admin.server";
import { offerKindLabels } from "~/modules/offers/catalogue-schema";
import { csvAmount, csvResponse, toCsv } from "~/utils/csv";
import { formatShortDate } from "~/utils/format";

/** The whole catalogue, active or not, for French Excel. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, ["admin", "sales"]);
  const rows = await listOffersForStaff();
  const body = toCsv(
    [
      "Position",
      "Code",
      "Type",
      "Titre",
      "Prix HT (€)",
      "Durée",
      "Description",
      "Apports",
      "Prérequis",
      "Active",
      "Sessions à venir",
      "Places restantes",
      "Commandes",
      "Modifiée le",
    ],
    rows.map((o) => [
      o.position,
      o.code,
      offerKindLabels[o.kind],
      o.title,
      o.priceHtCents === null ? "Sur devis" : csvAmount(o.priceHtCents),
      o.duration,
      o.description,
      o.benefits,
      o.prerequisites,
      o.active ? "Oui" : "Non",
      o.kind === "formation" ? o.upcomingSessionCount : "",
      o.kind === "formation" ? o.upcomingSeatsLeft : "",
      o.orderCount,
      formatShortDate(o.updatedAt),
    ]),
  );
  return csvResponse(`catalogue-offres-${new Date().toISOString().slice(0, 10)}.csv`, body);
}
