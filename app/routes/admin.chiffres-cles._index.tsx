import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/modules/auth/guards.server";
import { formatFigure } from "~/modules/public/key-figures";
import { keyFiguresYearSchema } from "~/modules/public/key-figures-schema";
import { listKeyFiguresForStaff, type KeyFiguresStatus } from "~/modules/public/key-figures.server";
import { formatDateTime } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Chiffres clés | Back-office | Baromètre Expérience Citoyen" }];

const statusBadges: Record<KeyFiguresStatus, { label: string; className: string }> = {
  published: { label: "Publiés", className: "badge badge-success" },
  draft: { label: "Brouillon", className: "badge badge-neutral" },
  computed: { label: "Calculés (résultats publiés)", className: "badge badge-info" },
  none: { label: "Aucun chiffre public", className: "badge badge-warning" },
};

export async function loader({ request }: LoaderFunctionArgs) {
  const { roles } = await requireStaff(request, ["admin", "sales"]);
  // "Autre année" (GET form): straight to that year's editor.
  const asked = new URL(request.url).searchParams.get("annee");
  if (asked !== null) {
    const year = keyFiguresYearSchema.safeParse(asked.trim());
    if (year.success) throw redirect(`/admin/chiffres-cles/${year.data}`);
  }
  const editions = await listKeyFiguresForStaff();
  return {
    canEdit: roles.includes("admin"),
    yearError: asked !== null ? "Saisissez une année entre 2000 et 2100, par exemple 2024." : null,
    editions: editions.map((e) => ({
      year: e.year,
      editionLabel: e.editionLabel,
      status: e.status,
      globalScore: e.globalScore === null ? null : formatFigure(e.globalScore),
      hasResults: e.hasResults,
      updatedAt: e.updatedAt ? formatDateTime(e.updatedAt) : null,
    })),
  };
}

export default function AdminKeyFigures() {
  const { canEdit, editions, yearError } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>Chiffres clés des éditions</h1>
      <p>
        Les chiffres publiés ici s'affichent tels quels sur la page publique <a href="/chiffres-cles">Chiffres clés</a>, même lorsqu'un champ est vide. Une édition sans
        chiffres saisis affiche, une fois ses résultats publiés, les moyennes nationales calculées par le portail.
      </p>
      <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-chiffres-cles">
        <table className="table">
          <caption id="legende-chiffres-cles">Éditions ({editions.length})</caption>
          <thead>
            <tr>
              <th scope="col">Année</th>
              <th scope="col">Édition</th>
              <th scope="col">Statut</th>
              <th scope="col" className="numeric">
                Score global saisi
              </th>
              <th scope="col">Résultats publiés dans le portail</th>
              <th scope="col">Dernière modification</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {editions.map((edition) => (
              <tr key={edition.year}>
                <th scope="row">{edition.year}</th>
                <td>{edition.editionLabel ?? "—"}</td>
                <td>
                  <span className={statusBadges[edition.status].className}>{statusBadges[edition.status].label}</span>
                </td>
                <td className="numeric">{edition.globalScore ?? "—"}</td>
                <td>{edition.hasResults ? "Oui" : "Non"}</td>
                <td>{edition.updatedAt ?? "—"}</td>
                <td>
                  <Link to={`/admin/chiffres-cles/${edition.year}`}>
                    {canEdit ? "Modifier" : "Consulter"}
                    <span className="visually-hidden"> les chiffres clés {edition.year}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canEdit ? (
        <Form method="get" className="card stack stack-sm">
          <h2>Saisir les chiffres d'une autre année</h2>
          <div className="field">
            <label htmlFor="autre-annee">Année</label>
            <input
              id="autre-annee"
              name="annee"
              inputMode="numeric"
              pattern="\d{4}"
              required
              aria-invalid={yearError ? true : undefined}
              aria-describedby="autre-annee-erreur"
            />
            <div id="autre-annee-erreur" aria-live="polite">
              {yearError ? <p className="field-error">{yearError}</p> : null}
            </div>
          </div>
          <div className="cluster">
            <button className="btn btn-secondary" type="submit">
              Ouvrir
            </button>
          </div>
        </Form>
      ) : null}
    </div>
  );
}
