import { addDays, addYears, max, subDays, subYears } from "date-fns";
import { and, eq, inArray, isNotNull, isNull, lt, lte, ne, notExists, notInArray, or, sql } from "drizzle-orm";
import { db, type Executor } from "../../../db/client";
import { auditLog, digestSubscribers, emailOutbox, leadNotes, leads, oneTimeTokens, orders, proconnectFlows, rateLimitHits, sessions, users } from "../../../db/schema";
import { env } from "~/env.server";
import { formatDate } from "~/utils/format";
import { recordAudit } from "../audit-log/audit-log.server";
import { SESSION_ABSOLUTE_LIFETIME_MS, SESSION_IDLE_TIMEOUT_MS } from "../auth/session-policy";
import { enqueueEmails } from "../mail/outbox.server";
import { ANONYMISED, PAYMENT_PENDING } from "../tenancy/tenant-deletion.server";

/*
 * The retention periods the personal-data page announces, applied by an hourly job (each
 * statement is idempotent: several instances may run it at once). Lazily expired rows (a session
 * is refused once expired, a token once past its date) would otherwise stay in the database.
 * Not purged here: invoices and payments (10 years, legal), the structures' own data (erased on
 * deletion, tenant-deletion.server.ts), enrolments and results (participation + 5 years: a
 * structure's lifecycle, decided with it).
 */
const DAY_MS = 24 * 60 * 60 * 1000;
/** "Courriels envoyés par le portail : 1 an". */
export const SENT_EMAILS_RETENTION_DAYS = 365;
/** The longest rate-limit window is one hour: a day-old counter is never read again. */
const RATE_LIMIT_KEEP_MS = DAY_MS;

/** "Journaux techniques et de sécurité, journal des actions du back-office : 1 an". */
export const AUDIT_LOG_RETENTION_DAYS = 365;
/** "Comptes inactifs : 3 ans après la dernière connexion, puis suppression (un courriel vous prévient un mois avant)". */
export const INACTIVE_ACCOUNT_YEARS = 3;
export const INACTIVITY_NOTICE_DAYS = 30;
/** "Demandes de devis et commandes d'offres : 3 ans après le dernier contact". */
export const SALES_CONTACT_YEARS = 3;

export type PurgeCounts = {
  sessions: number;
  oneTimeTokens: number;
  proconnectFlows: number;
  rateLimitHits: number;
  pendingSubscriptions: number;
  emails: number;
  auditEntries: number;
  inactivityNotices: number;
  inactiveAccounts: number;
  ordersAnonymised: number;
  leadNotesAnonymised: number;
};

const count = (rows: unknown[]) => rows.length;

export async function purgeExpiredData(now = new Date()): Promise<PurgeCounts> {
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const database = db();
  const [expiredSessions, tokens, flows, hits, subscriptions, emails, auditEntries, accounts, sales] = await Promise.all([
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
    database.delete(auditLog).where(lt(auditLog.createdAt, ago(AUDIT_LOG_RETENTION_DAYS * DAY_MS))).returning({ id: auditLog.id }),
    purgeInactiveAccounts(now),
    anonymiseOldSalesContacts(now),
  ]);
  return {
    sessions: count(expiredSessions),
    oneTimeTokens: count(tokens),
    proconnectFlows: count(flows),
    rateLimitHits: count(hits),
    pendingSubscriptions: count(subscriptions),
    emails: count(emails),
    auditEntries: count(auditEntries),
    ...accounts,
    ...sales,
  };
}

/** A date compared to an SQL expression (no column to encode it: the postgres driver wants text). */
const instant = (date: Date) => date.toISOString();

/** The date the inactivity clock starts from: the last sign-in, or the account's creation if never. */
const lastActivity = sql<Date>`coalesce(${users.lastLoginAt}, ${users.createdAt})`;

/**
 * Accounts without a sign-in for 3 years are deleted, after an e-mail sent 30 days before (and at
 * least 30 days before: a late notice moves the date, never shortens the warning). A sign-in in
 * between clears the notice (createSession). Deleting the user row does the rest through the
 * foreign keys, as a structure's deletion does: sessions and tokens go, authorship columns fall
 * to null; the structures and their data stay.
 */
