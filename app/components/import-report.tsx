import { formatNumber } from "~/utils/format";

/** A refused import file: how many errors, that nothing was written, and the errors listed by line. */
export function ImportRefusal({ fileName, errors, errorCount }: { fileName: string | null; errors: string[]; errorCount: number }) {
  const file = fileName ? ` « ${fileName} »` : "";
  const plural = errorCount > 1 ? "s" : "";
  return (
    <div className="alert alert-error stack-sm" role="alert">
      <h2>
        Fichier{file} refusé : {formatNumber(errorCount)} erreur{plural}, rien n'a été importé
      </h2>
      {errorCount > errors.length ? <p>Les {formatNumber(errors.length)} premières erreurs :</p> : null}
      <ul>
        {errors.map((error, index) => (
          <li key={index}>{error}</li>
        ))}
      </ul>
    </div>
  );
}
