import { addDays, addYears, max, subDays, subYears } from "date-fns";
import { and, desc, eq, inArray, isNotNull, isNull, lt, lte, ne, not, notExists, notInArray, or, sql } from "drizzle-orm";
import { db, type Executor } from "../../../db/client";
import { inTenant } from "../../../db/tenant-context";
import {
  auditLog,
  digestSubscribers,
  emailOutbox,
  enrolments,
  leadNotes,
  leads,
  memberships,
  oneTimeTokens,
  orders,
  proconnectFlows,
  rateLimitHits,
  sessions,
  tenants,
  users,
} from "../../../db/schema";
import { env } from "~/env.server";
import { formatDate } from "~/utils/format";
import { recordAudit } from "../audit-log/audit-log.server";
import { SESSION_ABSOLUTE_LIFETIME_MS, SESSION_IDLE_TIMEOUT_MS } from "../auth/session-policy";
import { seller } from "../billing/seller";
import type { RetentionAudience } from "../../../emails/structure-retention";
import { enqueueEmails } from "../mail/outbox.server";
import { ANONYMISED, eraseTenant, PAYMENT_PENDING } from "../tenancy/tenant-deletion.server";

/*
 * The retention periods the personal-data page announces, applied by an hourly job (each
 * statement is idempotent: several instances may run it at once). Lazily expired rows (a session
 * is refused once expired, a token once past its date) would otherwise stay in the database.
 * Not purged here: invoices and payments (10 years, legal). A structure's own data goes with the
 * structure (tenant-deletion.server.ts): at its request, or 5 years after its last participation.
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
/**
 * "Données des structures, inscriptions et résultats d'audits : durée de la participation au
 * baromètre, puis 5 ans" — then the space is deleted, its owners told a month before.
 */
export const STRUCTURE_RETENTION_YEARS = 5;
export const STRUCTURE_NOTICE_DAYS = 30;

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
  structureNotices: number;
  structuresDeleted: number;
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
  // Last: a structure that cannot be deleted (logged) leaves the other periods applied.
  const structures = await purgeFormerStructures(now);
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
    ...structures,
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

/**
 * The date a structure last took part: its creation, its enrolments (made, moved — the
 * publication of its results included, not a cancellation or a refund —, paid) and its orders
 * (requested, ordered, paid), whichever is the latest: what AFNOR or a payment provider does on its
 * own (cancelling, refunding) does not restart the clock. The outer table is named in full: drizzle
 * writes a single table's columns without it in a selection or RETURNING, where the subqueries
 * would take them for their own.
 */
const lastParticipation = sql<Date>`greatest(
  tenants.created_at,
  (select max(greatest(e.created_at, case when e.status not in ('cancelled', 'refunded') then e.status_changed_at end, e.paid_at))
     from ${enrolments} e where e.tenant_id = tenants.id),
  (select max(greatest(o.created_at, o.ordered_at, o.paid_at)) from ${orders} o where o.tenant_id = tenants.id)
)`;
/** A notice sent after the last participation: taking part again withdraws it. */
const validNotice = sql`${tenants.retentionNoticeAt} > ${lastParticipation}`;
const retentionOver = (now: Date) => lt(lastParticipation, instant(subYears(now, STRUCTURE_RETENTION_YEARS)));

/**
 * Structures 5 years after their last participation: 30 days before, their owners are told by
 * e-mail (the other members when no owner is left, the enrolments' billing contact when nobody is),
 * then the space is deleted as an admin's deletion does (personal data erased, invoices kept, audit
 * entry without actor). Taking part again withdraws a notice; a new one is sent when the next
 * period nears, and the deletion waits 30 days after it. Money in flight keeps a structure until it
 * settles. One transaction per structure, its row locked (skipped when another instance holds it);
 * a structure that fails is logged and retried at the next run without stopping the others.
 */
async function purgeFormerStructures(now: Date) {
  const database = db();
  const notices = await database.transaction(async (tx) => {
    const noticed = await tx
      .update(tenants)
      .set({ retentionNoticeAt: now })
      .where(
        and(
          isNull(tenants.deletedAt),
          or(isNull(tenants.retentionNoticeAt), not(validNotice)),
          lt(lastParticipation, instant(addDays(subYears(now, STRUCTURE_RETENTION_YEARS), STRUCTURE_NOTICE_DAYS))),
        ),
      )
      .returning({ id: tenants.id, slug: tenants.slug, name: tenants.name, createdAt: tenants.createdAt, lastParticipation });
    if (noticed.length > 0) await notifyFormerStructures(tx, noticed, now);
    return noticed.length;
  });

  const dueNow = and(isNull(tenants.deletedAt), retentionOver(now), validNotice, lte(tenants.retentionNoticeAt, subDays(now, STRUCTURE_NOTICE_DAYS)));
  const due = await database.select({ id: tenants.id }).from(tenants).where(dueNow);
  let deleted = 0;
  for (const { id } of due) {
    try {
      const erased = await database.transaction(async (tx) => {
        // Checked again under the row lock: another instance may have deleted it, or the structure taken part meanwhile.
        const [tenant] = await tx
          .select({ id: tenants.id, slug: tenants.slug })
          .from(tenants)
          .where(and(eq(tenants.id, id), dueNow))
          .for("update", { skipLocked: true });
        if (!tenant) return false;
        return (await eraseTenant(tx, tenant, { actorUserId: null, motif: "fin de la durée de conservation", now })).ok;
      });
      if (erased) deleted++;
    } catch (error) {
      console.error(JSON.stringify({ level: "error", msg: "suppression d'une structure en fin de conservation impossible", tenantId: id, error: (error as Error).message }));
    }
  }
  return { structureNotices: notices, structuresDeleted: deleted };
}

