import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import { db } from "../../../db/client";
import { inTenant } from "../../../db/tenant-context";
import { invitations, memberships, users } from "../../../db/schema";
import { env } from "~/env.server";
import { formatDateTime } from "~/utils/format";
import { recordAudit } from "../audit-log/audit-log.server";
import { generateRandomToken, hashSecretHex } from "../auth/crypto.server";
import { createSession } from "../auth/session.server";
import { hashPassword } from "../auth/password.server";
import { enqueueEmail } from "../mail/outbox.server";
import { clientMeta } from "../observability/request-context.server";
import type { TenantContext } from "./guard.server";
import { memberRoleLabels, type MemberRole } from "./permissions";

export const INVITATION_LIFETIME_DAYS = 7;

/** Members and pending invitations, read inside the tenant's RLS context. */
export async function listMembers(ctx: TenantContext) {
  return inTenant(db(), ctx.tenant.id, async (tx) => {
    const members = await tx
      .select({ userId: memberships.userId, role: memberships.role, since: memberships.createdAt, email: users.email, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.tenantId, ctx.tenant.id))
      .orderBy(asc(users.email));
    const pending = await tx
      .select({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt })
      .from(invitations)
      .where(
        and(
          eq(invitations.tenantId, ctx.tenant.id),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, sql`now()`),
        ),
      )
      .orderBy(asc(invitations.email));
    return { members, pending };
  });
}

type Outcome = { ok: true; message: string } | { ok: false; message: string };

export async function inviteMember(ctx: TenantContext, input: { email: string; role: MemberRole }): Promise<Outcome> {
  const token = generateRandomToken(20);
  const expiresAt = new Date(Date.now() + INVITATION_LIFETIME_DAYS * 24 * 3600_000);
  const result = await inTenant(db(), ctx.tenant.id, async (tx) => {
    const [already] = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.tenantId, ctx.tenant.id), sql`lower(${users.email}) = ${input.email}`));
    if (already) return null;
    // A new invitation to the same address replaces the pending one.
    await tx
      .update(invitations)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(invitations.tenantId, ctx.tenant.id), eq(invitations.email, input.email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
    const [invitation] = await tx
      .insert(invitations)
      .values({ tenantId: ctx.tenant.id, email: input.email, role: input.role, tokenHash: hashSecretHex(token), invitedBy: ctx.user.id, expiresAt })
      .returning({ id: invitations.id });
    if (!invitation) throw new Error("invitation insert failed");
    await recordAudit(tx, {
      tenantId: ctx.tenant.id,
      actorUserId: ctx.user.id,
      action: "member.invited",
      targetType: "invitation",
      targetId: invitation.id,
      details: { email: input.email, role: input.role },
    });
    return invitation;
  });
  if (!result) return { ok: false, message: `${input.email} est déjà membre de la structure.` };
  await enqueueEmail({
    template: "invitation",
    to: input.email,
    tenantId: ctx.tenant.id,
    props: {
      inviterName: ctx.user.name ?? ctx.user.email,
      tenantName: ctx.tenant.name,
      roleLabel: memberRoleLabels[input.role],
      url: `${env().APP_URL}/invitation?token=${token}`,
      expiresAt: formatDateTime(expiresAt),
    },
    idempotencyKey: `invitation:${result.id}`,
  });
  return { ok: true, message: `Invitation envoyée à ${input.email}.` };
}

