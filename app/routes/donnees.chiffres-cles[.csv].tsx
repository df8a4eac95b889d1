import type { LoaderFunctionArgs } from "@remix-run/node";
import { PUBLIC_PAGE_CACHE_CONTROL } from "~/modules/public/http-cache";
import { openDataCsvLines, openDataHeader, openDataRows } from "~/modules/public/key-figures";
import { listKeyFigures } from "~/modules/public/key-figures.server";
import { csvResponse, toCsv } from "~/utils/csv";

/** Open data: one line per public edition, for French Excel (Licence Ouverte 2.0). */
export async function loader(_: LoaderFunctionArgs) {
  const body = toCsv(openDataHeader, openDataCsvLines(openDataRows(await listKeyFigures())));
  const response = csvResponse("chiffres-cles-barometre-experience-citoyen.csv", body);
  response.headers.set("Cache-Control", PUBLIC_PAGE_CACHE_CONTROL);
  return response;
}
