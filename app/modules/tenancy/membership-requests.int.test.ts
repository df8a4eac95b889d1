import { and, eq, like, sql } from "drizzle-orm";
import type { RouteObject } from "react-router-dom";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { inTenant } from "../../../db/tenant-context";
import { auditLog, emailOutbox, membershipRequests, memberships, tenants, users } from "../../../db/schema";
import { addMember, makeTenant, makeUser, thrownStatus } from "../../../db/testing/factories";
import { renderRoute } from "../../../db/testing/routes";
import { useTestDatabase } from "../../../db/testing/test-database";
import * as joinRoute from "../../routes/compte.rejoindre";
import * as mySpaceRoute from "../../routes/mon-espace";
import * as membersRoute from "../../routes/t.$tenant.membres";
import { createSession } from "../auth/session.server";
import { requireMembership } from "./guard.server";
import { ASK_AGAIN_AFTER_REFUSAL_DAYS, decideMembershipRequest, joinableTenants, listPendingRequests, requestMembership } from "./membership-requests.server";
import { completeSiret } from "./siret";

useTestDatabase();

const origin = "http://localhost:3000";
const routes = [
  { id: "join", path: "/compte/rejoindre", loader: joinRoute.loader, action: joinRoute.action, Component: joinRoute.default },
  { id: "my-space", path: "/mon-espace", loader: mySpaceRoute.loader, action: mySpaceRoute.action, Component: mySpaceRoute.default },
  { id: "members", path: "/t/:tenant/membres", loader: membersRoute.loader, action: membersRoute.action, Component: membersRoute.default },
] as unknown as RouteObject[];

let sirenCounter = 100_000_000;
/** A valid SIRET of its own for each structure (the factory's default is shared). */
const freshSiret = () => completeSiret(String(sirenCounter++));

async function tokenOf(userId: string) {
  return (await createSession(userId, { userAgent: null, ipAddress: null })).token;
}

async function get(userId: string, path: string) {
  return renderRoute(routes, new Request(`${origin}${path}`, { headers: { Cookie: `ec_session=${await tokenOf(userId)}` } }));
}

async function post(userId: string, path: string, fields: Record<string, string>) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  return renderRoute(routes, new Request(`${origin}${path}`, { method: "POST", body, headers: { Cookie: `ec_session=${await tokenOf(userId)}` } }));
}

async function contextFor(userId: string, slug: string) {
  return requireMembership(new Request(`${origin}/t/${slug}/membres`, { headers: { Cookie: `ec_session=${await tokenOf(userId)}` } }), slug);
}

async function requestsOf(userId: string) {
  return db().select().from(membershipRequests).where(eq(membershipRequests.userId, userId));
}

async function membershipOf(tenantId: string, userId: string) {
  const [row] = await db().select().from(memberships).where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
  return row ?? null;
}

async function outboxCount() {
  const [row] = await db().select({ n: sql<number>`count(*)::int` }).from(emailOutbox);
  return row!.n;
}

async function mailsTo(address: string, template: string) {
  return db().select().from(emailOutbox).where(and(eq(emailOutbox.toAddress, address), eq(emailOutbox.template, template)));
}

/** A structure with two owners and a contributor, and an agent whose ProConnect SIRET matches it. */
async function scenario() {
  const siret = freshSiret();
  const tenant = await makeTenant({ name: "Ville de Villeurbanne", siret });
  const owner = await makeUser({ name: "Nadia Responsable" });
  const secondOwner = await makeUser();
  const contributor = await makeUser();
  await addMember(tenant.id, owner.id, "owner");
  await addMember(tenant.id, secondOwner.id, "owner");
  await addMember(tenant.id, contributor.id, "member");
  const agent = await makeUser({ name: "Camille Léger", proconnectSiret: siret });
  return { siret, tenant, owner, secondOwner, contributor, agent };
}

