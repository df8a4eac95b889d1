import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { auditLog, staffRoles, users } from "../../../db/schema";
import { emailsTo, lastEmailTo, makeUser, tokenFromEmail } from "../../../db/testing/factories";
import { useTestDatabase } from "../../../db/testing/test-database";
import { resetPassword } from "./accounts.server";
import { getStaffRoles } from "./guards.server";
import { cannotDropOwnAdminMessage, inviteStaff, listStaff, setStaffRoles } from "./staff.server";

useTestDatabase();

let admin: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  admin = await makeUser({ name: "Admin Équipe" });
  await db().insert(staffRoles).values({ userId: admin.id, role: "admin" });
});

async function auditOf(targetId: string) {
  return db().select().from(auditLog).where(eq(auditLog.targetId, targetId));
}

describe("setStaffRoles", () => {
  it("grants and revokes roles, auditing each change as a platform event", async () => {
    const auditor = await makeUser();
    await db().insert(staffRoles).values({ userId: auditor.id, role: "auditor" });
    expect(await setStaffRoles(admin.id, auditor.id, ["auditor", "sales"])).toMatchObject({ ok: true });
    expect((await getStaffRoles(auditor.id)).sort()).toEqual(["auditor", "sales"]);
    expect(await setStaffRoles(admin.id, auditor.id, ["auditor"])).toMatchObject({ ok: true });
    expect(await getStaffRoles(auditor.id)).toEqual(["auditor"]);
    // Granted again: the deactivated row comes back.
    await setStaffRoles(admin.id, auditor.id, ["auditor", "sales"]);
    expect((await getStaffRoles(auditor.id)).sort()).toEqual(["auditor", "sales"]);
    const entries = await auditOf(auditor.id);
    expect(entries.map((e) => e.action).sort()).toEqual(["staff.role_granted", "staff.role_granted", "staff.role_revoked"]);
    for (const entry of entries) {
      expect(entry).toMatchObject({ tenantId: null, actorUserId: admin.id, targetType: "user" });
      expect(JSON.parse(entry.details!)).toEqual({ email: auditor.email, role: "sales" });
    }
    expect(await setStaffRoles(admin.id, auditor.id, ["auditor", "sales"])).toMatchObject({ ok: true, message: expect.stringContaining("Aucun changement") });
    expect(await auditOf(auditor.id)).toHaveLength(3);
  });

  it("refuses that an admin removes their own admin role", async () => {
    const outcome = await setStaffRoles(admin.id, admin.id, ["sales"]);
    expect(outcome).toEqual({ ok: false, message: cannotDropOwnAdminMessage });
    expect(await getStaffRoles(admin.id)).toEqual(["admin"]);
    expect(await auditOf(admin.id)).toHaveLength(0);
  });

  it("lets another admin remove an admin role", async () => {
    const other = await makeUser();
    await db().insert(staffRoles).values({ userId: other.id, role: "admin" });
    expect(await setStaffRoles(admin.id, other.id, [])).toMatchObject({ ok: true });
    expect(await getStaffRoles(other.id)).toEqual([]);
    expect((await listStaff()).some((member) => member.id === other.id)).toBe(false);
  });
});

describe("inviteStaff", () => {
  it("creates an account without password and sends a link to choose one", async () => {
    const email = "nouvelle.recrue@afnor.example";
    const outcome = await inviteStaff(admin, { email, roles: ["sales", "auditor"] });
    expect(outcome).toMatchObject({ ok: true, message: expect.stringContaining("Invitation envoyée") });
    const [created] = await db().select().from(users).where(eq(users.email, email));
    expect(created).toMatchObject({ passwordHash: null, emailVerifiedAt: null });
    expect((await getStaffRoles(created!.id)).sort()).toEqual(["auditor", "sales"]);
    expect(await listStaff()).toContainEqual(expect.objectContaining({ email, hasPassword: false }));
    const mail = await lastEmailTo(email);
    expect(mail).toMatchObject({ template: "staff-invitation" });
    expect(mail!.text).toContain("Admin Équipe");
    expect(mail!.text).toContain("Ventes, Audit");
    // The link is the password-reset page: using it sets the password and verifies the address.
    const token = tokenFromEmail(mail!.text, "/mot-de-passe/nouveau");
    expect(await resetPassword(token, "Une phrase de passe solide 2027")).toMatchObject({ ok: true, userId: created!.id });
    const [after] = await db().select().from(users).where(eq(users.id, created!.id));
    expect(after!.passwordHash).not.toBeNull();
    expect(after!.emailVerifiedAt).not.toBeNull();
    expect((await auditOf(created!.id)).map((e) => e.action)).toEqual(["staff.role_granted", "staff.role_granted"]);
  });

  it("only grants the roles to an existing account, whatever the case of the address, without e-mail", async () => {
    const existing = await makeUser({ email: "deja.inscrite@afnor.example", passwordHash: "hash" });
    await db().insert(staffRoles).values({ userId: existing.id, role: "auditor" });
    const outcome = await inviteStaff(admin, { email: "Deja.Inscrite@afnor.example", roles: ["sales"] });
    expect(outcome).toMatchObject({ ok: true, message: expect.stringContaining("avait déjà un compte") });
    // Existing roles are kept: an invitation adds, it does not replace.
    expect((await getStaffRoles(existing.id)).sort()).toEqual(["auditor", "sales"]);
    expect(await emailsTo(existing.email)).toHaveLength(0);
    const [granted] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, existing.id), eq(auditLog.action, "staff.role_granted")));
    expect(JSON.parse(granted!.details!)).toEqual({ email: existing.email, role: "sales" });
  });
});
