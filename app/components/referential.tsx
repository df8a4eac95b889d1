import { ImportRefusal } from "~/components/import-report";
import { answerTypeLabels, describeThresholds, type AnswerType, type Threshold } from "~/modules/referential/labels";
import { formatNumber } from "~/utils/format";

export function ReferentialStatusBadge({ exists, publishedOn }: { exists: boolean; publishedOn: string | null }) {
  if (!exists) return <span className="badge badge-neutral">Aucun référentiel</span>;
  if (publishedOn) return <span className="badge badge-success">Publié le {publishedOn}</span>;
  return <span className="badge badge-warning">Brouillon</span>;
}

export type ItemRow = {
  code: string;
  label: string;
  determinant: string;
  answerType: AnswerType;
  weight: number;
  unit: string | null;
  thresholds: Threshold[] | null;
  source: string;
};

/** The items of one channel × stage cell, with their scoring in words. */
export function ReferentialCellTable({ id, caption, items, determinantLabels }: { id: string; caption: string; items: ItemRow[]; determinantLabels: Record<string, string> }) {
  return (
    <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby={id}>
      <table className="table">
        <caption id={id}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Item</th>
            <th scope="col">Déterminant</th>
            <th scope="col">Type de réponse</th>
            <th scope="col" className="numeric">
              Poids
            </th>
            <th scope="col">Barème</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.code}>
              <th scope="row">
                <code>{item.code}</code>
              </th>
              <td>{item.label}</td>
              <td>{determinantLabels[item.determinant] ?? item.determinant}</td>
              <td>{answerTypeLabels[item.answerType]}</td>
              <td className="numeric">{item.weight}</td>
              <td>
                <Scoring item={item} />
              </td>
              <td>{item.source}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Scoring({ item }: { item: ItemRow }) {
  const pts = (value: number) => `${formatNumber(value)} ${value >= 2 ? "pts" : "pt"}`;
  if (item.answerType === "yes_no") return <>oui : {pts(item.weight)}, non : 0 pt</>;
  if (item.answerType === "scale") return <>de 0 pt (note 0) à {pts(item.weight)} (note 4), par quarts</>;
  return (
    <ul className="stack-sm">
      {describeThresholds(item.thresholds ?? [], item.unit, item.weight).map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

export type ImportSummary = { lines: number; added: string[]; changed: string[]; removed: string[]; unchanged: number };
export type ImportOutcome = { fileName: string | null } & ({ ok: true; dryRun: boolean; summary: ImportSummary } | { ok: false; errors: string[]; errorCount: number });

const LISTED_CODES = 30;

function codes(list: string[]) {
  if (list.length === 0) return "—";
  const shown = list.slice(0, LISTED_CODES).join(", ");
  return list.length > LISTED_CODES ? `${shown}… (et ${formatNumber(list.length - LISTED_CODES)} autres)` : shown;
}

export function ReferentialImportOutcome({ outcome }: { outcome: ImportOutcome }) {
  if (!outcome.ok) return <ImportRefusal fileName={outcome.fileName} errors={outcome.errors} errorCount={outcome.errorCount} />;
  const file = outcome.fileName ? ` « ${outcome.fileName} »` : "";
  const { summary } = outcome;
  const unchangedFile = summary.added.length + summary.changed.length + summary.removed.length === 0;
  const message = outcome.dryRun
    ? `Simulation terminée pour${file} : rien n'a été enregistré.`
    : unchangedFile
      ? `Fichier${file} importé : il est identique au référentiel, rien n'a changé.`
      : `Fichier${file} importé : le référentiel est remplacé.`;
  const rows: [string, number, string | null][] = [
    ["Items dans le fichier", summary.lines, null],
    ["Items ajoutés", summary.added.length, codes(summary.added)],
    ["Items modifiés", summary.changed.length, codes(summary.changed)],
    ["Items supprimés", summary.removed.length, codes(summary.removed)],
    ["Items inchangés", summary.unchanged, null],
  ];
  return (
    <div className="stack-sm">
      <div className={`alert ${outcome.dryRun ? "alert-info" : "alert-success"}`} role="status">
        {message}
      </div>
      <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-import">
        <table className="table">
          <caption id="legende-import">{outcome.dryRun ? "Ce que l'import changerait" : "Résultat de l'import"}</caption>
          <thead>
            <tr>
              <th scope="col">Items</th>
              <th scope="col" className="numeric">
                Nombre
              </th>
              <th scope="col">Codes</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, count, list]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td className="numeric">{formatNumber(count)}</td>
                <td>{list ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
