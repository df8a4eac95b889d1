import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/modules/auth/guards.server";
import { barometerCategoryLabels, isBarometerCategory } from "~/modules/tenancy/categories";
import { listAllTenants } from "~/modules/tenancy/directory.server";
import { formatSiret } from "~/modules/tenancy/siret";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Back-office | Baromètre Expérience Citoyen" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, ["admin", "sales"]);
  const tenants = await listAllTenants();
  return {
    tenants: tenants.map((t) => ({
      ...t,
      category: isBarometerCategory(t.category) ? barometerCategoryLabels[t.category] : t.category,
      siret: formatSiret(t.siret),
      createdAt: formatDate(t.createdAt),
    })),
  };
}

export default function AdminHome() {
  const { tenants } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>Structures inscrites sur le portail</h1>
      <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-structures">
        <table className="table">
          <caption id="legende-structures">Structures ({tenants.length})</caption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Catégorie</th>
              <th scope="col">SIRET</th>
              <th scope="col">Département</th>
              <th scope="col">Région</th>
              <th scope="col" className="numeric">
                Membres
              </th>
              <th scope="col">Créée le</th>
            </tr>
          </thead>
          <tbody>
            {tenants.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>{t.category}</td>
                <td>{t.siret}</td>
                <td>{t.departementName ?? "—"}</td>
                <td>{t.regionName ?? "—"}</td>
                <td className="numeric">{t.members}</td>
                <td>{t.createdAt}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
