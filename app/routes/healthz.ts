import { sql } from "drizzle-orm";
import { db } from "../../db/client";
import { RETRY_AFTER_SECONDS } from "../modules/observability/database-unavailable.server";

/** Liveness and readiness: answers ok only after a real database round trip. */
export async function loader() {
  try {
    await db().execute(sql`select 1`);
    return Response.json({ status: "ok", db: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ status: "error", db: "unreachable" }, { status: 503, headers: { "Cache-Control": "no-store", "Retry-After": String(RETRY_AFTER_SECONDS) } });
  }
}
