import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EditionStatusBadge } from "~/components/editions";
import { requireStaff } from "~/modules/auth/guards.server";
import { listEditions } from "~/modules/editions/editions.server";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Éditions | Back-office | Baromètre Expérience Citoyen" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { roles } = await requireStaff(request, ["admin", "sales"]);
  const editions = await listEditions();
  return {
    canManage: roles.includes("admin"),
    editions: editions.map((edition) => ({
      id: edition.id,
      year: edition.year,
      number: edition.number,
      title: edition.title,
      status: edition.status,
      enrolmentOpensOn: formatDate(edition.enrolmentOpensOn),
      enrolmentClosesOn: formatDate(edition.enrolmentClosesOn),
      publicationOn: formatDate(edition.publicationOn),
    })),
  };
}

export default function AdminEditions() {
  const { canManage, editions } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <div className="cluster">
        <h1>Éditions du baromètre</h1>
        {canManage ? (
          <Link className="btn" to="/admin/editions/nouvelle">
            Créer une édition
          </Link>
        ) : null}
      </div>
      <p>
        <a href="/admin/editions.csv" download>
          Exporter en CSV
        </a>
      </p>
      <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-editions">
        <table className="table">
          <caption id="legende-editions">Éditions ({editions.length})</caption>
          <thead>
            <tr>
              <th scope="col">Année</th>
              <th scope="col" className="numeric">
                N°
              </th>
              <th scope="col">Titre</th>
              <th scope="col">Statut</th>
              <th scope="col">Inscriptions</th>
              <th scope="col">Publication</th>
              {canManage ? <th scope="col">Action</th> : null}
            </tr>
          </thead>
          <tbody>
            {editions.map((edition) => (
              <tr key={edition.id}>
                <th scope="row">{edition.year}</th>
                <td className="numeric">{edition.number}</td>
                <td>{edition.title}</td>
                <td>
                  <EditionStatusBadge status={edition.status} />
                </td>
                <td>
                  du {edition.enrolmentOpensOn} au {edition.enrolmentClosesOn}
                </td>
                <td>{edition.publicationOn}</td>
                {canManage ? (
                  <td>
                    <Link to={`/admin/editions/${edition.year}`}>
                      Modifier<span className="visually-hidden"> l'édition {edition.year}</span>
                    </Link>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
