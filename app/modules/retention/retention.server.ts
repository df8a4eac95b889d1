import { and, isNotNull, lt, lte, or, sql } from "drizzle-orm";
import { db } from "../../../db/client";
import { digestSubscribers, emailOutbox, oneTimeTokens, proconnectFlows, rateLimitHits, sessions } from "../../../db/schema";
import { SESSION_ABSOLUTE_LIFETIME_MS, SESSION_IDLE_TIMEOUT_MS } from "../auth/session-policy";

/*
 * The retention periods the personal-data page announces, applied by an hourly job (each
 * statement is idempotent: several instances may run it at once). Lazily expired rows (a session
 * is refused once expired, a token once past its date) would otherwise stay in the database.
 * Not purged here: invoices and payments (10 years, legal), the structures' own data (erased on
 * deletion, tenant-deletion.server.ts); the audit log and the 3-year purge of inactive accounts are
 * not automated yet.
 */
const DAY_MS = 24 * 60 * 60 * 1000;
/** "Courriels envoyés par le portail : 1 an". */
export const SENT_EMAILS_RETENTION_DAYS = 365;
/** The longest rate-limit window is one hour: a day-old counter is never read again. */
const RATE_LIMIT_KEEP_MS = DAY_MS;

export type PurgeCounts = { sessions: number; oneTimeTokens: number; proconnectFlows: number; rateLimitHits: number; pendingSubscriptions: number; emails: number };

const count = (rows: unknown[]) => rows.length;

export async function purgeExpiredData(now = new Date()): Promise<PurgeCounts> {
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const database = db();
  const [expiredSessions, tokens, flows, hits, subscriptions, emails] = await Promise.all([
    // "Sessions de connexion : 30 jours au plus (10 jours sans activité)".
    database
      .delete(sessions)
      .where(or(lte(sessions.createdAt, ago(SESSION_ABSOLUTE_LIFETIME_MS)), lte(sessions.lastVerifiedAt, ago(SESSION_IDLE_TIMEOUT_MS))))
      .returning({ id: sessions.id }),
    // A one-time link past its date can no longer be used, whether it was or not.
    database.delete(oneTimeTokens).where(lt(oneTimeTokens.expiresAt, now)).returning({ id: oneTimeTokens.id }),
    database.delete(proconnectFlows).where(lt(proconnectFlows.expiresAt, now)).returning({ id: proconnectFlows.id }),
    database.delete(rateLimitHits).where(lt(rateLimitHits.windowStart, ago(RATE_LIMIT_KEEP_MS))).returning({ key: rateLimitHits.key }),
    // "Une demande non confirmée expire au bout de 48 heures".
    database
      .delete(digestSubscribers)
      .where(and(sql`${digestSubscribers.status} = 'pending'`, isNotNull(digestSubscribers.confirmExpiresAt), lt(digestSubscribers.confirmExpiresAt, now)))
      .returning({ id: digestSubscribers.id }),
    database
      .delete(emailOutbox)
      .where(lt(emailOutbox.createdAt, ago(SENT_EMAILS_RETENTION_DAYS * DAY_MS)))
      .returning({ id: emailOutbox.id }),
  ]);
  return {
    sessions: count(expiredSessions),
    oneTimeTokens: count(tokens),
    proconnectFlows: count(flows),
    rateLimitHits: count(hits),
    pendingSubscriptions: count(subscriptions),
    emails: count(emails),
  };
}
