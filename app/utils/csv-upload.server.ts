import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";

/*
 * The CSV file of a back-office import form (multipart): read in memory up to a size limit, then
 * checked to be a non-empty CSV file. Shared by the audit answers and the referential imports.
 */

const csvTypes = new Set(["text/csv", "application/csv", "text/plain", "application/vnd.ms-excel", "text/comma-separated-values"]);

/**
 * The form's fields and files, or null when a file exceeds `maxBytes`. A body that is not
 * multipart (a forged or scripted POST) is a 400 with a French message, never a 500.
 */
export async function readUploadForm(request: Request, maxBytes: number): Promise<FormData | null> {
  if (!(request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data"))
    throw new Response("Envoyez le fichier CSV avec le formulaire d'import (envoi multipart/form-data).", { status: 400 });
  try {
    return await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: maxBytes }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return null;
    throw error;
  }
}

/** The uploaded file when it is a non-empty CSV (by extension, else by type), or a French message. */
export function checkCsvFile(value: FormDataEntryValue | null): { ok: true; file: File } | { ok: false; fileName: string | null; message: string } {
  if (!(value instanceof File) || value.size === 0) return { ok: false, fileName: null, message: "Choisissez un fichier CSV non vide." };
  const extension = value.name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  const isCsv = extension ? extension === "csv" || extension === "txt" : csvTypes.has(value.type);
  if (!isCsv)
    return {
      ok: false,
      fileName: value.name,
      message: `« ${value.name} » n'est pas un fichier CSV : enregistrez le tableau au format CSV (séparateur point-virgule) puis recommencez.`,
    };
  return { ok: true, file: value };
}
