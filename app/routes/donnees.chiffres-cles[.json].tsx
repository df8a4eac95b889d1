import type { LoaderFunctionArgs } from "@remix-run/node";
import { env } from "~/env.server";
import { PUBLIC_PAGE_CACHE_CONTROL } from "~/modules/public/http-cache";
import { openDataDocument } from "~/modules/public/key-figures";
import { listKeyFigures } from "~/modules/public/key-figures.server";

/** Open data: the key figures of every public edition, dot decimals, under the Licence Ouverte 2.0. */
export async function loader(_: LoaderFunctionArgs) {
  const document = openDataDocument(await listKeyFigures(), { origin: env().APP_URL });
  return Response.json(document, { headers: { "Cache-Control": PUBLIC_PAGE_CACHE_CONTROL } });
}