export async function revokeInvitation(ctx: TenantContext, invitationId: string): Promise<Outcome> {
  const revoked = await inTenant(db(), ctx.tenant.id, async (tx) => {
    const rows = await tx
      .update(invitations)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(invitations.tenantId, ctx.tenant.id), eq(invitations.id, invitationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning({ id: invitations.id, email: invitations.email });
    if (rows[0]) await recordAudit(tx, { tenantId: ctx.tenant.id, actorUserId: ctx.user.id, action: "invitation.revoked", targetType: "invitation", targetId: invitationId });
    return rows[0];
  });
  if (!revoked) throw new Response("Invitation introuvable", { status: 404 });
  return { ok: true, message: `L'invitation de ${revoked.email} est annulée.` };
}

/**
 * Changes a member's role or removes them; a structure always keeps at least one owner
 * (the memberships are locked while counting, so two owners cannot both step down at once).
 */
export async function changeMember(ctx: TenantContext, userId: string, change: { role: MemberRole } | "remove"): Promise<Outcome> {
  return inTenant(db(), ctx.tenant.id, async (tx) => {
    const rows = await tx
      .select({ userId: memberships.userId, role: memberships.role })
      .from(memberships)
      .where(eq(memberships.tenantId, ctx.tenant.id))
      .for("update");
    const target = rows.find((row) => row.userId === userId);
    if (!target) throw new Response("Membre introuvable", { status: 404 });
    const owners = rows.filter((row) => row.role === "owner").length;
    const losesOwner = target.role === "owner" && (change === "remove" || change.role !== "owner");
    if (losesOwner && owners <= 1) {
      return { ok: false as const, message: "La structure doit garder au moins un responsable : nommez d'abord un autre responsable." };
    }
    if (change === "remove") {
      await tx.delete(memberships).where(and(eq(memberships.tenantId, ctx.tenant.id), eq(memberships.userId, userId)));
      await recordAudit(tx, { tenantId: ctx.tenant.id, actorUserId: ctx.user.id, action: "member.removed", targetType: "user", targetId: userId });
      return { ok: true as const, message: userId === ctx.user.id ? "Vous avez quitté la structure." : "Le membre a été retiré." };
    }
    await tx.update(memberships).set({ role: change.role }).where(and(eq(memberships.tenantId, ctx.tenant.id), eq(memberships.userId, userId)));
    await recordAudit(tx, {
      tenantId: ctx.tenant.id,
      actorUserId: ctx.user.id,
      action: "member.role_changed",
      targetType: "user",
      targetId: userId,
      details: { from: target.role, to: change.role },
    });
    return { ok: true as const, message: `Rôle modifié : ${memberRoleLabels[change.role]}.` };
  });
}

/** Reads an invitation by its token (system context: the visitor is not a member yet). */
export async function findInvitation(token: string) {
  if (!/^[a-z2-7]{16,64}$/.test(token)) return null;
  const [row] = await db()
    .select({
      id: invitations.id,
      tenantId: invitations.tenantId,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
    })
    .from(invitations)
    .where(eq(invitations.tokenHash, hashSecretHex(token)));
  if (!row || row.acceptedAt || row.revokedAt || row.expiresAt.getTime() <= Date.now()) return null;
  const tenant = await db().query.tenants.findFirst({ where: (t, { eq }) => eq(t.id, row.tenantId), columns: { name: true, slug: true } });
  if (!tenant) return null;
  const [account] = await db().select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${row.email}`);
  return { ...row, tenantName: tenant.name, tenantSlug: tenant.slug, hasAccount: Boolean(account) };
}

/**
 * Accepts an invitation (single use: the update only succeeds once). The signed-in user must be
 * the invited address; a visitor without an account creates it here (the e-mail proves the address).
 */
export async function acceptInvitation(
  token: string,
  acceptor: { userId: string; email: string } | { newAccount: { name: string; password: string } },
) {
  const invitation = await findInvitation(token);
  if (!invitation) return { ok: false as const, message: "Cette invitation n'est plus valable (déjà acceptée, annulée ou expirée)." };
  if ("email" in acceptor && acceptor.email.toLowerCase() !== invitation.email)
    return { ok: false as const, message: `Cette invitation est adressée à ${invitation.email}. Connectez-vous avec cette adresse pour l'accepter.` };
  const passwordHash = "newAccount" in acceptor ? await hashPassword(acceptor.newAccount.password) : null;
  const outcome = await db()
    .transaction(async (tx) => {
    const claimed = await tx
      .update(invitations)
      .set({ acceptedAt: sql`now()` })
      .where(and(eq(invitations.tokenHash, hashSecretHex(token)), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, sql`now()`)))
      .returning({ id: invitations.id });
    if (claimed.length === 0) return null;
    let userId: string;
    if ("userId" in acceptor) {
      userId = acceptor.userId;
    } else {
      const [created] = await tx
        .insert(users)
        .values({ email: invitation.email, name: acceptor.newAccount.name, passwordHash, emailVerifiedAt: sql`now()` })
        .onConflictDoNothing()
        .returning({ id: users.id });
      if (!created) throw new AccountExists();
      userId = created.id;
    }
    await tx.update(invitations).set({ acceptedBy: userId }).where(eq(invitations.id, invitation.id));
    await tx.insert(memberships).values({ tenantId: invitation.tenantId, userId, role: invitation.role }).onConflictDoNothing();
    await recordAudit(tx, { tenantId: invitation.tenantId, actorUserId: userId, action: "member.joined", targetType: "invitation", targetId: invitation.id, details: { role: invitation.role } });
    return { userId };
  })
    .catch((error) => {
      if (error instanceof AccountExists) return { conflict: true as const };
      throw error;
    });
  if (!outcome) return { ok: false as const, message: "Cette invitation n'est plus valable (déjà acceptée, annulée ou expirée)." };
  if ("conflict" in outcome) return { ok: false as const, message: "Un compte existe déjà pour cette adresse : connectez-vous pour accepter l'invitation." };
  const session = "newAccount" in acceptor ? await createSession(outcome.userId, { ...clientMeta() }) : null;
  return { ok: true as const, tenantSlug: invitation.tenantSlug, sessionToken: session?.token ?? null };
}

/** Rolls the acceptance back when the address got an account in the meantime. */
class AccountExists extends Error {}
