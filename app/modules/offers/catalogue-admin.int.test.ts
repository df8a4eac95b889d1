import { and, eq, inArray } from "drizzle-orm";
import type { RouteObject } from "react-router-dom";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { auditLog, offers, orders, staffRoles, trainingSessions } from "../../../db/schema";
import { seedOfferCatalogue } from "../../../db/seed/offers";
import { addMember, makeTenant, makeUser, requestWithSession } from "../../../db/testing/factories";
import { renderRoute, routeResponse } from "../../../db/testing/routes";
import { useTestDatabase } from "../../../db/testing/test-database";
import * as offerRoute from "../../routes/admin.offres.$code";
import * as indexRoute from "../../routes/admin.offres._index";
import * as csvRoute from "../../routes/admin.offres[.csv]";
import * as tenantOffersRoute from "../../routes/t.$tenant.offres";
import { createSession } from "../auth/session.server";
import { updateTrainingSession } from "./catalogue-admin.server";
import { offerCodes } from "./ladder";
import { listCatalogue } from "./offers.server";

/*
 * The back-office catalogue through its loaders and actions, as the server runs them: admins
 * create and edit offers and sessions, sales read, every change is journaled, a refused input
 * changes nothing, and a deactivated offer leaves the structures' catalogue.
 */

useTestDatabase();

const origin = "http://localhost:3000";
const tokens = { admin: "", sales: "", member: "" };
let adminId = "";
let tenantSlug = "";
let tenantId = "";

const routes = [
  { id: "index", path: "/admin/offres", loader: indexRoute.loader, action: indexRoute.action, Component: indexRoute.default },
  { id: "csv", path: "/admin/offres.csv", loader: csvRoute.loader },
  { id: "offer", path: "/admin/offres/:code", loader: offerRoute.loader, action: offerRoute.action, Component: offerRoute.default },
  { id: "tenant-offers", path: "/t/:tenant/offres", loader: tenantOffersRoute.loader, Component: tenantOffersRoute.default },
] as unknown as RouteObject[];

const get = (who: keyof typeof tokens, path: string) => requestWithSession(tokens[who], `${origin}${path}`);

function post(who: keyof typeof tokens, path: string, fields: Record<string, string>) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  return new Request(`${origin}${path}`, { method: "POST", body, headers: { Cookie: `ec_session=${tokens[who]}` } });
}

const page = (request: Request) => renderRoute(routes, request);

/** What the create and edit forms post for a new training. */
const newTraining = (overrides: Record<string, string> = {}) => ({
  intent: "create",
  code: "formation-accueil-numerique",
  kind: "formation",
  title: "Formation « Accueil numérique des usagers »",
  description: "Accompagner les usagers dans leurs démarches en ligne, sans faire à leur place.",
  benefits: "Des usagers plus autonomes et des agents à l'aise avec les démarches en ligne.",
  duration: "1 jour (7 heures)",
  price: "1 250",
  prerequisites: "Aucun.",
  position: "20",
  active: "on",
  ...overrides,
});

async function offerByCode(code: string) {
  const [offer] = await db().select().from(offers).where(eq(offers.code, code));
  return offer;
}

async function auditRows(action: string) {
  return db().select().from(auditLog).where(eq(auditLog.action, action)).orderBy(auditLog.createdAt);
}

async function snapshot() {
  return {
    offers: await db().select().from(offers).orderBy(offers.code),
    sessions: await db().select().from(trainingSessions).orderBy(trainingSessions.id),
    audit: (await db().select({ id: auditLog.id }).from(auditLog)).length,
  };
}

beforeAll(async () => {
  await seedOfferCatalogue(db());
  for (const role of ["admin", "sales"] as const) {
    const user = await makeUser({ email: `${role}-offres@afnor.example` });
    await db().insert(staffRoles).values({ userId: user.id, role });
    tokens[role] = (await createSession(user.id, { userAgent: null, ipAddress: null })).token;
    if (role === "admin") adminId = user.id;
  }
  const tenant = await makeTenant({ name: "Ville de Catalogue" });
  tenantSlug = tenant.slug;
  tenantId = tenant.id;
  const member = await makeUser();
  await addMember(tenant.id, member.id, "owner");
  tokens.member = (await createSession(member.id, { userAgent: null, ipAddress: null })).token;
});

