import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { auditLog, invitations, memberships, users } from "../../../db/schema";
import { addMember, lastEmailTo, makeTenant, makeUser, requestWithSession, thrownStatus } from "../../../db/testing/factories";
import { useTestDatabase } from "../../../db/testing/test-database";
import { createSession } from "../auth/session.server";
import { requireMembership } from "./guard.server";
import { acceptInvitation, changeMember, findInvitation, inviteMember, listMembers } from "./members.server";
import { completeSiret } from "./siret";
import { createTenant, listUserTenants } from "./tenants.server";

useTestDatabase();

async function signedIn(userId: string) {
  const { token } = await createSession(userId, { userAgent: null, ipAddress: null });
  return token;
}

async function contextFor(userId: string, slug: string, permission?: Parameters<typeof requireMembership>[2]) {
  return requireMembership(requestWithSession(await signedIn(userId), `http://localhost:3000/t/${slug}`), slug, permission);
}

function tokenFromInvitation(text: string) {
  return text.match(/\/invitation\?token=([a-z2-7]+)/)![1]!;
}

describe("creating a structure", () => {
  it("fills official data from the commune and derives the category", async () => {
    const user = await makeUser();
    const outcome = await createTenant(user.id, { kind: "commune", territoryCode: "27681", name: "Ville de Vernon", siret: completeSiret("212706813"), slug: "vernon-test" });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.tenant).toMatchObject({ territoryCode: "27681", departementName: "Eure", regionName: "Normandie", category: "commune_20000_49999" });
    expect(outcome.tenant.population).toBeGreaterThan(20_000);
    expect(await listUserTenants(user.id)).toEqual([{ id: outcome.tenant.id, slug: "vernon-test", name: "Ville de Vernon", role: "owner" }]);
    const audit = await db().select().from(auditLog).where(eq(auditLog.tenantId, outcome.tenant.id));
    expect(audit.map((a) => a.action)).toEqual(["tenant.created"]);
  });

  it("refuses a taken address and an unknown territory with field messages, creating nothing", async () => {
    const user = await makeUser();
    const existing = await makeTenant();
    const taken = await createTenant(user.id, { kind: "service_social", name: "CCAS", siret: completeSiret("215404153"), slug: existing.slug });
    expect(taken).toEqual({ ok: false, fieldErrors: { slug: ["Cette adresse est déjà prise : choisissez-en une autre."] } });
    const unknown = await createTenant(user.id, { kind: "commune", territoryCode: "99999", name: "Nulle part", siret: completeSiret("215404153"), slug: "nulle-part" });
    expect(unknown.ok).toBe(false);
    expect(await listUserTenants(user.id)).toEqual([]);
  });
});

describe("requireMembership", () => {
  it("answers 404 to a non-member and 403 to a member lacking the permission", async () => {
    const tenant = await makeTenant();
    const owner = await makeUser();
    const viewer = await makeUser();
    const stranger = await makeUser();
    await addMember(tenant.id, owner.id, "owner");
    await addMember(tenant.id, viewer.id, "viewer");
    expect((await contextFor(owner.id, tenant.slug, "members.invite")).role).toBe("owner");
    expect(await thrownStatus(contextFor(stranger.id, tenant.slug))).toBe(404);
    expect(await thrownStatus(contextFor(stranger.id, "structure-qui-n-existe-pas"))).toBe(404);
    expect(await thrownStatus(contextFor(viewer.id, tenant.slug, "members.invite"))).toBe(403);
    expect((await contextFor(viewer.id, tenant.slug, "members.read")).role).toBe("viewer");
  });

  it("never opens a structure on a member's session id carried with a wrong secret (the membership is read before the session is checked)", async () => {
    const tenant = await makeTenant();
    const owner = await makeUser();
    await addMember(tenant.id, owner.id, "owner");
    const [sessionId] = (await signedIn(owner.id)).split(".");
    const forged = requestWithSession(`${sessionId}.${"a".repeat(26)}`, `http://localhost:3000/t/${tenant.slug}`);
    expect(await thrownStatus(requireMembership(forged, tenant.slug))).toBe(302);
  });

  it("redirects an anonymous visitor to the login page with the way back", async () => {
    const tenant = await makeTenant();
    try {
      await requireMembership(new Request(`http://localhost:3000/t/${tenant.slug}/membres`), tenant.slug);
      expect.unreachable();
    } catch (error) {
      expect((error as Response).status).toBe(302);
      expect((error as Response).headers.get("Location")).toBe(`/connexion?redirectTo=${encodeURIComponent(`/t/${tenant.slug}/membres`)}`);
    }
  });
});

