import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "~/utils/zod";
import { Notice } from "~/components/ui/field";
import { requireStaff } from "~/modules/auth/guards.server";
import { barometerCategories, barometerCategoryLabels, isBarometerCategory } from "~/modules/tenancy/categories";
import { directoryFilterParams, parseDirectoryFilters } from "~/modules/tenancy/directory-filters";
import { DIRECTORY_PAGE_SIZE, listAllTenants, listTenantDepartements, setTenantCategory } from "~/modules/tenancy/directory.server";
import { formatSiret } from "~/modules/tenancy/siret";
import { formatDate, formatNumber } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Back-office | Baromètre Expérience Citoyen" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { roles } = await requireStaff(request, ["admin", "sales"]);
  const { filters, page } = parseDirectoryFilters(new URL(request.url).searchParams);
  const [{ rows, total }, departements] = await Promise.all([listAllTenants({ ...filters, page }), listTenantDepartements()]);
  return {
    filters,
    departements,
    // Correcting a category is an admin's decision; sales read it.
    canEditCategory: roles.includes("admin"),
    page,
    pages: Math.max(1, Math.ceil(total / DIRECTORY_PAGE_SIZE)),
    total,
    tenants: rows.map((t) => ({
      ...t,
      categoryLabel: isBarometerCategory(t.category) ? barometerCategoryLabels[t.category] : t.category,
      siret: formatSiret(t.siret),
      createdAt: formatDate(t.createdAt),
    })),
  };
}

const categorySchema = z.object({
  intent: z.literal("set-category"),
  tenantId: z.uuid("Structure inconnue."),
  category: z.enum(barometerCategories, { error: "Choisissez une catégorie du baromètre." }),
});

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireStaff(request, ["admin"]);
  const parsed = categorySchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { tone: "error" as const, message: parsed.error.issues[0]?.message ?? "Saisie invalide." };
  const done = await setTenantCategory(user.id, parsed.data.tenantId, parsed.data.category);
  if (!done) throw new Response("Structure introuvable", { status: 404 });
  return { tone: "success" as const, message: `Catégorie enregistrée : ${barometerCategoryLabels[parsed.data.category]}.` };
}

export default function AdminHome() {
  const { tenants, filters, departements, canEditCategory, page, pages, total } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const query = filters.query;
  const pageLink = (target: number) => `/admin?${directoryFilterParams(filters, target)}`;
  const exportParams = directoryFilterParams(filters);
  const filtered = Boolean(query || filters.departement || filters.category);
  return (
    <div className="stack">
      <h1>Structures inscrites sur le portail</h1>
      {actionData ? <Notice tone={actionData.tone}>{actionData.message}</Notice> : null}
      <Form method="get" className="cluster" role="search" aria-label="Structures">
        <div className="field">
          <label htmlFor="q">Nom, identifiant, SIRET, code INSEE ou département</label>
          <input id="q" name="q" type="search" defaultValue={query} aria-describedby="aide-recherche" />
          <p id="aide-recherche" className="muted">
            Par exemple « Lyon », « 213 690 123 », « 69123 », « 69 » ou « Rhône ».
          </p>
        </div>
        <div className="field">
          <label htmlFor="departement">Département</label>
          <select id="departement" name="departement" defaultValue={filters.departement ?? ""}>
            <option value="">Tous les départements</option>
            {departements.map((d) => (
              <option key={d.code} value={d.code}>
                {d.code} — {d.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="categorie">Catégorie</label>
          <select id="categorie" name="categorie" defaultValue={filters.category ?? ""}>
            <option value="">Toutes les catégories</option>
            {barometerCategories.map((category) => (
              <option key={category} value={category}>
                {barometerCategoryLabels[category]}
              </option>
            ))}
          </select>
        </div>
        <button className="btn btn-secondary" type="submit">
          Rechercher
        </button>
      </Form>
      <p>
        <a href={`/admin/structures.csv${exportParams.size ? `?${exportParams}` : ""}`} download>
          Exporter en CSV
        </a>
      </p>
      <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-structures">
        <table className="table">
          <caption id="legende-structures">
            Structures ({formatNumber(total)}{query ? ` pour « ${query} »` : filtered ? ", filtrées" : ""}){pages > 1 ? `, page ${page} sur ${pages}` : ""}
          </caption>
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
                <td>
                  <Link to={`/admin/structures/${t.slug}`}>{t.name}</Link>
                </td>
                <td>
                  {canEditCategory ? (
                    <Form method="post" className="cluster">
                      <input type="hidden" name="intent" value="set-category" />
                      <input type="hidden" name="tenantId" value={t.id} />
                      <label className="visually-hidden" htmlFor={`categorie-${t.id}`}>
                        Catégorie de {t.name}
                      </label>
                      <select id={`categorie-${t.id}`} name="category" defaultValue={t.category}>
                        {barometerCategories.map((category) => (
                          <option key={category} value={category}>
                            {barometerCategoryLabels[category]}
                          </option>
                        ))}
                      </select>
                      <button className="btn btn-secondary btn-small" type="submit">
                        Enregistrer<span className="visually-hidden"> la catégorie de {t.name}</span>
                      </button>
                    </Form>
                  ) : (
                    t.categoryLabel
                  )}
                </td>
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
      {pages > 1 ? (
        <nav aria-label="Pages de structures" className="cluster">
          {page > 1 ? <Link to={pageLink(page - 1)}>Page précédente</Link> : null}
          <span>
            Page {page} sur {pages}
          </span>
          {page < pages ? <Link to={pageLink(page + 1)}>Page suivante</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