describe("the catalogue list and export", () => {
  it("lists every offer with its kind, its price or « Sur devis », its sessions and status", async () => {
    const { status, html } = await page(get("sales", "/admin/offres"));
    expect(status).toBe(200);
    expect(html).toContain("<h1>Catalogue des offres</h1>");
    expect(html).toMatch(/<caption id="legende-offres">Offres du catalogue \(\d+\), par position<\/caption>/);
    expect(html).toContain(`href="/admin/offres/${offerCodes.diagnostic}"`);
    expect(html).toContain("Diagnostic interne de la relation usager");
    expect(html).toContain("Sur devis");
    expect(html).toMatch(/690,00\s€ HT/);
    expect(html).toContain("3 à venir (3 au total)");
    expect(html).toContain('<span class="badge badge-success">Active</span>');
    // Sales read, but do not get the creation form.
    expect(html).not.toContain("Créer une offre");
    expect(html).toContain("Lecture seule");
    const admin = await page(get("admin", "/admin/offres"));
    expect(admin.html).toContain("Créer une offre");
  });

  it("exports the catalogue as a CSV for French Excel", async () => {
    const response = await routeResponse(routes, get("sales", "/admin/offres.csv"));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="catalogue-offres-\d{4}-\d{2}-\d{2}\.csv"$/);
    const body = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(body.startsWith("\uFEFFPosition;Code;Type;Titre;Prix HT (€);Durée;Description;Apports;Prérequis;Active;Sessions à venir;Places restantes;Commandes;Modifiée le\r\n")).toBe(true);
    expect(body).toContain(`;${offerCodes.diagnostic};Diagnostic interne;Diagnostic interne de la relation usager;Sur devis;`);
    expect(body).toMatch(new RegExp(`;${offerCodes.phoneTraining};Formation;"?Formation « Accueil téléphonique : qualité et efficacité »"?;690,00;`));
    expect(body).toMatch(/;Oui;3;\d+;0;\d{2}\/\d{2}\/\d{4}\r\n/);
  });
});

