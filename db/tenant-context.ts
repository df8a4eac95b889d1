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
    // `set_config('role', …, true)` is `set local role`. Sent now (`then` starts a query) and not
    // awaited: the callback's first statement follows it on the same connection, which runs them
    // in order, so both travel together and the context is set before anything is read.
    const context = tx.execute(sql`select set_config('role', 'app_tenant', true), set_config('app.tenant_id', ${tenantId}, true)`).then(() => undefined);
    const [, result] = await Promise.all([context, fn(tx)]);
    return result;
  });
}
