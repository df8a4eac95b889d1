import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "~/utils/zod";
import { ReferentialCellTable, ReferentialImportOutcome, ReferentialStatusBadge, type ImportOutcome, type ItemRow } from "~/components/referential";
import { Notice } from "~/components/ui/field";
import { requireStaff } from "~/modules/auth/guards.server";
import { getReferentialView, importReferential, publishReferential } from "~/modules/referential/referential.server";
import { CHANNELS, type ChannelCode } from "~/modules/scoring/scoring";
import { checkCsvFile, readUploadForm } from "~/utils/csv-upload.server";
import { formatDate, formatNumber } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `Référentiel ${data.edition.year}` : "Référentiel"} | Back-office | Baromètre Expérience Citoyen` },
];

const MAX_FILE_BYTES = 5 * 1024 * 1024;

function editionYear(params: LoaderFunctionArgs["params"]) {
  const year = params.annee ?? "";
  if (!/^\d{4}$/.test(year)) throw new Response("Édition introuvable", { status: 404 });
  return Number(year);
}

/** An unknown or empty channel shows every channel. */
const filterSchema = z.object({ canal: z.enum(CHANNELS as readonly [ChannelCode, ...ChannelCode[]]).optional().catch(undefined) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { roles } = await requireStaff(request, ["admin", "sales", "auditor"]);
  const year = editionYear(params);
  const filter = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const view = await getReferentialView(year, filter.canal ?? null);
  if (!view) throw new Response("Édition introuvable", { status: 404 });
  const { edition, referential } = view;
  return {
    edition: { year: edition.year, title: edition.title },
    referential: referential && { version: referential.version, publishedOn: referential.publishedAt ? formatDate(referential.publishedAt) : null },
    channel: filter.canal ?? "",
    channels: view.channels.map(({ code, label }) => ({ code, label })),
    determinants: view.determinants.map(({ code, label, description, items }) => ({ code, label, description, items })),
    cells: view.cells.map((cell) => ({
      key: `${cell.channel}-${cell.stage}`,
      caption: `${cell.channelLabel} · ${cell.stageLabel} (${cell.items.length} item${cell.items.length > 1 ? "s" : ""})`,
      items: cell.items.map(
        ({ code, label, determinant, answerType, weight, unit, thresholds, source }): ItemRow => ({ code, label, determinant, answerType, weight, unit, thresholds, source }),
      ),
    })),
    itemCount: view.itemCount,
    lockedReason: view.lockedReason,
    frozen: Boolean(referential?.publishedAt),
    answers: view.answers,
    canManage: roles.includes("admin"),
  };
}

const intentSchema = z.enum(["simuler", "importer", "publier"], { error: "Action inconnue." });

type ActionData = { import: ImportOutcome; notice?: undefined } | { notice: { tone: "success" | "error"; message: string }; import?: undefined };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireStaff(request, ["admin"]);
  const year = editionYear(params);
  // A file refused before reading it: too large (413), not a CSV (415), no file (400).
  const refuse = (fileName: string | null, message: string, status: 400 | 413 | 415) => data<ActionData>({ import: { fileName, ok: false, errors: [message], errorCount: 1 } }, { status });
  const formData = await readUploadForm(request, MAX_FILE_BYTES);
  if (!formData) return refuse(null, "Le fichier dépasse 5 Mo : un référentiel de quelques centaines d'items en pèse bien moins, vérifiez le fichier choisi.", 413);
  const intent = intentSchema.safeParse(formData.get("intent"));
  if (!intent.success) return { notice: { tone: "error", message: intent.error.issues[0]?.message ?? "Action inconnue." } } satisfies ActionData;

  if (intent.data === "publier") {
    const outcome = await publishReferential(user.id, year);
    if (!outcome) throw new Response("Édition introuvable", { status: 404 });
    return { notice: { tone: outcome.ok ? "success" : "error", message: outcome.message } } satisfies ActionData;
  }
  const upload = checkCsvFile(formData.get("fichier"));
  if (!upload.ok) return refuse(upload.fileName, upload.message, upload.fileName ? 415 : 400);
  const result = await importReferential({
    editionYear: year,
    buffer: new Uint8Array(await upload.file.arrayBuffer()),
    actorUserId: user.id,
    dryRun: intent.data === "simuler",
  });
  return { import: { fileName: upload.file.name, ...result } } satisfies ActionData;
}

export default function AdminReferential() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const { edition, referential, canManage, frozen } = data;
  const determinantLabels = Object.fromEntries(data.determinants.map((d) => [d.code, d.label]));
  return (
    <div className="stack">
      <p>
        <Link to="/admin/referentiel">Retour aux référentiels</Link>
      </p>
      <h1>Référentiel d'audit {edition.year}</h1>
      {actionData?.notice ? <Notice tone={actionData.notice.tone}>{actionData.notice.message}</Notice> : null}
      <section className="card stack stack-sm" aria-labelledby="titre-statut">
        <h2 id="titre-statut">Statut</h2>
        {referential ? (
          <>
            <p>
              Version {referential.version} : <ReferentialStatusBadge exists publishedOn={referential.publishedOn} /> — {formatNumber(data.determinants.length)}{" "}
              déterminants, {formatNumber(data.itemCount)} items.
            </p>
            {data.lockedReason ? <p>{data.lockedReason}</p> : null}
            <p>
              <a href={`/admin/referentiel/${edition.year}.csv`} download>
                Exporter le référentiel {edition.year} (CSV)
              </a>
            </p>
          </>
        ) : (
          <p>L'édition {edition.year} n'a pas encore de référentiel : importez un fichier CSV pour le créer, avec les 20 déterminants du baromètre.</p>
        )}
      </section>

      {canManage && !frozen ? (
        <section className="card stack stack-sm" aria-labelledby="titre-import">
          <h2 id="titre-import">Importer le référentiel</h2>
          <p>
            Le fichier remplace tout le référentiel : les items absents du fichier sont supprimés. Tout ou rien : si une seule ligne est fausse, rien n'est
            importé et chaque erreur est signalée avec sa ligne et sa colonne. Simulez d'abord pour voir ce qui changerait.
          </p>
          {data.answers > 0 ? <Notice tone="warning">Seul un fichier identique au référentiel actuel sera accepté : des réponses d'audit sont déjà saisies.</Notice> : null}
          <details>
            <summary>Format attendu</summary>
            <ul>
              <li>
                Colonnes (première ligne) : <code>code</code>, <code>libellé</code>, <code>canal</code>, <code>étape</code>, <code>déterminant</code>,{" "}
                <code>type</code>, <code>poids</code>, <code>unité</code>, <code>seuils</code>, <code>source</code> — le format de l'export.
              </li>
              <li>Canal, étape et déterminant : le code ou le libellé en français (Téléphone, Accès, Réactivité…).</li>
              <li>
                Type : <code>oui_non</code> (oui, non ou sans objet), <code>echelle</code> (note de 0 à 4) ou <code>mesure</code> (valeur mesurée). Poids : un
                entier (1 si vide).
              </li>
              <li>
                Pour une mesure seulement, l'unité (secondes, sonneries…) et les seuils <code>valeur:part</code> séparés par <code>|</code>, par valeur
                croissante : <code>2:1|4:0,75|8:0,2</code> signifie « jusqu'à 2 : tous les points, jusqu'à 4 : 75 %, jusqu'à 8 : 20 %, au-delà : 0 ».
              </li>
              <li>Séparateur point-virgule ou virgule ; encodage UTF-8 ou Windows-1252 ; virgule décimale acceptée.</li>
            </ul>
          </details>
          <Form method="post" encType="multipart/form-data" className="stack stack-sm" aria-busy={busy}>
            <div className="field">
              <label htmlFor="fichier">Fichier CSV du référentiel</label>
              <input id="fichier" name="fichier" type="file" accept=".csv,.txt,text/csv" required />
            </div>
            <div className="cluster">
              <button className="btn btn-secondary" type="submit" name="intent" value="simuler" disabled={busy}>
                Simuler
              </button>
              <button className="btn" type="submit" name="intent" value="importer" disabled={busy}>
                Importer
              </button>
            </div>
          </Form>
          {busy ? <p role="status">Lecture et contrôle du fichier en cours…</p> : actionData?.import ? <ReferentialImportOutcome outcome={actionData.import} /> : null}
        </section>
      ) : null}

      {canManage && referential && !frozen ? (
        <section className="card stack stack-sm" aria-labelledby="titre-publier">
          <h2 id="titre-publier">Publier le référentiel</h2>
          <p>Une fois publié, le référentiel {edition.year} est figé : plus aucun import ne sera accepté. L'édition suivante en recevra une copie modifiable.</p>
          <Form method="post" encType="multipart/form-data">
            <button className="btn" type="submit" name="intent" value="publier" disabled={busy}>
              Publier le référentiel
            </button>
          </Form>
        </section>
      ) : null}

      {data.determinants.length > 0 ? (
        <section className="stack stack-sm" aria-labelledby="titre-determinants">
          <h2 id="titre-determinants">Déterminants</h2>
          <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-determinants">
            <table className="table">
              <caption id="legende-determinants">Les {data.determinants.length} déterminants du référentiel {edition.year}</caption>
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Déterminant</th>
                  <th scope="col">Description</th>
                  <th scope="col" className="numeric">
                    Items
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.determinants.map((d) => (
                  <tr key={d.code}>
                    <td>
                      <code>{d.code}</code>
                    </td>
                    <th scope="row">{d.label}</th>
                    <td>{d.description}</td>
                    <td className="numeric">{formatNumber(d.items)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      {referential ? (
        <section className="stack stack-sm" aria-labelledby="titre-items">
          <h2 id="titre-items">Items par canal et par étape</h2>
          <Form method="get" className="cluster">
            <div className="field">
              <label htmlFor="canal">Canal</label>
              <select id="canal" name="canal" defaultValue={data.channel} key={data.channel}>
                <option value="">Tous les canaux</option>
                {data.channels.map((channel) => (
                  <option key={channel.code} value={channel.code}>
                    {channel.label}
                  </option>
                ))}
              </select>
            </div>
            <button className="btn btn-secondary" type="submit">
              Filtrer
            </button>
          </Form>
          {data.cells.length === 0 ? <p>Aucun item pour ce canal.</p> : null}
          {data.cells.map((cell) => (
            <ReferentialCellTable key={cell.key} id={`cellule-${cell.key}`} caption={cell.caption} items={cell.items} determinantLabels={determinantLabels} />
          ))}
        </section>
      ) : null}
    </div>
  );
}