describe("creating an offer", () => {
  it("refuses sales: nothing is created", async () => {
    const before = await snapshot();
    const response = await routeResponse(routes, post("sales", "/admin/offres", newTraining()));
    expect(response.status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses an invalid form with French messages, and changes nothing", async () => {
    const before = await snapshot();
    const { status, html } = await page(post("admin", "/admin/offres", newTraining({ code: "Accueil Numérique", price: "mille euros", title: "", position: "-1" })));
    expect(status).toBe(200);
    expect(html).toContain("Le code s&#x27;écrit en minuscules sans accents, chiffres et tirets");
    expect(html).toContain("Montant invalide : écrivez par exemple 1 250 ou 1 250,50");
    expect(html).toContain("Indiquez le titre de l&#x27;offre.");
    expect(html).toContain("La position va de 0 à 999.");
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a code already taken, and changes nothing", async () => {
    const before = await snapshot();
    const { html } = await page(post("admin", "/admin/offres", newTraining({ code: offerCodes.phoneTraining })));
    expect(html).toContain("Une offre porte déjà ce code : choisissez-en un autre.");
    expect(await snapshot()).toEqual(before);
  });

  it("creates a priced training, journaled, and opens its page", async () => {
    const response = await routeResponse(routes, post("admin", "/admin/offres", newTraining()));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/admin/offres/formation-accueil-numerique?message=creee");
    const offer = await offerByCode("formation-accueil-numerique");
    expect(offer).toMatchObject({ kind: "formation", priceHtCents: 125000, position: 20, active: true, prerequisites: "Aucun." });
    const [audit] = await auditRows("offer.created");
    expect(audit).toMatchObject({ tenantId: null, actorUserId: adminId, targetType: "offer", targetId: offer!.id });
    expect(JSON.parse(audit!.details!)).toMatchObject({ code: "formation-accueil-numerique", priceHtCents: 125000 });
    const { html } = await page(get("admin", "/admin/offres/formation-accueil-numerique?message=creee"));
    expect(html).toContain("Offre créée.");
    expect(html).toContain("Aucune session programmée.");
    expect(html).toContain("Aucune commande ni demande de devis.");
    expect(html).toContain("<legend>Nouvelle session</legend>");
    expect(html).toContain("Je confirme la suppression définitive de cette offre et de ses sessions");
  });

  it("creates an offer « sur devis » when the price is left empty", async () => {
    await routeResponse(routes, post("admin", "/admin/offres", newTraining({ code: "diagnostic-accueil-physique", kind: "diagnostic", price: "", active: "on" })));
    expect((await offerByCode("diagnostic-accueil-physique"))?.priceHtCents).toBeNull();
    const { html } = await page(get("sales", "/admin/offres/diagnostic-accueil-physique"));
    expect(html).toContain("Sur devis");
    // Not a training: no sessions section.
    expect(html).not.toContain("Sessions");
  });
});

describe("editing an offer", () => {
  const path = "/admin/offres/formation-accueil-numerique";
  const edit = (overrides: Record<string, string> = {}) => newTraining({ intent: "save", ...overrides });

  it("saves the changes, journaled field by field", async () => {
    const response = await routeResponse(routes, post("admin", path, edit({ title: "Formation « Démarches en ligne »", price: "", duration: "2 jours (14 heures)" })));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`${path}?message=enregistree`);
    const offer = await offerByCode("formation-accueil-numerique");
    expect(offer).toMatchObject({ title: "Formation « Démarches en ligne »", priceHtCents: null, duration: "2 jours (14 heures)" });
    const [audit] = await auditRows("offer.updated");
    expect(JSON.parse(audit!.details!)).toEqual({
      code: "formation-accueil-numerique",
      changes: {
        title: { from: "Formation « Accueil numérique des usagers »", to: "Formation « Démarches en ligne »" },
        duration: { from: "1 jour (7 heures)", to: "2 jours (14 heures)" },
        priceHtCents: { from: 125000, to: null },
      },
    });
  });

  it("never changes an offer's code, and refuses sales", async () => {
    const before = await snapshot();
    const { html } = await page(post("admin", path, edit({ code: "autre-code" })));
    expect(html).toContain("Le code d&#x27;une offre ne change pas");
    expect((await routeResponse(routes, post("sales", path, edit({ title: "Par les ventes" })))).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it("answers 404 for an unknown offer", async () => {
    expect((await page(get("admin", "/admin/offres/inconnue"))).status).toBe(404);
    expect((await routeResponse(routes, post("admin", "/admin/offres/inconnue", edit()))).status).toBe(404);
  });
});

describe("training sessions", () => {
  const path = "/admin/offres/formation-accueil-numerique";
  let sessionId = "";

  it("adds a session in a town and a remote one, journaled", async () => {
    const { html } = await page(post("admin", path, { intent: "add-session", startsOn: "2031-03-10", endsOn: "2031-03-11", place: "Lyon", seats: "12" }));
    expect(html).toContain("Session ajoutée.");
    await page(post("admin", path, { intent: "add-session", startsOn: "2031-04-02", endsOn: "2031-04-02", place: "", remote: "on", seats: "20" }));
    const offer = await offerByCode("formation-accueil-numerique");
    const sessions = await db().select().from(trainingSessions).where(eq(trainingSessions.offerId, offer!.id)).orderBy(trainingSessions.startsOn);
    expect(sessions.map((s) => [s.startsOn, s.endsOn, s.place, s.remote, s.seats, s.seatsTaken])).toEqual([
      ["2031-03-10", "2031-03-11", "Lyon", false, 12, 0],
      ["2031-04-02", "2031-04-02", "À distance", true, 20, 0],
    ]);
    sessionId = sessions[0]!.id;
    expect(await auditRows("training_session.created")).toHaveLength(2);
    const list = await page(get("sales", path));
    expect(list.html).toContain("du 10 mars 2031 au 11 mars 2031");
    expect(list.html).toContain("2 avril 2031");
  });

  it("refuses a session ending before it starts, too many seats, or on an offer that is not a training", async () => {
    const before = await snapshot();
    const wrong = await page(post("admin", path, { intent: "add-session", startsOn: "2031-05-10", endsOn: "2031-05-09", place: "Lille", seats: "201" }));
    expect(wrong.html).toContain("La fin de la session ne peut pas précéder son début.");
    expect(wrong.html).toContain("Une session compte de 1 à 200 places.");
    const notTraining = await page(post("admin", "/admin/offres/diagnostic-accueil-physique", { intent: "add-session", startsOn: "2031-05-10", endsOn: "2031-05-10", place: "Lille", seats: "10" }));
    expect(notTraining.html).toContain("Seules les formations ont des sessions datées.");
    expect(await snapshot()).toEqual(before);
  });

  it("edits a session's seats, dates and place, journaled", async () => {
    await db().update(trainingSessions).set({ seatsTaken: 7 }).where(eq(trainingSessions.id, sessionId));
    const { html } = await page(post("admin", path, { intent: "edit-session", sessionId, startsOn: "2031-03-17", endsOn: "2031-03-18", place: "Villeurbanne", seats: "7" }));
    expect(html).toContain("Session mise à jour.");
    const [session] = await db().select().from(trainingSessions).where(eq(trainingSessions.id, sessionId));
    expect(session).toMatchObject({ startsOn: "2031-03-17", endsOn: "2031-03-18", place: "Villeurbanne", remote: false, seats: 7, seatsTaken: 7 });
    const [audit] = await auditRows("training_session.updated");
    expect(JSON.parse(audit!.details!).changes).toEqual({
      startsOn: { from: "2031-03-10", to: "2031-03-17" },
      endsOn: { from: "2031-03-11", to: "2031-03-18" },
      place: { from: "Lyon", to: "Villeurbanne" },
      seats: { from: 12, to: 7 },
    });
    // Full: the tenant catalogue shows no seat left, the admin page « Complet ».
    expect((await page(get("admin", path))).html).toContain("Complet");
  });

  it("refuses seats below the seats already taken, with a French message, and changes nothing", async () => {
    const before = await snapshot();
    const { html } = await page(post("admin", path, { intent: "edit-session", sessionId, startsOn: "2031-03-17", endsOn: "2031-03-18", place: "Villeurbanne", seats: "5" }));
    expect(html).toContain("Impossible de ramener la session à 5 places : 7 places sont déjà prises.");
    // Called directly too (whoever calls the module), and with invalid values.
    expect(await updateTrainingSession(adminId, "formation-accueil-numerique", sessionId, { startsOn: "2031-03-17", endsOn: "2031-03-18", place: "Lyon", remote: false, seats: 6 })).toMatchObject({
      ok: false,
      fieldErrors: { seats: ["Impossible de ramener la session à 6 places : 7 places sont déjà prises."] },
    });
    expect(await updateTrainingSession(adminId, "formation-accueil-numerique", sessionId, { startsOn: "2031-03-17", endsOn: "2031-03-01", place: "", remote: false, seats: 0 })).toMatchObject({
      ok: false,
      fieldErrors: { endsOn: [expect.any(String)], place: [expect.any(String)], seats: [expect.any(String)] },
    });
    // A session of another offer is not reachable through this offer's page.
    const [other] = await db().select({ id: trainingSessions.id }).from(trainingSessions).innerJoin(offers, eq(offers.id, trainingSessions.offerId)).where(eq(offers.code, offerCodes.phoneTraining)).limit(1);
    expect((await routeResponse(routes, post("admin", path, { intent: "edit-session", sessionId: other!.id, startsOn: "2031-03-17", endsOn: "2031-03-18", place: "Lyon", seats: "9" }))).status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it("keeps a training with sessions a training", async () => {
    const before = await snapshot();
    const { html } = await page(post("admin", path, newTraining({ intent: "save", kind: "certification", title: "Formation « Démarches en ligne »", price: "", duration: "2 jours (14 heures)" })));
    expect(html).toContain("Cette formation a des sessions : elle reste une formation.");
    expect(await snapshot()).toEqual(before);
  });
});

describe("deactivating and deleting", () => {
  const codes = (catalogue: Awaited<ReturnType<typeof listCatalogue>>) => catalogue.map((o) => o.code);

  it("takes a deactivated offer out of the structures' catalogue, and puts it back on reactivation", async () => {
    const path = `/admin/offres/${offerCodes.writingTraining}`;
    expect(codes(await listCatalogue())).toContain(offerCodes.writingTraining);
    const { html } = await page(post("admin", path, { intent: "deactivate" }));
    expect(html).toContain("désactivée : les structures ne la voient plus.");
    expect(html).toContain("Réactiver l&#x27;offre");
    expect(codes(await listCatalogue())).not.toContain(offerCodes.writingTraining);
    const tenantPage = await page(get("member", `/t/${tenantSlug}/offres`));
    expect(tenantPage.status).toBe(200);
    expect(tenantPage.html).not.toContain("Écrire aux usagers");
    expect(tenantPage.html).toContain("Accueil téléphonique");
    expect((await page(get("sales", "/admin/offres"))).html).toContain('<span class="badge badge-neutral">Inactive</span>');
    const [audit] = await auditRows("offer.deactivated");
    expect(audit).toMatchObject({ tenantId: null, actorUserId: adminId, targetType: "offer" });

    await page(post("admin", path, { intent: "reactivate" }));
    expect(codes(await listCatalogue())).toContain(offerCodes.writingTraining);
    expect(await auditRows("offer.reactivated")).toHaveLength(1);
  });

  it("refuses sales the status buttons", async () => {
    const before = await snapshot();
    expect((await routeResponse(routes, post("sales", `/admin/offres/${offerCodes.flash}`, { intent: "deactivate" }))).status).toBe(403);
    expect(await snapshot()).toEqual(before);
    expect((await page(get("sales", `/admin/offres/${offerCodes.flash}`))).html).not.toContain("Désactiver l&#x27;offre");
  });

  it("never deletes an ordered offer", async () => {
    const offer = await offerByCode(offerCodes.flash);
    await db().insert(orders).values({
      tenantId,
      reference: "CMD-2031-0001",
      offerId: offer!.id,
      status: "quote_requested",
      billingContactName: "Claire Qualité",
      billingContactEmail: "qualite@catalogue.example",
      billingAddress: "1 place de la Mairie, 69000 Lyon",
      payerSiret: "21690123100011",
    });
    const before = await snapshot();
    const { html } = await page(post("admin", `/admin/offres/${offerCodes.flash}`, { intent: "delete", confirm: "on" }));
    expect(html).toContain("ne peut pas être supprimée. Désactivez-la pour la retirer du catalogue.");
    expect(html).toContain("1 commande ou demande de devis.");
    expect(await snapshot()).toEqual(before);
  });

  it("deletes an offer created by mistake, with its sessions, journaled", async () => {
    await routeResponse(routes, post("admin", "/admin/offres", newTraining({ code: "offre-en-double", title: "Offre en double" })));
    const offer = await offerByCode("offre-en-double");
    await page(post("admin", "/admin/offres/offre-en-double", { intent: "add-session", startsOn: "2031-06-01", endsOn: "2031-06-01", place: "Lille", seats: "8" }));
    const unconfirmed = await page(post("admin", "/admin/offres/offre-en-double", { intent: "delete" }));
    expect(unconfirmed.html).toContain("Cochez la case de confirmation pour supprimer l&#x27;offre.");
    expect(await offerByCode("offre-en-double")).toBeDefined();
    const response = await routeResponse(routes, post("admin", "/admin/offres/offre-en-double", { intent: "delete", confirm: "on" }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/admin/offres");
    expect(await offerByCode("offre-en-double")).toBeUndefined();
    expect(await db().select().from(trainingSessions).where(eq(trainingSessions.offerId, offer!.id))).toEqual([]);
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "offer.deleted"), inArray(auditLog.targetId, [offer!.id])));
    expect(audit).toHaveLength(1);
  });
});
