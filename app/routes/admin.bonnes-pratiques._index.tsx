import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Notice } from "~/components/ui/field";
import { requireStaff } from "~/modules/auth/guards.server";
import { listPracticesForStaff } from "~/modules/practices/practices.server";
import { practicePath, practiceStatusLabels, type PracticeStatus } from "~/modules/practices/search";
import { formatDateTime } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Bonnes pratiques | Back-office | Baromètre Expérience Citoyen" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, ["admin"]);
  const practices = await listPracticesForStaff();
  return {
    practices: practices.map((p) => ({ ...p, publishAt: p.status === "brouillon" ? null : formatDateTime(p.publishAt) })),
  };
}

const badges: Record<PracticeStatus, string> = { brouillon: "badge badge-neutral", programmee: "badge badge-info", publiee: "badge badge-success" };

export default function AdminPractices() {
  const { practices } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="stack">
      <div className="cluster">
        <h1>Bonnes pratiques</h1>
        <Link className="btn" to="/admin/bonnes-pratiques/nouvelle">
          Rédiger une bonne pratique
        </Link>
      </div>
      <p>
        <a href="/admin/bonnes-pratiques.csv" download>
          Exporter en CSV
        </a>
      </p>
      {params.get("message") ? <Notice>{params.get("message")}</Notice> : null}
      <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-pratiques">
        <table className="table">
          <caption id="legende-pratiques">Bonnes pratiques ({practices.length}), la plus récente d'abord</caption>
          <thead>
            <tr>
              <th scope="col" className="numeric">
                N°
              </th>
              <th scope="col">Titre</th>
              <th scope="col">Statut</th>
              <th scope="col">Publication</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {practices.map((p) => (
              <tr key={p.id}>
                <td className="numeric">{p.number}</td>
                <th scope="row">{p.status === "publiee" ? <Link to={practicePath(p)}>{p.title}</Link> : p.title}</th>
                <td>
                  <span className={badges[p.status]}>{practiceStatusLabels[p.status]}</span>
                </td>
                <td>{p.publishAt ?? "—"}</td>
                <td>
                  <Link to={`/admin/bonnes-pratiques/${p.id}`} aria-label={`Modifier la bonne pratique n° ${p.number}`}>
                    Modifier
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
