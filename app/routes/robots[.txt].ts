import { env } from "~/env.server";
import { robotsTxt } from "~/modules/public/robots";

export function loader() {
  return new Response(robotsTxt(env().APP_URL), {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
