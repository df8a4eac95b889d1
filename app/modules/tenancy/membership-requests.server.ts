import { and, asc, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { db } from "../../../db/client";
import { inTenant } from "../../../db/tenant-context";
import { membershipRequests, memberships, tenants, users } from "../../../db/schema";
import { env } from "~/env.server";
import { recordAudit } from "../audit-log/audit-log.server";
import { enqueueEmail, enqueueEmails, type AnyEnqueueInput } from "../mail/outbox.server";
import type { TenantContext } from "./guard.server";
import { can, memberRoleLabels, type MemberRole } from "./permissions";

/*
 * "Demander à rejoindre": an agent who signed in with ProConnect carries the SIRET of their
 * organisation (the `siret` claim, kept on `users.proconnect_siret`). When it is a structure's
 * SIRET, the agent may ask to join it; the structure's owners are told by e-mail and accept (choosing
 * the role) or refuse on the members page. Nothing is ever granted without an owner's decision.
 *
 * The request is written in the system context (the agent is not a member, so the tenant's context
 * would refuse it), after checking the SIRET match here; owners read and decide inside the tenant's
 * context, under row-level security.
 */

export type JoinableTenant = { id: string; slug: string; name: string };

/** After a refusal, the same structure is offered again only this many days later (owners are not asked over and over). */
export const ASK_AGAIN_AFTER_REFUSAL_DAYS = 30;

/** The structures `userId` may ask to join (see joinableTenants). */
function joinableFor(userId: string): SQL {
  return and(
    isNull(tenants.deletedAt),
    eq(tenants.siret, sql`(select ${users.proconnectSiret} from ${users} where ${users.id} = ${userId})`),
    sql`not exists (select 1 from ${memberships} where ${memberships.tenantId} = ${tenants.id} and ${memberships.userId} = ${userId})`,
    sql`not exists (select 1 from ${membershipRequests} where ${membershipRequests.tenantId} = ${tenants.id} and ${membershipRequests.userId} = ${userId}
      and (${membershipRequests.status} = 'pending' or (${membershipRequests.status} = 'refused' and ${membershipRequests.decidedAt} > now() - make_interval(days => ${ASK_AGAIN_AFTER_REFUSAL_DAYS}))))`,
  )!;
}

/**
 * Structures the user may ask to join: not deleted, whose SIRET equals the `siret` claim of the
 * user's last ProConnect login, where the user is neither a member nor waiting for an answer, nor
 * refused less than ASK_AGAIN_AFTER_REFUSAL_DAYS ago.
 * Read in the system context: the user is not a member of these structures.
 */
export async function joinableTenants(userId: string): Promise<JoinableTenant[]> {
  return db().select({ id: tenants.id, slug: tenants.slug, name: tenants.name }).from(tenants).where(joinableFor(userId)).orderBy(asc(tenants.name));
}

export const requestStatusLabels = { pending: "En attente", approved: "Acceptée", refused: "Refusée" } as const;
export type RequestStatus = keyof typeof requestStatusLabels;

/** The user's own requests, newest first (their structures' names, even once decided). */
export async function listUserRequests(userId: string) {
  return db()
    .select({
      id: membershipRequests.id,
      tenantName: tenants.name,
      tenantSlug: tenants.slug,
      status: membershipRequests.status,
      grantedRole: membershipRequests.grantedRole,
      createdAt: membershipRequests.createdAt,
      decidedAt: membershipRequests.decidedAt,
    })
    .from(membershipRequests)
    .innerJoin(tenants, and(eq(tenants.id, membershipRequests.tenantId), isNull(tenants.deletedAt)))
    .where(eq(membershipRequests.userId, userId))
    .orderBy(desc(membershipRequests.createdAt));
}

type Requester = { id: string; email: string; name: string | null };

/**
 * Records the user's request to join `tenantId` and e-mails the structure's owners. Returns null
 * when the structure is not one the user may ask to join (unknown, deleted, another SIRET, already
 * a member, already waiting): the route answers 404 and nothing is written.
 */
export async function requestMembership(requester: Requester, tenantId: string) {
  const { APP_URL } = env();
  return db().transaction(async (tx) => {
    const [tenant] = await tx
      .select({ id: tenants.id, slug: tenants.slug, name: tenants.name, siret: tenants.siret })
      .from(tenants)
      .where(and(eq(tenants.id, tenantId), joinableFor(requester.id)));
    if (!tenant) return null;
    // The partial unique index (one pending request per structure and user) settles a double submit.
    const [request] = await tx
      .insert(membershipRequests)
      .values({ tenantId: tenant.id, userId: requester.id, siret: tenant.siret })
      .onConflictDoNothing()
      .returning({ id: membershipRequests.id });
    if (!request) return null;
    await recordAudit(tx, {
      tenantId: tenant.id,
      actorUserId: requester.id,
      action: "membership_request.created",
      targetType: "membership_request",
      targetId: request.id,
      details: { siret: tenant.siret },
    });
    const owners = await tx
      .select({ userId: users.id, email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.tenantId, tenant.id), eq(memberships.role, "owner")));
    const messages: AnyEnqueueInput[] = owners.map((owner) => ({
      template: "membership-request",
      to: owner.email,
      tenantId: tenant.id,
      props: {
        requesterName: requester.name ?? requester.email,
        requesterEmail: requester.email,
        tenantName: tenant.name,
        siret: tenant.siret,
        url: `${APP_URL}/t/${tenant.slug}/membres`,
      },
      idempotencyKey: `membership-request:${request.id}:${owner.userId}`,
    }));
    await enqueueEmails(messages, tx);
    return { requestId: request.id, message: `Votre demande a été envoyée aux responsables de ${tenant.name}. Vous serez prévenu par e-mail de leur décision.` };
  });
}

