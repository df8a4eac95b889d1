import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireMembership } from "~/modules/tenancy/guard.server";
import { exportTables } from "~/modules/tenancy/tenant-export.server";

export const meta: MetaFunction = () => [{ title: "Données de la structure | Baromètre Expérience Citoyen" }];

/** The owner's page about the structure's data: what the archive holds, its format, the download. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMembership(request, params.tenant, "tenant.export");
  return {
    tenant: { slug: ctx.tenant.slug, name: ctx.tenant.name },
    tables: exportTables.map(([file, title, description]) => ({ file: `${file}.csv`, title, description })),
  };
}

export default function TenantDataPage() {
  const { tenant, tables } = useLoaderData<typeof loader>();
  return (
    <div className="stack stack-lg">
      <h1>Données de la structure</h1>
      <p>
        Téléchargez en une archive ZIP toutes les données que le portail conserve sur {tenant.name} : pour les archiver, les analyser dans un tableur ou les reprendre dans
        un autre outil. Le téléchargement est enregistré dans le journal des actions de la structure.
      </p>
      <p>
        <a className="btn" href={`/t/${tenant.slug}/donnees.zip`} download>
          Télécharger les données (ZIP)
        </a>
      </p>

      <section className="stack stack-sm" aria-labelledby="donnees-format">
        <h2 id="donnees-format">Format de l'archive</h2>
        <ul>
          <li>
            <strong>donnees.json</strong> : toutes les données dans un seul fichier JSON (UTF-8), une clé par table.
          </li>
          <li>
            <strong>Un fichier CSV par table</strong>, à ouvrir dans un tableur : séparateur point-virgule, encodage UTF-8 (les accents s'affichent correctement dans
            Excel).
          </li>
          <li>
            <strong>LISEZMOI.txt</strong> : le contenu de chaque fichier, son nombre de lignes et les formats (dates ISO 8601 en temps universel, montants en centimes
            d'euro).
          </li>
        </ul>
        <p>
          L'archive ne contient aucun secret (mot de passe, jeton de connexion ou d'invitation, lien de paiement) ni les données d'autres structures. Pour en savoir plus
          sur la conservation de vos données, consultez la page <Link to="/donnees-personnelles">Données personnelles</Link>.
        </p>
      </section>

      <section className="stack stack-sm" aria-labelledby="donnees-contenu">
        <h2 id="donnees-contenu">Contenu de l'archive</h2>
        <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-donnees">
          <table className="table">
            <caption id="legende-donnees">Fichiers CSV de l'archive ({tables.length})</caption>
            <thead>
              <tr>
                <th scope="col">Fichier</th>
                <th scope="col">Contenu</th>
                <th scope="col">Détail</th>
              </tr>
            </thead>
            <tbody>
              {tables.map((table) => (
                <tr key={table.file}>
                  <td>{table.file}</td>
                  <td>{table.title}</td>
                  <td>{table.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