describe("joinableTenants", () => {
  it("lists the live structures whose SIRET matches, unless already a member or waiting", async () => {
    const { siret, tenant, agent } = await scenario();
    // Same SIRET (two spaces of one organisation), one of them deleted; another SIRET.
    const sibling = await makeTenant({ name: "CCAS de Villeurbanne", siret });
    await makeTenant({ name: "Structure supprimée", siret, deletedAt: new Date() });
    await makeTenant({ name: "Autre structure", siret: freshSiret() });
    expect((await joinableTenants(agent.id)).map((t) => t.name)).toEqual(["CCAS de Villeurbanne", "Ville de Villeurbanne"]);
    expect(await joinableTenants(agent.id)).toContainEqual({ id: tenant.id, slug: tenant.slug, name: tenant.name });

    await addMember(sibling.id, agent.id, "viewer");
    expect((await joinableTenants(agent.id)).map((t) => t.id)).toEqual([tenant.id]);

    expect(await requestMembership(agent, tenant.id)).not.toBeNull();
    expect(await joinableTenants(agent.id)).toEqual([]);
  });

  it("points to the request page from « Mon espace », even for a member of one structure only", async () => {
    const { tenant, agent } = await scenario();
    const other = await makeTenant({ name: "Mairie annexe", siret: freshSiret() });
    await addMember(other.id, agent.id, "viewer");
    const page = await get(agent.id, "/mon-espace");
    expect(page.status).toBe(200);
    expect(page.html).toContain(`Votre SIRET ProConnect est celui de ${tenant.name}`);
    expect(page.html).toContain('href="/compte/rejoindre"');
    await requestMembership(agent, tenant.id);
    expect((await get(agent.id, "/mon-espace")).status).toBe(302);
  });

  it("offers nothing to a user without a ProConnect SIRET", async () => {
    await scenario();
    const plain = await makeUser();
    expect(plain.proconnectSiret).toBeNull();
    expect(await joinableTenants(plain.id)).toEqual([]);
  });
});

describe("asking to join (/compte/rejoindre)", () => {
  it("shows the matching structure, records the request and e-mails every owner", async () => {
    const { siret, tenant, owner, secondOwner, contributor, agent } = await scenario();
    const page = await get(agent.id, "/compte/rejoindre");
    expect(page.status).toBe(200);
    expect(page.html).toContain("Votre SIRET (ProConnect) correspond à :");
    expect(page.html).toContain("Ville de Villeurbanne");
    expect(page.html).toContain("Demander à rejoindre");

    const sent = await post(agent.id, "/compte/rejoindre", { intent: "request", tenantId: tenant.id });
    expect(sent.status).toBe(200);
    expect(sent.html).toContain("Votre demande a été envoyée aux responsables de Ville de Villeurbanne.");
    expect(sent.html).toContain("En attente");

    const [request, ...others] = await requestsOf(agent.id);
    expect(others).toEqual([]);
    expect(request).toMatchObject({ tenantId: tenant.id, status: "pending", siret, grantedRole: null, decidedAt: null, decidedBy: null });
    for (const who of [owner, secondOwner]) {
      const [mail, ...more] = await mailsTo(who.email, "membership-request");
      expect(more).toEqual([]);
      expect(mail!.tenantId).toBe(tenant.id);
      expect(mail!.text).toContain("Camille Léger");
      expect(mail!.text).toContain(agent.email);
      expect(mail!.text).toContain(`/t/${tenant.slug}/membres`);
    }
    expect(await mailsTo(contributor.email, "membership-request")).toEqual([]);
    const audit = await db().select().from(auditLog).where(and(eq(auditLog.tenantId, tenant.id), like(auditLog.action, "membership_request.%")));
    expect(audit).toMatchObject([{ action: "membership_request.created", actorUserId: agent.id, targetId: request!.id }]);
    expect(await membershipOf(tenant.id, agent.id)).toBeNull();
  });

  it("answers 404 and writes nothing for a structure the user may not ask to join", async () => {
    const { tenant, agent } = await scenario();
    const other = await makeTenant({ name: "Autre structure", siret: freshSiret() });
    const deleted = await makeTenant({ siret: agent.proconnectSiret!, deletedAt: new Date() });
    const before = await outboxCount();
    for (const tenantId of [other.id, deleted.id, "00000000-0000-4000-8000-000000000000"]) {
      expect((await post(agent.id, "/compte/rejoindre", { intent: "request", tenantId })).status).toBe(404);
    }
    const malformed = await post(agent.id, "/compte/rejoindre", { intent: "request", tenantId: "'; drop table tenants; --" });
    expect(malformed.status).toBe(200);
    expect(malformed.html).toContain("Structure inconnue.");
    // A second request while the first is pending is refused too.
    expect((await post(agent.id, "/compte/rejoindre", { intent: "request", tenantId: tenant.id })).status).toBe(200);
    expect((await post(agent.id, "/compte/rejoindre", { intent: "request", tenantId: tenant.id })).status).toBe(404);
    expect((await requestsOf(agent.id)).map((r) => r.tenantId)).toEqual([tenant.id]);
    expect(await outboxCount()).toBe(before + 2);
  });

  it("refuses a member of the structure and a user without a SIRET", async () => {
    const { tenant, contributor } = await scenario();
    await db().update(users).set({ proconnectSiret: (await db().select({ s: tenants.siret }).from(tenants).where(eq(tenants.id, tenant.id)))[0]!.s }).where(eq(users.id, contributor.id));
    const plain = await makeUser();
    expect((await post(contributor.id, "/compte/rejoindre", { intent: "request", tenantId: tenant.id })).status).toBe(404);
    expect((await post(plain.id, "/compte/rejoindre", { intent: "request", tenantId: tenant.id })).status).toBe(404);
    expect(await requestsOf(contributor.id)).toEqual([]);
    expect(await requestsOf(plain.id)).toEqual([]);
  });
});

