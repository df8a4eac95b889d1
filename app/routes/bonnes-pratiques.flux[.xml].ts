import { env } from "~/env.server";
import { latestPublished } from "~/modules/practices/practices.server";
import { atomFeed } from "~/modules/practices/feed";

/** Atom feed of the published practices (never a scheduled one: `latestPublished` filters by date). */
export async function loader() {
  const practices = await latestPublished(new Date(), 30);
  return new Response(atomFeed(env().APP_URL, practices), {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=600" },
  });
}