describe("invitations", () => {
  it("invites by e-mail and lets a newcomer create an account by accepting, once", async () => {
    const tenant = await makeTenant({ name: "Ville d'Invitation" });
    const owner = await makeUser({ name: "Responsable" });
    await addMember(tenant.id, owner.id, "owner");
    const ctx = await contextFor(owner.id, tenant.slug, "members.invite");
    const email = `collegue-${Date.now()}@exemple.fr`;
    expect(await inviteMember(ctx, { email, role: "viewer" })).toEqual({ ok: true, message: `Invitation envoyée à ${email}.` });
    const mail = await lastEmailTo(email);
    expect(mail?.template).toBe("invitation");
    expect(mail?.tenantId).toBe(tenant.id);
    const token = tokenFromInvitation(mail!.text);
    expect((await findInvitation(token))?.hasAccount).toBe(false);

    const accepted = await acceptInvitation(token, { newAccount: { name: "Collègue", password: "Une phrase de passe solide 2027" } });
    expect(accepted).toMatchObject({ ok: true, tenantSlug: tenant.slug });
    const [user] = await db().select().from(users).where(eq(users.email, email));
    expect(user?.emailVerifiedAt).toBeInstanceOf(Date);
    const [membership] = await db().select().from(memberships).where(eq(memberships.userId, user!.id));
    expect(membership?.role).toBe("viewer");
    expect((await acceptInvitation(token, { userId: user!.id, email })).ok).toBe(false);
    const { members, pending } = await listMembers(ctx);
    expect(members.map((m) => m.email).sort()).toEqual([owner.email, email].sort());
    expect(pending).toEqual([]);
  });

  it("refuses an invitation accepted by another signed-in address, an expired one and a second invite of a member", async () => {
    const tenant = await makeTenant();
    const owner = await makeUser();
    const other = await makeUser();
    await addMember(tenant.id, owner.id, "owner");
    const ctx = await contextFor(owner.id, tenant.slug, "members.invite");
    const email = `invite-${Date.now()}@exemple.fr`;
    await inviteMember(ctx, { email, role: "member" });
    const token = tokenFromInvitation((await lastEmailTo(email))!.text);
    const wrongPerson = await acceptInvitation(token, { userId: other.id, email: other.email });
    expect(wrongPerson.ok).toBe(false);
    await db().update(invitations).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(invitations.tenantId, tenant.id));
    expect(await findInvitation(token)).toBeNull();
    expect((await inviteMember(ctx, { email: owner.email, role: "viewer" })).ok).toBe(false);
  });
});

describe("roles and the last owner", () => {
  it("never leaves a structure without an owner", async () => {
    const tenant = await makeTenant();
    const owner = await makeUser();
    const member = await makeUser();
    await addMember(tenant.id, owner.id, "owner");
    await addMember(tenant.id, member.id, "member");
    const ctx = await contextFor(owner.id, tenant.slug, "members.manage");
    expect((await changeMember(ctx, owner.id, "remove")).ok).toBe(false);
    expect((await changeMember(ctx, owner.id, { role: "viewer" })).ok).toBe(false);
    expect((await changeMember(ctx, member.id, { role: "owner" })).ok).toBe(true);
    expect((await changeMember(ctx, owner.id, "remove")).ok).toBe(true);
    const rows = await db().select().from(memberships).where(eq(memberships.tenantId, tenant.id));
    expect(rows.map((r) => [r.userId, r.role])).toEqual([[member.id, "owner"]]);
  });

  it("cannot touch a member of another structure through a forged user id", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    const ownerA = await makeUser();
    const ownerB = await makeUser();
    await addMember(a.id, ownerA.id, "owner");
    await addMember(b.id, ownerB.id, "owner");
    const ctx = await contextFor(ownerA.id, a.slug, "members.manage");
    expect(await thrownStatus(changeMember(ctx, ownerB.id, "remove"))).toBe(404);
    const [row] = await db().select().from(memberships).where(eq(memberships.userId, ownerB.id));
    expect(row?.role).toBe("owner");
  });
});
