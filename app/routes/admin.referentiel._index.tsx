import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ReferentialStatusBadge } from "~/components/referential";
import { requireStaff } from "~/modules/auth/guards.server";
import { listReferentials } from "~/modules/referential/referential.server";
import { formatDate, formatNumber } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Référentiels d'audit | Back-office | Baromètre Expérience Citoyen" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, ["admin", "sales", "auditor"]);
  const rows = await listReferentials();
  return {
    referentials: rows.map((row) => ({
      year: row.year,
      title: row.title,
      version: row.version,
      hasReferential: row.hasReferential,
      publishedOn: row.publishedAt ? formatDate(row.publishedAt) : null,
      determinants: row.determinants,
      items: row.items,
    })),
  };
}

export default function AdminReferentials() {
  const { referentials } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>Référentiels d'audit</h1>
      <p>
        Chaque édition a son référentiel : les déterminants et les items que vérifient les auditeurs mystères. Une nouvelle édition reçoit une copie du
        référentiel de la précédente, modifiable jusqu'à sa publication ; un référentiel publié est figé.
      </p>
      <p>
        <a href="/admin/referentiel.csv" download>
          Exporter en CSV
        </a>
      </p>
      <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-referentiels">
        <table className="table">
          <caption id="legende-referentiels">Référentiels par édition ({referentials.length})</caption>
          <thead>
            <tr>
              <th scope="col">Édition</th>
              <th scope="col">Version</th>
              <th scope="col">Statut</th>
              <th scope="col" className="numeric">
                Déterminants
              </th>
              <th scope="col" className="numeric">
                Items
              </th>
              <th scope="col">Détail</th>
            </tr>
          </thead>
          <tbody>
            {referentials.map((row) => (
              <tr key={row.year}>
                <th scope="row">{row.year}</th>
                <td>{row.version ?? "—"}</td>
                <td>
                  <ReferentialStatusBadge exists={row.hasReferential} publishedOn={row.publishedOn} />
                </td>
                <td className="numeric">{formatNumber(row.determinants)}</td>
                <td className="numeric">{formatNumber(row.items)}</td>
                <td>
                  <Link to={`/admin/referentiel/${row.year}`}>
                    Consulter<span className="visually-hidden"> le référentiel {row.year}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