async function purgeInactiveAccounts(now: Date) {
  const database = db();
  const notices = await database.transaction(async (tx) => {
    // The row lock of the UPDATE makes two instances notify each account once.
    const noticed = await tx
      .update(users)
      .set({ inactivityNoticeAt: now })
      .where(and(isNull(users.inactivityNoticeAt), lt(lastActivity, instant(addDays(subYears(now, INACTIVE_ACCOUNT_YEARS), INACTIVITY_NOTICE_DAYS)))))
      .returning({ id: users.id, email: users.email, name: users.name, lastActivity });
    await notifyInactive(tx, noticed, now);
    return noticed.length;
  });
  const deleted = await database.transaction(async (tx) => {
    const gone = await tx
      .delete(users)
      .where(and(lt(lastActivity, instant(subYears(now, INACTIVE_ACCOUNT_YEARS))), lte(users.inactivityNoticeAt, subDays(now, INACTIVITY_NOTICE_DAYS))))
      .returning({ id: users.id });
    if (gone.length > 0) {
      await recordAudit(tx, { tenantId: null, actorUserId: null, action: "accounts.inactive_deleted", details: { comptes: gone.length, ids: gone.map((u) => u.id) } });
    }
    return gone.length;
  });
  return { inactivityNotices: notices, inactiveAccounts: deleted };
}

function notifyInactive(executor: Executor, noticed: { id: string; email: string; name: string | null; lastActivity: Date }[], now: Date) {
  return enqueueEmails(
    noticed.map((user) => {
      const since = new Date(user.lastActivity);
      return {
        template: "account-inactive" as const,
        to: user.email,
        // Once per period of inactivity: a later one (after a sign-in) is a new message.
        idempotencyKey: `account-inactive:${user.id}:${since.toISOString()}`,
        props: {
          name: user.name,
          deletionDate: formatDate(max([addYears(since, INACTIVE_ACCOUNT_YEARS), addDays(now, INACTIVITY_NOTICE_DAYS)])),
          signInUrl: `${env().APP_URL}/connexion`,
        },
      };
    }),
    executor,
  );
}

/**
 * Quote requests and orders 3 years after the last contact (the order's own dates, its lead's last
 * change, the last sales note): the buyer's contact and message are anonymised, as a structure's
 * deletion does; the order itself stays, with its amounts, for the invoices (10 years). Orders with
 * money in flight (awaiting payment, invoice unpaid) are left until they settle. Sales notes of
 * leads past the same period are anonymised too, whatever their order.
 */
async function anonymiseOldSalesContacts(now: Date) {
  const cutoff = instant(subYears(now, SALES_CONTACT_YEARS));
  return db().transaction(async (tx) => {
    const leadLastContact = sql`greatest(${leads.updatedAt}, (select max(n.created_at) from ${leadNotes} n where n.tenant_id = ${leads.tenantId} and n.lead_id = ${leads.id}))`;
    const staleLeads = tx
      .select({ id: leads.id })
      .from(leads)
      .where(
        and(
          lt(leadLastContact, cutoff),
          notExists(
            tx
              .select({ one: sql`1` })
              .from(orders)
              .where(and(eq(orders.tenantId, leads.tenantId), eq(orders.id, leads.orderId), inArray(orders.status, [...PAYMENT_PENDING]))),
          ),
        ),
      );
    const anonymisedOrders = await tx
      .update(orders)
      .set({ billingContactName: ANONYMISED, billingContactEmail: ANONYMISED, message: null, createdBy: null })
      .where(
        and(
          notInArray(orders.status, [...PAYMENT_PENDING]),
          ne(orders.billingContactEmail, ANONYMISED),
          lt(
            sql`greatest(${orders.createdAt}, ${orders.orderedAt}, ${orders.paidAt}, ${orders.cancelledAt}, (select ${leadLastContact} from ${leads} where ${leads.tenantId} = ${orders.tenantId} and ${leads.orderId} = ${orders.id}))`,
            cutoff,
          ),
        ),
      )
      .returning({ id: orders.id });
    const anonymisedNotes = await tx
      .update(leadNotes)
      .set({ body: ANONYMISED })
      .where(and(ne(leadNotes.body, ANONYMISED), inArray(leadNotes.leadId, staleLeads)))
      .returning({ id: leadNotes.id });
    return { ordersAnonymised: anonymisedOrders.length, leadNotesAnonymised: anonymisedNotes.length };
  });
}
