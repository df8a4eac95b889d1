import { env } from "~/env.server";
import { PUBLIC_PAGE_CACHE_CONTROL } from "~/modules/public/http-cache";
import { laureatesOpenData } from "~/modules/public/laureates.server";
import { OPEN_LICENCE, OPEN_LICENCE_URL } from "~/modules/public/open-data";

/** Open data: every public laureate as JSON, with its licence and source. */
export async function loader() {
  const origin = env().APP_URL;
  const laureats = await laureatesOpenData(origin);
  const body = {
    titre: "Lauréats du Baromètre Expérience Citoyen",
    producteur: "AFNOR",
    licence: OPEN_LICENCE,
    licence_url: OPEN_LICENCE_URL,
    source: `${origin}/laureats`,
    documentation: `${origin}/donnees`,
    genere_le: new Date().toISOString(),
    laureats,
  };
  return new Response(JSON.stringify(body, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'inline; filename="laureats.json"',
      "Cache-Control": PUBLIC_PAGE_CACHE_CONTROL,
      "Access-Control-Allow-Origin": "*",
    },
  });
}
