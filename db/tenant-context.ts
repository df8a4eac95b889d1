import { sql } from "drizzle-orm";
import type { Database, Executor } from "./client";

/**
 * Runs `fn` in a transaction that PostgreSQL itself confines to one tenant:
 * the role switches to the non-superuser `app_tenant` (subject to the FORCEd
 * row-level security policies) and `app.tenant_id` is set for this transaction
 * only (`set_config(..., true)`), so a pooled connection never leaks it.
 */
export async function inTenant<T>(database: Database, tenantId: string, fn: (tx: Executor) => Promise<T>): Promise<T> {
  return database.transaction(async (tx) => {
    // One round trip: `set_config('role', …, true)` is `set local role`.
    await tx.execute(sql`select set_config('role', 'app_tenant', true), set_config('app.tenant_id', ${tenantId}, true)`);
    return fn(tx);
  });
}
