import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { db, type Executor } from "../../../db/client";
import { staffRoles, users } from "../../../db/schema";
import { env } from "~/env.server";
import { recordAudits, type AuditEntry } from "../audit-log/audit-log.server";
import { enqueueEmail } from "../mail/outbox.server";
import { findUserByEmail } from "./accounts.server";
import { staffRoleLabels, type StaffRole } from "./staff-roles";
import { issueToken } from "./one-time-tokens.server";

/** An invitation link stays valid three days (a password-reset link only one hour). */
export const STAFF_INVITATION_MINUTES = 72 * 60;

export const cannotDropOwnAdminMessage = "Vous ne pouvez pas retirer votre propre rôle d’administration : demandez-le à un autre administrateur.";

/** Every user holding at least one active staff role, with those roles. */
export async function listStaff() {
  const rows = await db()
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
      roles: sql<StaffRole[]>`array_agg(${staffRoles.role} order by ${staffRoles.role})`,
    })
    .from(users)
    .innerJoin(staffRoles, and(eq(staffRoles.userId, users.id), eq(staffRoles.active, true)))
    .groupBy(users.id)
    .orderBy(asc(users.email));
  return rows;
}

type Outcome = { ok: true; message: string } | { ok: false; message: string };

/**
 * Makes `roles` exactly the active staff roles of `userId`: missing ones are granted (or
 * reactivated), others deactivated; each change is audited in the same transaction.
 */
export async function setStaffRoles(actorUserId: string, userId: string, roles: readonly StaffRole[]): Promise<Outcome> {
  if (actorUserId === userId && !roles.includes("admin")) return { ok: false, message: cannotDropOwnAdminMessage };
  return db().transaction(async (tx) => {
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
    if (!user) return { ok: false, message: "Utilisateur introuvable." };
    const changed = await applyRoles(tx, actorUserId, { id: userId, email: user.email }, roles, { revokeOthers: true });
    return { ok: true, message: changed ? `Rôles de ${user.email} enregistrés.` : `Aucun changement pour ${user.email}.` };
  });
}

/**
 * Invites a staff member: an existing account simply gets the roles; a new address gets an
 * account without password and a link to choose one (the password-reset flow, with a longer life).
 */
export async function inviteStaff(actor: { id: string; name: string | null; email: string }, input: { email: string; roles: readonly StaffRole[] }): Promise<Outcome> {
  const existing = await findUserByEmail(input.email);
  const outcome = await db().transaction(async (tx) => {
    const [created] = existing
      ? []
      : await tx.insert(users).values({ email: input.email }).onConflictDoNothing().returning({ id: users.id, email: users.email });
    const user = existing ?? created;
    if (!user) return null;
    await applyRoles(tx, actor.id, user, input.roles, { revokeOthers: false });
    if (created) {
      const { token } = await issueToken("password_reset", created.id, tx, STAFF_INVITATION_MINUTES);
      await enqueueEmail(
        {
          template: "staff-invitation",
          to: created.email,
          props: {
            inviterName: actor.name ?? actor.email,
            rolesLabel: input.roles.map((role) => staffRoleLabels[role]).join(", "),
            url: `${env().APP_URL}/mot-de-passe/nouveau?token=${encodeURIComponent(token)}`,
            expiresInMinutes: STAFF_INVITATION_MINUTES,
          },
          idempotencyKey: `staff-invitation:${created.id}:${token.slice(0, 12)}`,
        },
        tx,
      );
    }
    return { created: Boolean(created), email: user.email };
  });
  // The address was taken between the look-up and the insert: the caller may simply retry.
  if (!outcome) return { ok: false, message: "Ce compte vient d’être créé par ailleurs : réessayez." };
  return {
    ok: true,
    message: outcome.created
      ? `Invitation envoyée à ${outcome.email} : la personne choisira son mot de passe à partir du lien reçu.`
      : `${outcome.email} avait déjà un compte : ses rôles ont été ajoutés.`,
  };
}

/** Grants the missing roles (and revokes the others if asked); audits each change. Returns whether anything changed. */
async function applyRoles(tx: Executor, actorUserId: string, user: { id: string; email: string }, roles: readonly StaffRole[], options: { revokeOthers: boolean }) {
  const current = await tx
    .select({ role: staffRoles.role })
    .from(staffRoles)
    .where(and(eq(staffRoles.userId, user.id), eq(staffRoles.active, true)));
  const held = new Set(current.map((row) => row.role));
  const granted = roles.filter((role) => !held.has(role));
  const revoked = options.revokeOthers ? [...held].filter((role) => !roles.includes(role)) : [];
  if (granted.length > 0)
    await tx
      .insert(staffRoles)
      .values(granted.map((role) => ({ userId: user.id, role })))
      .onConflictDoUpdate({ target: [staffRoles.userId, staffRoles.role], set: { active: true } });
  if (revoked.length > 0)
    await tx
      .update(staffRoles)
      .set({ active: false })
      .where(and(eq(staffRoles.userId, user.id), inArray(staffRoles.role, revoked)));
  const entry = (action: string, role: StaffRole): AuditEntry => ({
    tenantId: null,
    actorUserId,
    action,
    targetType: "user",
    targetId: user.id,
    details: { email: user.email, role },
  });
  await recordAudits(tx, [...granted.map((role) => entry("staff.role_granted", role)), ...revoked.map((role) => entry("staff.role_revoked", role))]);
  return granted.length + revoked.length > 0;
}
