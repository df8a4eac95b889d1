import { and, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import { db, type Executor } from "../../../db/client";
import {
  actionComments,
  actions,
  auditAnswers,
  audits,
  editions,
  emailOutbox,
  enrolments,
  invitations,
  invoiceReminders,
  leadNotes,
  membershipRequests,
  memberships,
  orders,
  practiceBookmarks,
  sessions,
  staffRoles,
  tenants,
  users,
} from "../../../db/schema";
import { z } from "~/utils/zod";
import { recordAudit } from "../audit-log/audit-log.server";
import type { Authenticated, StaffRole } from "../auth/guards.server";
import { applyEnrolmentTransitions } from "../enrolment/enrolment.server";
import { enrolmentStatusLabels, type EnrolmentStatus } from "../enrolment/state-machine";
import { orderCancelled } from "../offers/order-payments.server";
import { orderStatusLabels } from "../offers/order-rules";

/*
 * Deleting a structure at its request (or at the end of the relationship; the retention job does
 * it 5 years after its last participation, retention.server.ts) is an erasure of the
 * personal data it holds, not a DELETE of the tenant row, because AFNOR must keep its invoices and
 * payments for ten years (French commercial code, art. L123-22): those rows stay untouched, with
 * the structure's legal identity (name, SIRET, address), which is not personal data of anyone.
 *
 * The rules, in one transaction:
 * - memberships, invitations, requests to join and bookmarks are deleted;
 * - a user whose only structure was this one and who is not AFNOR staff is deleted: an account
 *   without a structure serves no purpose, and anonymising would keep a login row nobody can
 *   use. The foreign keys do the rest: sessions and one-time tokens are deleted (every device
 *   is signed out), authorship columns elsewhere fall to null. A user who belongs to another
 *   structure keeps an account and only loses this membership;
 * - contact names and e-mails typed on enrolments and orders, order messages, sales notes and
 *   invoice-reminder recipients become "Anonymisé"; action-plan free texts (descriptions,
 *   comments, titles typed by members) and auditors' comments are cleared, since they may name
 *   agents; e-mails sent about the structure are removed from the outbox;
 * - money in flight blocks the deletion (409): an enrolment or an order awaiting its payment or
 *   with an invoice issued and unpaid would be paid for a structure that no longer exists; the
 *   admin cancels it first (enrolment: back-office « Inscriptions »; order: void its invoice in
 *   Stripe), or waits for the payment. Enrolments still in draft and orders at the quote-request
 *   stage are cancelled with the deletion (transition rows and audit entries, source
 *   "suppression"). Paid, audited and published ones stay as they are, like their invoices;
 * - audits not yet validated leave the auditors' lists (deleted with their draft answers): nobody
 *   is left to receive their results, and the structure is not published without them (an
 *   enrolment still in audit of a deleted structure is never published); validated ones stay;
 * - the showcase consent is withdrawn, which takes the linked laureate entries off the public
 *   pages (they read the consent on every request);
 * - published results stay: the snapshot rows keep feeding the frozen benchmarks (national means
 *   published on the public pages must not move after the fact), and nothing public names the
 *   structure any more;
 * - the tenant is marked deleted (`deleted_at`, `deleted_by`): it leaves the directory, the
 *   search and the laureate form, and its URLs answer 404;
 * - the audit log records who deleted it, when, and how many rows each rule touched.
 */

export const ANONYMISED = "Anonymisé";

export const deletionConfirmationSchema = z.object({
  confirmName: z
    .string({ error: "Recopiez le nom de la structure pour confirmer la suppression." })
    .trim()
    .min(1, "Recopiez le nom de la structure pour confirmer la suppression.")
    .max(300, "300 caractères au plus."),
});

export type DeletionCounts = {
  enrolmentsCancelled: number;
  ordersCancelled: number;
  auditsWithdrawn: number;
  memberships: number;
  invitations: number;
  membershipRequests: number;
  usersDeleted: number;
  bookmarks: number;
  enrolmentsAnonymised: number;
  ordersAnonymised: number;
  leadNotesAnonymised: number;
  invoiceRemindersAnonymised: number;
  actionsCleared: number;
  actionComments: number;
  auditComments: number;
  emails: number;
  impersonations: number;
};

export type DeletionOutcome =
  | { ok: true; tenantId: string; name: string; counts: DeletionCounts }
  | { ok: false; status: 400 | 403 | 404 | 409; message: string; field?: "confirmName" };

type Staff = Authenticated & { roles: readonly StaffRole[] };

/** Compares names as typed: surrounding and repeated spaces ignored, case and accents kept. */
function sameName(typed: string, name: string) {
  const norm = (value: string) => value.normalize("NFC").trim().replace(/\s+/g, " ");
  return norm(typed) === norm(name);
}

function rowCount(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  const r = result as { count?: number; affectedRows?: number; rowCount?: number };
  return r.count ?? r.affectedRows ?? r.rowCount ?? 0;
}

/** Deletes a structure's personal data and marks it deleted; AFNOR admins only. */
export async function deleteTenant(staff: Staff, slug: string, input: unknown, now = new Date()): Promise<DeletionOutcome> {
  if (!staff.roles.includes("admin")) return { ok: false, status: 403, message: "Seuls les administrateurs peuvent supprimer une structure." };
  const parsed = deletionConfirmationSchema.safeParse(input);
  if (!parsed.success) return { ok: false, status: 400, field: "confirmName", message: parsed.error.issues[0]?.message ?? "Saisie invalide." };

  return db().transaction(async (tx) => {
    const [tenant] = await tx.select({ id: tenants.id, name: tenants.name, deletedAt: tenants.deletedAt }).from(tenants).where(eq(tenants.slug, slug)).for("update");
    if (!tenant || tenant.deletedAt) return { ok: false, status: 404, message: "Structure introuvable" } as const;
    if (!sameName(parsed.data.confirmName, tenant.name)) {
      return { ok: false, status: 400, field: "confirmName", message: `Le nom recopié ne correspond pas : saisissez exactement « ${tenant.name} ».` } as const;
    }
    const erased = await eraseTenant(tx, { id: tenant.id, slug }, { actorUserId: staff.user.id, motif: "suppression par un administrateur", now });
    if (!erased.ok) {
      return {
        ok: false,
        status: 409,
        message: `Des paiements sont en cours pour cette structure : ${erased.inFlight.join(", ")}. Annulez-les (inscription : back-office « Inscriptions » ; commande : annulez sa facture dans Stripe) ou attendez leur paiement avant de la supprimer : un paiement arrivé après la suppression ne serait plus rattaché à rien.`,
      } as const;
    }
    return { ok: true, tenantId: tenant.id, name: tenant.name, counts: erased.counts } as const;
  });
}

/**
 * The deletion itself, in the caller's transaction (the tenant row locked by it): refused while
 * money is in flight, otherwise open requests cancelled, personal data erased, the tenant marked
 * deleted and the audit log told who (an admin, or nobody: the retention job) and why.
 */
export async function eraseTenant(
  tx: Executor,
  tenant: { id: string; slug: string },
  by: { actorUserId: string | null; /** Why, in French, for the audit log. */ motif: string; now: Date },
): Promise<{ ok: true; counts: DeletionCounts } | { ok: false; inFlight: string[] }> {
  const inFlight = await paymentsInFlight(tx, tenant.id);
  if (inFlight.length > 0) return { ok: false, inFlight };
  const cancelled = await cancelOpenRequests(tx, tenant.id, by.actorUserId);
  const counts = { ...cancelled, ...(await erasePersonalData(tx, tenant.id)) };
  await tx.update(tenants).set({ deletedAt: by.now, deletedBy: by.actorUserId, showcaseConsentAt: null }).where(eq(tenants.id, tenant.id));
  await recordAudit(tx, {
    tenantId: tenant.id,
    actorUserId: by.actorUserId,
    action: "tenant.deleted",
    targetType: "tenant",
    targetId: tenant.id,
    details: { slug: tenant.slug, motif: by.motif, ...counts },
  });
  return { ok: true, counts };
}

/** Enrolment and order statuses with money in flight (same names on both). */
export const PAYMENT_PENDING = ["awaiting_payment", "confirmed"] as const;

/** The structure's enrolments and orders whose payment is awaited, described for the admin. */
async function paymentsInFlight(tx: Executor, tenantId: string) {
  const [pendingEnrolments, pendingOrders] = await Promise.all([
    tx
      .select({ year: editions.year, status: enrolments.status })
      .from(enrolments)
      .innerJoin(editions, eq(editions.id, enrolments.editionId))
      .where(and(eq(enrolments.tenantId, tenantId), inArray(enrolments.status, [...PAYMENT_PENDING])))
      .orderBy(editions.year),
    tx
      .select({ reference: orders.reference, status: orders.status })
      .from(orders)
      .where(and(eq(orders.tenantId, tenantId), inArray(orders.status, [...PAYMENT_PENDING])))
      .orderBy(orders.reference),
  ]);
  return [
    ...pendingEnrolments.map((e) => `inscription ${e.year} (${enrolmentStatusLabels[e.status as EnrolmentStatus].toLowerCase()})`),
    ...pendingOrders.map((o) => `commande ${o.reference} (${orderStatusLabels[o.status].toLowerCase()})`),
  ];
}

/** Enrolment drafts, quote requests and audits still to do end with the structure: nobody is left to follow them up. */
async function cancelOpenRequests(tx: Executor, tenantId: string, actorUserId: string | null) {
  // A publication holds its edition's row for its whole transaction: one in progress finishes
  // first (with the structure's audits as they were), one starting after sees the structure deleted.
  await tx
    .select({ id: editions.id })
    .from(editions)
    .where(inArray(editions.id, tx.select({ id: audits.editionId }).from(audits).where(and(eq(audits.tenantId, tenantId), ne(audits.status, "submitted")))))
    .for("update");
  const auditsWithdrawn = rowCount(await tx.delete(audits).where(and(eq(audits.tenantId, tenantId), ne(audits.status, "submitted"))).returning({ id: audits.id }));
  const drafts = await tx.select({ id: enrolments.id }).from(enrolments).where(and(eq(enrolments.tenantId, tenantId), eq(enrolments.status, "draft")));
  const moved = await applyEnrolmentTransitions(
    tx,
    drafts.map((d) => ({ tenantId, enrolmentId: d.id })),
    "cancelled",
    { source: "suppression", actorUserId, reason: "Structure supprimée" },
  );
  const quotes = await tx.select({ id: orders.id }).from(orders).where(and(eq(orders.tenantId, tenantId), eq(orders.status, "quote_requested")));
  for (const quote of quotes) await orderCancelled(tx, tenantId, quote.id, "suppression");
  return { enrolmentsCancelled: moved.filter((m) => m.applied).length, ordersCancelled: quotes.length, auditsWithdrawn };
}

async function erasePersonalData(tx: Executor, tenantId: string): Promise<Omit<DeletionCounts, "enrolmentsCancelled" | "ordersCancelled" | "auditsWithdrawn">> {
  const members = await tx.select({ userId: memberships.userId, email: users.email }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(eq(memberships.tenantId, tenantId));
  const memberIds = members.map((m) => m.userId);
  // Members with no other structure and no AFNOR role: their account goes with the structure.
  const leaving =
    memberIds.length === 0
      ? []
      : await tx
          .select({ id: users.id, email: users.email })
          .from(users)
          .where(
            and(
              inArray(users.id, memberIds),
              sql`not exists (select 1 from ${memberships} m where m.user_id = ${users.id} and m.tenant_id <> ${tenantId})`,
              sql`not exists (select 1 from ${staffRoles} s where s.user_id = ${users.id})`,
            ),
          );
  const invited = await tx.select({ email: invitations.email }).from(invitations).where(eq(invitations.tenantId, tenantId));
  const addresses = [...new Set([...leaving.map((u) => u.email.toLowerCase()), ...invited.map((i) => i.email.toLowerCase())])];

  const bookmarks = rowCount(await tx.delete(practiceBookmarks).where(eq(practiceBookmarks.tenantId, tenantId)).returning({ id: practiceBookmarks.practiceId }));
  const invitationCount = rowCount(await tx.delete(invitations).where(eq(invitations.tenantId, tenantId)).returning({ id: invitations.id }));
  const membershipRequestCount = rowCount(await tx.delete(membershipRequests).where(eq(membershipRequests.tenantId, tenantId)).returning({ id: membershipRequests.id }));
  const membershipCount = rowCount(await tx.delete(memberships).where(eq(memberships.tenantId, tenantId)).returning({ id: memberships.userId }));

  const enrolmentsAnonymised = rowCount(
    await tx.update(enrolments).set({ billingContactName: ANONYMISED, billingContactEmail: ANONYMISED, createdBy: null }).where(eq(enrolments.tenantId, tenantId)).returning({ id: enrolments.id }),
  );
  const ordersAnonymised = rowCount(
    await tx.update(orders).set({ billingContactName: ANONYMISED, billingContactEmail: ANONYMISED, message: null, createdBy: null }).where(eq(orders.tenantId, tenantId)).returning({ id: orders.id }),
  );
  const leadNotesAnonymised = rowCount(await tx.update(leadNotes).set({ body: ANONYMISED }).where(eq(leadNotes.tenantId, tenantId)).returning({ id: leadNotes.id }));
  const invoiceRemindersAnonymised = rowCount(
    await tx.update(invoiceReminders).set({ sentTo: ANONYMISED }).where(eq(invoiceReminders.tenantId, tenantId)).returning({ id: invoiceReminders.id }),
  );
  const actionComments_ = rowCount(await tx.delete(actionComments).where(eq(actionComments.tenantId, tenantId)).returning({ id: actionComments.id }));
  // Titles proposed by the publication are the referential's words; titles typed by members may name someone.
  await tx.update(actions).set({ title: ANONYMISED }).where(and(eq(actions.tenantId, tenantId), isNull(actions.proposalKey)));
  const actionsCleared = rowCount(
    await tx.update(actions).set({ description: "", ownerUserId: null, createdBy: null }).where(eq(actions.tenantId, tenantId)).returning({ id: actions.id }),
  );
  const auditComments = rowCount(
    await tx
      .update(auditAnswers)
      .set({ comment: null })
      .where(and(eq(auditAnswers.tenantId, tenantId), sql`${auditAnswers.comment} is not null`))
      .returning({ id: auditAnswers.itemCode }),
  );
  const emails = rowCount(
    await tx
      .delete(emailOutbox)
      .where(addresses.length > 0 ? or(eq(emailOutbox.tenantId, tenantId), inArray(sql`lower(${emailOutbox.toAddress})`, addresses)) : eq(emailOutbox.tenantId, tenantId))
      .returning({ id: emailOutbox.id }),
  );
  const impersonations = rowCount(
    await tx.update(sessions).set({ impersonatedTenantId: null, impersonationExpiresAt: null }).where(eq(sessions.impersonatedTenantId, tenantId)).returning({ id: sessions.id }),
  );
  const leavingIds = leaving.map((u) => u.id);
  const usersDeleted = leavingIds.length === 0 ? 0 : rowCount(await tx.delete(users).where(inArray(users.id, leavingIds)).returning({ id: users.id }));
  return {
    memberships: membershipCount,
    invitations: invitationCount,
    membershipRequests: membershipRequestCount,
    usersDeleted,
    bookmarks,
    enrolmentsAnonymised,
    ordersAnonymised,
    leadNotesAnonymised,
    invoiceRemindersAnonymised,
    actionsCleared,
    actionComments: actionComments_,
    auditComments,
    emails,
    impersonations,
  };
}