describe("deciding on a request (members page)", () => {
  let s: Awaited<ReturnType<typeof scenario>>;
  let requestId: string;

  beforeAll(async () => {
    s = await scenario();
    requestId = (await requestMembership(s.agent, s.tenant.id))!.requestId;
  });

  it("shows pending requests to owners only", async () => {
    const ownerPage = await get(s.owner.id, `/t/${s.tenant.slug}/membres`);
    expect(ownerPage.html).toContain("Demandes d&#x27;accès en attente (1)");
    expect(ownerPage.html).toContain(s.agent.email);
    expect(ownerPage.html).toContain("Accepter");
    const contributorPage = await get(s.contributor.id, `/t/${s.tenant.slug}/membres`);
    expect(contributorPage.status).toBe(200);
    expect(contributorPage.html).not.toContain("Demandes d&#x27;accès");
    expect(contributorPage.html).not.toContain(s.agent.email);
  });

  it("refuses a decision from a contributor, writing nothing", async () => {
    const before = await outboxCount();
    const approve = await post(s.contributor.id, `/t/${s.tenant.slug}/membres`, { intent: "approve-request", requestId, role: "owner" });
    expect(approve.status).toBe(403);
    const refuse = await post(s.contributor.id, `/t/${s.tenant.slug}/membres`, { intent: "refuse-request", requestId });
    expect(refuse.status).toBe(403);
    // The module checks the role too, whoever calls it.
    const ctx = await contextFor(s.contributor.id, s.tenant.slug);
    expect(await thrownStatus(decideMembershipRequest(ctx, { requestId, decision: "approve", role: "owner" }))).toBe(403);
    expect((await requestsOf(s.agent.id))[0]!.status).toBe("pending");
    expect(await membershipOf(s.tenant.id, s.agent.id)).toBeNull();
    expect(await outboxCount()).toBe(before);
  });

  it("keeps another structure's owner out: cannot see nor decide (RLS)", async () => {
    const other = await makeTenant({ siret: freshSiret() });
    const otherOwner = await makeUser();
    await addMember(other.id, otherOwner.id, "owner");
    const ctx = await contextFor(otherOwner.id, other.slug);
    expect(await listPendingRequests(ctx)).toEqual([]);
    expect(await thrownStatus(decideMembershipRequest(ctx, { requestId, decision: "approve", role: "owner" }))).toBe(404);
    const forged = await post(otherOwner.id, `/t/${other.slug}/membres`, { intent: "refuse-request", requestId });
    expect(forged.status).toBe(404);
    // Even an unfiltered read inside the other structure's context returns none of its rows.
    const visible = await inTenant(db(), other.id, (tx) => tx.select().from(membershipRequests));
    expect(visible).toEqual([]);
    // And an update aimed at it changes nothing.
    const changed = await inTenant(db(), other.id, (tx) => tx.update(membershipRequests).set({ status: "approved" }).where(eq(membershipRequests.id, requestId)).returning());
    expect(changed).toEqual([]);
    expect((await requestsOf(s.agent.id))[0]!.status).toBe("pending");
    expect(await membershipOf(s.tenant.id, s.agent.id)).toBeNull();
    expect(await membershipOf(other.id, s.agent.id)).toBeNull();
  });

  it("refuses a malformed decision with a French message", async () => {
    const badRole = await post(s.owner.id, `/t/${s.tenant.slug}/membres`, { intent: "approve-request", requestId, role: "admin" });
    expect(badRole.html).toContain("Choisissez un rôle.");
    const badId = await post(s.owner.id, `/t/${s.tenant.slug}/membres`, { intent: "refuse-request", requestId: "x" });
    expect(badId.html).toContain("Demande inconnue.");
    expect((await requestsOf(s.agent.id))[0]!.status).toBe("pending");
  });

  it("approves with the role the owner chose, once, and tells the requester", async () => {
    const page = await post(s.owner.id, `/t/${s.tenant.slug}/membres`, { intent: "approve-request", requestId, role: "viewer" });
    expect(page.status).toBe(200);
    expect(page.html).toContain("Camille Léger a rejoint la structure avec le rôle Lecteur.");
    expect(await membershipOf(s.tenant.id, s.agent.id)).toMatchObject({ role: "viewer" });
    expect((await requestsOf(s.agent.id))[0]).toMatchObject({ status: "approved", grantedRole: "viewer", decidedBy: s.owner.id });
    const [mail, ...more] = await mailsTo(s.agent.email, "membership-decision");
    expect(more).toEqual([]);
    expect(mail!.subject).toBe("Votre accès à «\u00a0Ville de Villeurbanne\u00a0» est accordé");
    expect(mail!.text).toContain("Lecteur");
    expect(mail!.text).toContain(`/t/${s.tenant.slug}`);

    // A second decision (the other owner, at the same time) is refused and changes nothing.
    const again = await post(s.secondOwner.id, `/t/${s.tenant.slug}/membres`, { intent: "refuse-request", requestId });
    expect(again.html).toContain("Cette demande a déjà été traitée.");
    const twice = await decideMembershipRequest(await contextFor(s.owner.id, s.tenant.slug), { requestId, decision: "approve", role: "owner" });
    expect(twice).toEqual({ ok: false, message: "Cette demande a déjà été traitée." });
    expect(await membershipOf(s.tenant.id, s.agent.id)).toMatchObject({ role: "viewer" });
    expect(await mailsTo(s.agent.email, "membership-decision")).toHaveLength(1);

    const audit = await db().select().from(auditLog).where(and(eq(auditLog.tenantId, s.tenant.id), like(auditLog.action, "membership_request.%")));
    expect(audit.map((a) => [a.action, a.actorUserId])).toEqual([
      ["membership_request.created", s.agent.id],
      ["membership_request.approved", s.owner.id],
    ]);
    // The new member opens the structure; the request is listed as accepted on their page.
    expect((await contextFor(s.agent.id, s.tenant.slug)).role).toBe("viewer");
    const joinPage = await get(s.agent.id, "/compte/rejoindre");
    expect(joinPage.html).toContain("Acceptée");
    expect(joinPage.html).toContain("rôle : Lecteur");
  });

  it(`refuses a request: no membership, the requester is told, and may ask again ${ASK_AGAIN_AFTER_REFUSAL_DAYS} days later`, async () => {
    const { tenant, owner, agent } = await scenario();
    const { requestId: id } = (await requestMembership(agent, tenant.id))!;
    const page = await post(owner.id, `/t/${tenant.slug}/membres`, { intent: "refuse-request", requestId: id });
    expect(page.html).toContain("La demande de Camille Léger est refusée");
    expect(await membershipOf(tenant.id, agent.id)).toBeNull();
    expect((await requestsOf(agent.id))[0]).toMatchObject({ status: "refused", grantedRole: null, decidedBy: owner.id });
    const [mail] = await mailsTo(agent.email, "membership-decision");
    expect(mail!.subject).toBe("Votre demande d'accès à «\u00a0Ville de Villeurbanne\u00a0» est refusée");
    expect(mail!.text).toContain("/compte/rejoindre");
    const joinPage = await get(agent.id, "/compte/rejoindre");
    expect(joinPage.html).toContain("Refusée");
    // Not offered again at once (owners are not asked over and over), then offered again.
    expect(await joinableTenants(agent.id)).toEqual([]);
    expect(await requestMembership(agent, tenant.id)).toBeNull();
    await db()
      .update(membershipRequests)
      .set({ decidedAt: sql`now() - make_interval(days => ${ASK_AGAIN_AFTER_REFUSAL_DAYS}) - interval '1 minute'` })
      .where(eq(membershipRequests.id, id));
    expect((await joinableTenants(agent.id)).map((t) => t.id)).toEqual([tenant.id]);
  });
});
