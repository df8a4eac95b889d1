import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "~/utils/zod";
import { ImportRefusal } from "~/components/import-report";
import { requireStaff } from "~/modules/auth/guards.server";
import { importAuditAnswers, type ImportResult } from "~/modules/audits/import.server";
import { listEditions } from "~/modules/editions/editions.server";
import { checkCsvFile, readUploadForm } from "~/utils/csv-upload.server";
import { formatNumber } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Importer des audits | Back-office | Baromètre Expérience Citoyen" }];

const MAX_FILE_BYTES = 20 * 1024 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, ["admin", "auditor"]);
  const editions = await listEditions();
  // By default, the edition whose enrolment is open (else the latest one).
  const fallback = editions.find((e) => e.status === "open") ?? editions[0];
  return { years: editions.map((e) => e.year), defaultYear: fallback?.year ?? null };
}

const importFormSchema = z.object({
  annee: z.coerce.number({ error: "Choisissez l'édition." }).int("Choisissez l'édition."),
  simulation: z.literal("on").optional(),
});

type ActionResult = { fileName: string | null } & ImportResult;

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireStaff(request, ["admin", "auditor"]);
  const formData = await readUploadForm(request, MAX_FILE_BYTES);
  if (!formData) return refuse(null, "Le fichier dépasse 20 Mo : découpez-le, ou importez-le en ligne de commande (npm run import:audits).", 413);
  const upload = checkCsvFile(formData.get("fichier"));
  if (!upload.ok) return refuse(upload.fileName, upload.message, upload.fileName ? 415 : 400);
  const { file } = upload;
  const parsed = importFormSchema.safeParse({ annee: formData.get("annee"), simulation: formData.get("simulation") ?? undefined });
  if (!parsed.success) return refuse(file.name, parsed.error.issues[0]?.message ?? "Saisie invalide.", 400);
  const result = await importAuditAnswers({
    buffer: Buffer.from(await file.arrayBuffer()),
    editionYear: parsed.data.annee,
    actorUserId: user.id,
    dryRun: parsed.data.simulation === "on",
  });
  return { fileName: file.name, ...result };
}

/** A file refused before reading it: too large (413), not a CSV (415), no file or no edition (400). */
function refuse(fileName: string | null, message: string, status: 400 | 413 | 415) {
  return data<ActionResult>({ fileName, ok: false, errors: [message], errorCount: 1 }, { status });
}

export default function AuditImport() {
  const { years, defaultYear } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <div className="stack">
      <h1>Importer des réponses d'audit</h1>
      <p>
        Un fichier CSV exporté par les auditeurs, une ligne par réponse. Tout ou rien : si une seule ligne est fausse, rien n'est importé et chaque erreur
        est signalée avec son numéro de ligne. Importer deux fois le même fichier ne change rien.
      </p>
      <details>
        <summary>Format attendu</summary>
        <ul>
          <li>
            Colonnes (première ligne) : <code>siret</code> ou <code>structure</code> (identifiant de la structure), <code>numero_audit</code> (1 à 13),{" "}
            <code>canal</code> (Téléphone, Courriel, Courrier postal, Site internet, Réseaux sociaux et avis en ligne, Accueil physique), <code>date</code>{" "}
            (JJ/MM/AAAA), <code>code_item</code>, <code>valeur</code> (oui, non, na, une note de 0 à 4 ou une mesure), <code>commentaire</code> (facultatif).
          </li>
          <li>Séparateur point-virgule ou virgule ; encodage UTF-8 (avec ou sans BOM) ou Windows-1252 ; virgule décimale acceptée.</li>
          <li>La structure doit être inscrite à l'édition choisie.</li>
        </ul>
      </details>
      <Form method="post" encType="multipart/form-data" className="stack" aria-busy={busy}>
        <div className="field">
          <label htmlFor="fichier">Fichier CSV (20 Mo au plus)</label>
          <input id="fichier" name="fichier" type="file" accept=".csv,.txt,text/csv" required />
        </div>
        <div className="field">
          <label htmlFor="annee">Édition</label>
          <select id="annee" name="annee" defaultValue={defaultYear ?? undefined}>
            {years.map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </select>
        </div>
        <div className="checkbox">
          <input id="simulation" name="simulation" type="checkbox" />
          <label htmlFor="simulation">Simulation (aucune écriture)</label>
        </div>
        <div className="cluster">
          <button className="btn" type="submit" disabled={busy}>
            {busy ? "Import en cours…" : "Importer"}
          </button>
        </div>
      </Form>
      {busy ? (
        <p role="status">Lecture et contrôle du fichier en cours, cela peut prendre quelques secondes…</p>
      ) : result ? (
        <ImportOutcome result={result} />
      ) : null}
    </div>
  );
}

function ImportOutcome({ result }: { result: ActionResult }) {
  const file = result.fileName ? ` « ${result.fileName} »` : "";
  if (!result.ok) return <ImportRefusal fileName={result.fileName} errors={result.errors} errorCount={result.errorCount} />;
  const { summary } = result;
  const rows: [string, number][] = [
    ["Lignes lues", summary.lines],
    ["Structures", summary.tenants],
    ["Audits créés", summary.audits.created],
    ["Audits mis à jour", summary.audits.updated],
    ["Réponses créées", summary.answers.created],
    ["Réponses modifiées", summary.answers.updated],
    ["Réponses inchangées", summary.answers.unchanged],
  ];
  return (
    <div className="stack-sm">
      <div className={`alert ${result.dryRun ? "alert-info" : "alert-success"}`} role="status">
        {result.dryRun ? `Simulation terminée pour${file} : aucune donnée n'a été enregistrée.` : `Fichier${file} importé.`}
      </div>
      <div className="table-wrapper">
        <table className="table">
          <caption>{result.dryRun ? "Ce que l'import changerait" : "Résultat de l'import"}</caption>
          <thead>
            <tr>
              <th scope="col">Élément</th>
              <th scope="col" className="numeric">
                Nombre
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, count]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td className="numeric">{formatNumber(count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