/** Pending requests of the structure, read inside its RLS context (shown to those who may invite members). */
export async function listPendingRequests(ctx: TenantContext) {
  return inTenant(db(), ctx.tenant.id, (tx) =>
    tx
      .select({ id: membershipRequests.id, siret: membershipRequests.siret, createdAt: membershipRequests.createdAt, email: users.email, name: users.name })
      .from(membershipRequests)
      .innerJoin(users, eq(users.id, membershipRequests.userId))
      .where(and(eq(membershipRequests.tenantId, ctx.tenant.id), eq(membershipRequests.status, "pending")))
      .orderBy(asc(membershipRequests.createdAt)),
  );
}

export type Decision = { requestId: string } & ({ decision: "approve"; role: MemberRole } | { decision: "refuse" });
type Outcome = { ok: true; message: string } | { ok: false; message: string };

/**
 * An owner's answer. Approval creates the membership with the chosen role in the same transaction
 * as the status change; the status only moves from "pending", so a second decision is refused.
 * The requester is told by e-mail either way.
 */
export async function decideMembershipRequest(ctx: TenantContext, input: Decision): Promise<Outcome> {
  // Whoever may invite members decides on requests to join (the owners, per the permission map).
  if (ctx.impersonating || !can(ctx.role, "members.invite")) throw new Response("Votre rôle dans cette structure ne permet pas cette action.", { status: 403 });
  const approved = input.decision === "approve";
  const role = input.decision === "approve" ? input.role : null;
  const decided = await inTenant(db(), ctx.tenant.id, async (tx) => {
    const [request] = await tx
      .update(membershipRequests)
      .set({ status: approved ? "approved" : "refused", grantedRole: role, decidedAt: sql`now()`, decidedBy: ctx.user.id })
      .where(and(eq(membershipRequests.tenantId, ctx.tenant.id), eq(membershipRequests.id, input.requestId), eq(membershipRequests.status, "pending")))
      .returning({ id: membershipRequests.id, userId: membershipRequests.userId });
    if (!request) {
      const [existing] = await tx
        .select({ id: membershipRequests.id })
        .from(membershipRequests)
        .where(and(eq(membershipRequests.tenantId, ctx.tenant.id), eq(membershipRequests.id, input.requestId)));
      if (!existing) throw new Response("Demande introuvable", { status: 404 });
      return null;
    }
    const [requester] = await tx.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, request.userId));
    if (!requester) throw new Error("membership request without its user");
    let alreadyMember = false;
    if (role) {
      const joined = await tx.insert(memberships).values({ tenantId: ctx.tenant.id, userId: request.userId, role }).onConflictDoNothing().returning({ userId: memberships.userId });
      alreadyMember = joined.length === 0;
    }
    await recordAudit(tx, {
      tenantId: ctx.tenant.id,
      actorUserId: ctx.user.id,
      action: approved ? "membership_request.approved" : "membership_request.refused",
      targetType: "membership_request",
      targetId: request.id,
      details: role ? { userId: request.userId, role, alreadyMember } : { userId: request.userId },
    });
    return { ...request, ...requester, alreadyMember };
  });
  if (!decided) return { ok: false, message: "Cette demande a déjà été traitée." };
  const { APP_URL } = env();
  await enqueueEmail({
    template: "membership-decision",
    to: decided.email,
    tenantId: ctx.tenant.id,
    props: {
      name: decided.name,
      tenantName: ctx.tenant.name,
      decision: approved ? "approved" : "refused",
      roleLabel: role ? memberRoleLabels[role] : null,
      url: approved ? `${APP_URL}/t/${ctx.tenant.slug}` : `${APP_URL}/compte/rejoindre`,
    },
    idempotencyKey: `membership-decision:${decided.id}`,
  });
  const who = decided.name ?? decided.email;
  if (!role) return { ok: true, message: `La demande de ${who} est refusée ; cette personne en est informée par e-mail.` };
  if (decided.alreadyMember) return { ok: true, message: `${who} était déjà membre de la structure : son rôle n'a pas changé.` };
  return { ok: true, message: `${who} a rejoint la structure avec le rôle ${memberRoleLabels[role]}.` };
}