type NoticedStructure = { id: string; slug: string; name: string; createdAt: Date; lastParticipation: Date };

/** Who is told: the owners; every member when no owner is left; the latest enrolment's billing contact when nobody is. */
async function retentionRecipients(executor: Executor, structures: NoticedStructure[]) {
  const ids = structures.map((t) => t.id);
  const [members, contacts] = await Promise.all([
    executor
      .select({ tenantId: memberships.tenantId, role: memberships.role, email: users.email, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(inArray(memberships.tenantId, ids)),
    executor
      .select({ tenantId: enrolments.tenantId, email: enrolments.billingContactEmail, name: enrolments.billingContactName })
      .from(enrolments)
      .where(and(inArray(enrolments.tenantId, ids), ne(enrolments.billingContactEmail, ANONYMISED)))
      .orderBy(desc(enrolments.createdAt)),
  ]);
  return (tenantId: string): { email: string; name: string | null; audience: RetentionAudience }[] => {
    const own = members.filter((m) => m.tenantId === tenantId);
    const owners = own.filter((m) => m.role === "owner");
    if (owners.length > 0) return owners.map((m) => ({ email: m.email, name: m.name, audience: "owner" }));
    if (own.length > 0) return own.map((m) => ({ email: m.email, name: m.name, audience: "member" }));
    const contact = contacts.find((c) => c.tenantId === tenantId);
    return contact ? [{ email: contact.email, name: contact.name, audience: "contact" }] : [];
  };
}

async function notifyFormerStructures(executor: Executor, noticed: NoticedStructure[], now: Date) {
  const recipientsOf = await retentionRecipients(executor, noticed);
  const base = env().APP_URL;
  for (const tenant of noticed) {
    const since = new Date(tenant.lastParticipation);
    const recipients = recipientsOf(tenant.id);
    await enqueueEmails(
      recipients.map((recipient) => ({
        template: "structure-retention" as const,
        to: recipient.email,
        tenantId: tenant.id,
        // Once per recipient and period: taking part again starts a new period.
        idempotencyKey: `structure-retention:${tenant.id}:${since.toISOString()}:${recipient.email.toLowerCase()}`,
        props: {
          name: recipient.name,
          audience: recipient.audience,
          structureName: tenant.name,
          neverTookPart: since.getTime() === new Date(tenant.createdAt).getTime(),
          lastParticipation: formatDate(since),
          deletionDate: formatDate(structureDeletionDate(since, now)),
          enrolUrl: `${base}/t/${tenant.slug}/inscription`,
          exportUrl: `${base}/t/${tenant.slug}/donnees`,
          contactEmail: seller.email,
        },
      })),
      executor,
    );
    await recordAudit(executor, {
      tenantId: tenant.id,
      actorUserId: null,
      action: "tenant.retention_notice",
      targetType: "tenant",
      targetId: tenant.id,
      details: { derniereParticipation: since.toISOString(), destinataires: recipients.length },
    });
  }
}

/** The day a warned structure goes: 5 years after its last participation, never less than 30 days after the notice. */
function structureDeletionDate(lastParticipation: Date, noticeAt: Date) {
  return max([addYears(lastParticipation, STRUCTURE_RETENTION_YEARS), addDays(noticeAt, STRUCTURE_NOTICE_DAYS)]);
}

/** Announced for a later day; due (the next hourly run deletes it); past due, held back by money in flight. */
export type DeletionState = "announced" | "due" | "awaiting_payment";
export type ScheduledDeletion = { lastParticipation: Date; neverTookPart: boolean; noticeAt: Date; deletionDate: Date; state: DeletionState };

/**
 * A structure's announced deletion, shown to its members and to AFNOR staff: when it was warned and
 * has not taken part since; null otherwise. Reads the structure, its enrolments and its orders (inside
 * `inTenant` on the tenant side).
 */
export async function scheduledStructureDeletion(executor: Executor, tenantId: string, now = new Date()): Promise<ScheduledDeletion | null> {
  const [row] = await executor
    .select({
      noticeAt: tenants.retentionNoticeAt,
      createdAt: tenants.createdAt,
      lastParticipation,
      moneyInFlight: sql<boolean>`exists (select 1 from ${enrolments} e where e.tenant_id = tenants.id and e.status in ${[...PAYMENT_PENDING]})
        or exists (select 1 from ${orders} o where o.tenant_id = tenants.id and o.status in ${[...PAYMENT_PENDING]})`,
    })
    .from(tenants)
    .where(and(eq(tenants.id, tenantId), isNull(tenants.deletedAt), validNotice));
  if (!row?.noticeAt) return null;
  const since = new Date(row.lastParticipation);
  const deletionDate = structureDeletionDate(since, row.noticeAt);
  return {
    lastParticipation: since,
    neverTookPart: since.getTime() === row.createdAt.getTime(),
    noticeAt: row.noticeAt,
    deletionDate,
    state: deletionDate > now ? "announced" : row.moneyInFlight ? "awaiting_payment" : "due",
  };
}

/** The same, read as the structure's members read their data (row-level security). */
export function tenantScheduledDeletion(tenantId: string, now = new Date()) {
  return inTenant(db(), tenantId, (tx) => scheduledStructureDeletion(tx, tenantId, now));
}
