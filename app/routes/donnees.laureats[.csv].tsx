import { PUBLIC_PAGE_CACHE_CONTROL } from "~/modules/public/http-cache";
import { env } from "~/env.server";
import { openDataColumns } from "~/modules/public/laureates";
import { laureatesOpenData } from "~/modules/public/laureates.server";
import { csvResponse, toCsv } from "~/utils/csv";

/** Open data: every public laureate, one line each, for French Excel (Licence Ouverte 2.0). */
export async function loader() {
  const rows = await laureatesOpenData(env().APP_URL);
  const body = toCsv(
    openDataColumns.map((column) => column.label),
    rows.map((row) => openDataColumns.map((column) => row[column.key])),
  );
  const response = csvResponse("laureats.csv", body);
  // Public data, the same for everyone: cacheable like the public pages.
  response.headers.set("Cache-Control", PUBLIC_PAGE_CACHE_CONTROL);
  return response;
}
