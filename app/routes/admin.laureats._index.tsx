import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Notice } from "~/components/ui/field";
import { requireStaff } from "~/modules/auth/guards.server";
import { listLaureatesForStaff } from "~/modules/public/laureates-admin.server";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Lauréats | Back-office | Baromètre Expérience Citoyen" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { roles } = await requireStaff(request, ["admin", "sales"]);
  const rows = await listLaureatesForStaff();
  const years = [...new Set(rows.map((row) => row.year))];
  return {
    canEdit: roles.includes("admin"),
    editions: years.map((year) => ({
      year,
      laureates: rows
        .filter((row) => row.year === year)
        .map((row) => ({
          id: row.id,
          name: row.name,
          url: row.url,
          categoryLabel: row.categoryLabel,
          mentionLabel: row.mentionLabel,
          publishedOn: row.publishedAt ? formatDate(row.publishedAt) : null,
          isPublic: row.isPublic,
          structureName: row.structureName,
          consentWithdrawn: row.linkedTenantId !== null && row.consentAt === null,
        })),
    })),
  };
}

export default function AdminLaureates() {
  const { editions, canEdit } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="stack">
      <div className="cluster">
        <h1>Lauréats</h1>
        {canEdit ? (
          <Link className="btn" to="/admin/laureats/nouveau">
            Ajouter un lauréat
          </Link>
        ) : null}
      </div>
      <p>
        Pages publiques : <Link to="/laureats">/laureats</Link> · données ouvertes : <a href="/donnees/laureats.csv">CSV</a>, <a href="/donnees/laureats.json">JSON</a>
      </p>
      {params.get("message") ? <Notice>{params.get("message")}</Notice> : null}
      {editions.length === 0 ? <p>Aucun lauréat pour le moment.</p> : null}
      {editions.map((edition) => (
        <div key={edition.year} className="table-wrapper" tabIndex={0} role="region" aria-labelledby={`legende-laureats-${edition.year}`}>
          <table className="table">
            <caption id={`legende-laureats-${edition.year}`}>
              Édition {edition.year} ({edition.laureates.length} {edition.laureates.length > 1 ? "lauréats" : "lauréat"})
            </caption>
            <thead>
              <tr>
                <th scope="col">Lauréat</th>
                <th scope="col">Catégorie</th>
                <th scope="col">Mention</th>
                <th scope="col">Statut</th>
                <th scope="col">Structure liée</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {edition.laureates.map((l) => (
                <tr key={l.id}>
                  <th scope="row">{l.isPublic ? <Link to={l.url}>{l.name}</Link> : l.name}</th>
                  <td>{l.categoryLabel}</td>
                  <td>{l.mentionLabel ?? "—"}</td>
                  <td>
                    {l.publishedOn ? (
                      <span className={l.isPublic ? "badge badge-success" : "badge badge-warning"}>
                        {l.isPublic ? `Publié le ${l.publishedOn}` : "Publié, masqué (accord retiré)"}
                      </span>
                    ) : (
                      <span className="badge badge-neutral">Brouillon</span>
                    )}
                  </td>
                  <td>
                    {l.structureName ?? "—"}
                    {l.consentWithdrawn ? " (accord retiré)" : ""}
                  </td>
                  <td>
                    <Link to={`/admin/laureats/${l.id}`} aria-label={`${canEdit ? "Modifier" : "Voir"} le lauréat ${l.name} (${edition.year})`}>
                      {canEdit ? "Modifier" : "Voir"}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}
