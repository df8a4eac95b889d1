import { and, eq } from "drizzle-orm";
import type { RouteObject } from "react-router-dom";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { auditLog, leadNotes, leads, offers, orders, staffRoles, type OrderStatus } from "../../../db/schema";
import { seedDemoLeads } from "../../../db/seed/leads";
import { makeTenant, makeUser, requestWithSession } from "../../../db/testing/factories";
import { renderRoute, routeResponse } from "../../../db/testing/routes";
import { useTestDatabase } from "../../../db/testing/test-database";
import * as detailRoute from "../../routes/admin.prospects.$id";
import * as listRoute from "../../routes/admin.prospects._index";
import * as csvRoute from "../../routes/admin.prospects[.csv]";
import { createSession } from "../auth/session.server";
import { addLeadNote, countLeads, getLead, leadBoard, listLeads, listStructureLeads, openLead, openLeadForOrder, updateLead } from "./leads.server";

/*
 * The sales pipeline against the database: leads opened by orders (once), changes audited with
 * their before/after values, notes, refusals that change nothing, filters, the board's sums, and
 * the back-office pages through their loaders and actions.
 */

useTestDatabase();

const origin = "http://localhost:3000";
const people = { sales: "", admin: "", auditor: "", outsider: "" };
const tokens = { sales: "", auditor: "" };
let tenantA: Awaited<ReturnType<typeof makeTenant>>;
let tenantB: Awaited<ReturnType<typeof makeTenant>>;
let offerId = "";
let counter = 0;

const routes = [
  { id: "list", path: "/admin/prospects", loader: listRoute.loader, action: listRoute.action, Component: listRoute.default },
  { id: "csv", path: "/admin/prospects.csv", loader: csvRoute.loader },
  { id: "detail", path: "/admin/prospects/:id", loader: detailRoute.loader, action: detailRoute.action, Component: detailRoute.default },
] as unknown as RouteObject[];

async function makeOrder(tenantId: string, status: OrderStatus, totalHtCents: number | null) {
  counter += 1;
  const priced = totalHtCents !== null;
  const [order] = await db()
    .insert(orders)
    .values({
      tenantId,
      reference: `CMD-2026-${String(counter).padStart(4, "0")}`,
      offerId,
      status,
      totalHtCents,
      vatCents: priced ? totalHtCents / 5 : null,
      totalTtcCents: priced ? totalHtCents + totalHtCents / 5 : null,
      paymentPath: priced ? "invoice" : null,
      billingContactName: "Service comptabilité",
      billingContactEmail: "compta@exemple.fr",
      billingAddress: "1 place de la Mairie",
      payerSiret: tenantA.siret,
    })
    .returning();
  return order!;
}

async function auditOf(leadId: string) {
  return db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetType, "lead"), eq(auditLog.targetId, leadId)));
}

async function leadRow(leadId: string) {
  const [row] = await db().select().from(leads).where(eq(leads.id, leadId));
  return row!;
}

beforeAll(async () => {
  for (const role of ["sales", "admin", "auditor"] as const) {
    const user = await makeUser({ email: `${role}-leads@afnor.example`, name: `Personne ${role}` });
    await db().insert(staffRoles).values({ userId: user.id, role });
    people[role] = user.id;
    if (role !== "admin") tokens[role] = (await createSession(user.id, { userAgent: null, ipAddress: null })).token;
  }
  people.outsider = (await makeUser({ email: "qualite@structure.example" })).id;
  tenantA = await makeTenant({ name: "Ville de Prospectville", slug: "prospectville" });
  tenantB = await makeTenant({ name: "CCAS de Suiviville", slug: "ccas-suiviville" });
  const [offer] = await db()
    .insert(offers)
    .values({
      code: "formation-test-leads",
      kind: "formation",
      title: "Formation « Accueil téléphonique »",
      description: "Décrocher vite.",
      benefits: "Moins d'appels perdus.",
      duration: "1 jour",
      priceHtCents: 69000,
      prerequisites: "Aucun",
    })
    .returning();
  offerId = offer!.id;
});

describe("openLeadForOrder", () => {
  it("opens one lead per order, titled after the request, and is idempotent", async () => {
    const quote = await makeOrder(tenantA.id, "quote_requested", null);
    const first = await db().transaction((tx) => openLeadForOrder(tx, { ...quote, createdBy: people.outsider }, "Formation « Accueil téléphonique »"));
    const again = await db().transaction((tx) => openLeadForOrder(tx, quote, "Formation « Accueil téléphonique »"));
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    expect(await db().select().from(leads).where(eq(leads.orderId, quote.id))).toHaveLength(1);
    const lead = await leadRow(first.id);
    expect(lead).toMatchObject({ tenantId: tenantA.id, offerId, status: "nouveau", assigneeId: null, valueHtCents: null });
    expect(lead.title).toBe(`Devis — Formation « Accueil téléphonique » (${quote.reference})`);
    const audit = await auditOf(first.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "lead.opened", tenantId: tenantA.id, actorUserId: people.outsider });
  });

  it("values an order at its total HT", async () => {
    const order = await makeOrder(tenantB.id, "awaiting_payment", 138000);
    const { id } = await openLeadForOrder(db(), order, "Formation « Accueil téléphonique »");
    expect(await leadRow(id)).toMatchObject({ title: `Commande — Formation « Accueil téléphonique » (${order.reference})`, valueHtCents: 138000 });
  });
});

describe("updateLead", () => {
  it("applies the changes and audits each one with its before and after values", async () => {
    const id = await openLead(db(), people.sales, { tenantId: tenantA.id, title: "Diagnostic interne — appel entrant" });
    const outcome = await updateLead(people.sales, id, { status: "contacte", assigneeId: people.sales, nextContactOn: "2026-06-15", valueHtCents: 125050 });
    expect(outcome).toEqual({ ok: true, changed: true, message: "Prospect mis à jour." });
    expect(await leadRow(id)).toMatchObject({ status: "contacte", assigneeId: people.sales, nextContactOn: "2026-06-15", valueHtCents: 125050 });
    const updated = (await auditOf(id)).filter((entry) => entry.action === "lead.updated");
    expect(updated).toHaveLength(1);
    expect(updated[0]).toMatchObject({ tenantId: tenantA.id, actorUserId: people.sales });
    expect(JSON.parse(updated[0]!.details!)).toEqual({
      status: { avant: "nouveau", après: "contacte" },
      assigneeId: { avant: null, après: people.sales },
      nextContactOn: { avant: null, après: "2026-06-15" },
      valueHtCents: { avant: null, après: 125050 },
    });
    // Only what changes is recorded; the same values again record nothing.
    await updateLead(people.sales, id, { status: "contacte", assigneeId: people.admin, nextContactOn: "2026-06-15", valueHtCents: 125050 });
    const last = (await auditOf(id)).filter((entry) => entry.action === "lead.updated");
    expect(last).toHaveLength(2);
    expect(last.map((entry) => JSON.parse(entry.details!))).toContainEqual({ assigneeId: { avant: people.sales, après: people.admin } });
    expect(await updateLead(people.sales, id, { status: "contacte" })).toMatchObject({ ok: true, changed: false });
    expect((await auditOf(id)).filter((entry) => entry.action === "lead.updated")).toHaveLength(2);
  });

  it("refuses a move out of a closed lead, or a non-sales assignee, and changes nothing", async () => {
    const id = await openLead(db(), people.sales, { tenantId: tenantA.id, title: "Label Qualivilles", status: "gagne", valueHtCents: 500000 });
    const before = await leadRow(id);
    expect(await updateLead(people.sales, id, { status: "perdu", valueHtCents: 1 })).toMatchObject({ ok: false, field: "status" });
    expect(await updateLead(people.sales, id, { assigneeId: people.auditor, valueHtCents: 1 })).toMatchObject({ ok: false, field: "assigneeId" });
    expect(await updateLead(people.sales, id, { assigneeId: people.outsider })).toMatchObject({ ok: false, field: "assigneeId" });
    expect(await leadRow(id)).toEqual(before);
    expect((await auditOf(id)).map((entry) => entry.action)).toEqual(["lead.opened"]);
    // Reopening is allowed.
    expect(await updateLead(people.sales, id, { status: "contacte" })).toMatchObject({ ok: true, changed: true });
    expect(await updateLead(people.sales, "00000000-0000-4000-8000-000000000000", { status: "contacte" })).toBeNull();
  });
});

describe("notes", () => {
  it("appends a note, audited, and refuses an empty or too long one", async () => {
    const id = await openLead(db(), people.sales, { tenantId: tenantB.id, title: "Formation écrits" });
    expect(await addLeadNote(people.sales, id, "  Rappeler la directrice lundi.  ")).toMatchObject({ ok: true });
    expect(await addLeadNote(people.sales, id, "   ")).toMatchObject({ ok: false, field: "body" });
    expect(await addLeadNote(people.sales, id, "x".repeat(2001))).toMatchObject({ ok: false, field: "body" });
    const notes = await db().select().from(leadNotes).where(eq(leadNotes.leadId, id));
    expect(notes.map((note) => [note.body, note.authorId, note.tenantId])).toEqual([["Rappeler la directrice lundi.", people.sales, tenantB.id]]);
    expect((await auditOf(id)).map((entry) => entry.action).sort()).toEqual(["lead.note_added", "lead.opened"]);
    const detail = await getLead(id);
    expect(detail?.notes.map((note) => note.authorName)).toEqual(["Personne sales"]);
    expect(detail?.history).toHaveLength(2);
  });
});

describe("lists and board", () => {
  const now = new Date("2026-05-20T10:00:00Z");

  it("filters by status, assignee (or none), structure and late next contact", async () => {
    await db().delete(leads);
    const late = await openLead(db(), null, { tenantId: tenantA.id, title: "En retard", status: "contacte", assigneeId: people.sales, nextContactOn: "2026-05-19", valueHtCents: 100000 });
    await openLead(db(), null, { tenantId: tenantA.id, title: "Aujourd'hui", status: "devis_envoye", assigneeId: people.sales, nextContactOn: "2026-05-20", valueHtCents: 50000 });
    await openLead(db(), null, { tenantId: tenantB.id, title: "Perdu depuis", status: "perdu", assigneeId: people.admin, nextContactOn: "2026-01-01", valueHtCents: 900000 });
    await openLead(db(), null, { tenantId: tenantB.id, title: "Personne", status: "contacte", valueHtCents: null });
    await openLead(db(), null, { tenantId: tenantB.id, title: "Nouveau chiffré", status: "nouveau", valueHtCents: 25050 });
    const titles = async (filters: Parameters<typeof listLeads>[0]) => (await listLeads(filters, null, now)).map((row) => row.title);
    expect(await titles({})).toEqual(["Perdu depuis", "En retard", "Aujourd'hui", "Nouveau chiffré", "Personne"]);
    expect(await titles({ status: "contacte" })).toEqual(["En retard", "Personne"]);
    expect(await titles({ assignee: people.sales })).toEqual(["En retard", "Aujourd'hui"]);
    expect((await titles({ assignee: "none" })).sort()).toEqual(["Nouveau chiffré", "Personne"]);
    expect((await titles({ structure: "suivi" })).length).toBe(3);
    expect(await titles({ structure: "100%_" })).toEqual([]);
    expect(await titles({ overdue: true })).toEqual(["En retard"]);
    expect(await countLeads({ overdue: true }, now)).toBe(1);
    expect(await countLeads({ structure: "Prospectville" }, now)).toBe(2);
    const [row] = await listLeads({ overdue: true }, 1, now);
    expect(row).toMatchObject({ id: late, tenantName: "Ville de Prospectville", tenantSlug: "prospectville", assigneeName: "Personne sales" });
    expect((await listStructureLeads(tenantB.id)).map((lead) => lead.title).sort()).toEqual(["Nouveau chiffré", "Perdu depuis", "Personne"]);
  });

  it("sums counts and known values per status, in pipeline order", async () => {
    const board = await leadBoard({}, now);
    expect(board.map(({ status, count, valueHtCents }) => [status, count, valueHtCents])).toEqual([
      ["nouveau", 1, 25050],
      ["contacte", 2, 100000],
      ["devis_envoye", 1, 50000],
      ["gagne", 0, 0],
      ["perdu", 1, 900000],
    ]);
    expect(board[1]!.cards.map((card) => card.title)).toEqual(["En retard", "Personne"]);
    const filtered = await leadBoard({ assignee: people.sales }, now);
    expect(filtered.map((column) => column.count)).toEqual([0, 1, 1, 0, 0]);
  });
});

describe("back-office pages", () => {
  const get = (who: keyof typeof tokens, path: string) => requestWithSession(tokens[who], `${origin}${path}`);
  const post = (path: string, fields: Record<string, string>) => {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    return new Request(`${origin}${path}`, { method: "POST", body, headers: { Cookie: `ec_session=${tokens.sales}` } });
  };

  it("shows the board and the table to sales, not to auditors", async () => {
    const board = await renderRoute(routes, get("sales", "/admin/prospects"));
    expect(board.status).toBe(200);
    expect(board.html).toContain("Contacté (2)");
    expect(board.html).toContain('href="/admin/structures/prospectville"');
    expect(board.html).toContain("En retard");
    const table = await renderRoute(routes, get("sales", "/admin/prospects?vue=tableau&commercial=non-attribue"));
    expect(table.html).toContain("Prospects (2)");
    expect(table.html).toContain("Non attribué");
    expect((await renderRoute(routes, get("auditor", "/admin/prospects"))).status).toBe(403);
  });

  it("moves a card from the board, and refuses an impossible move", async () => {
    const [lead] = await db().select().from(leads).where(eq(leads.title, "Personne"));
    const moved = await renderRoute(routes, post("/admin/prospects", { intent: "status", leadId: lead!.id, status: "devis_envoye" }));
    expect(moved.html).toContain("Prospect passé au statut « Devis envoyé ».");
    const [lost] = await db().select().from(leads).where(eq(leads.title, "Perdu depuis"));
    const refused = await renderRoute(routes, post("/admin/prospects", { intent: "status", leadId: lost!.id, status: "gagne" }));
    expect(refused.html).toContain("rouvrez-le d&#x27;abord");
    expect((await leadRow(lost!.id)).status).toBe("perdu");
  });

  it("edits a lead from its page, refusing bad input without changing anything", async () => {
    const [lead] = await db().select().from(leads).where(eq(leads.title, "Nouveau chiffré"));
    const path = `/admin/prospects/${lead!.id}`;
    const page = await renderRoute(routes, get("sales", path));
    expect(page.status).toBe(200);
    expect(page.html).toContain("Nouveau chiffré");
    expect(page.html).toContain('value="250,50"');
    const invalid = await renderRoute(routes, post(path, { intent: "update", status: "contacte", assigneeId: "", nextContactOn: "31/02/2026", valueHt: "mille" }));
    expect(invalid.html).toContain("Date de prochain contact invalide");
    expect(invalid.html).toContain("Montant HT invalide");
    expect(await leadRow(lead!.id)).toMatchObject({ status: "nouveau", valueHtCents: 25050, nextContactOn: null });
    const saved = await renderRoute(routes, post(path, { intent: "update", status: "contacte", assigneeId: people.sales, nextContactOn: "02/06/2026", valueHt: "1 250,50" }));
    expect(saved.html).toContain("Prospect mis à jour.");
    expect(saved.html).toContain("Statut : Nouveau → Contacté");
    expect(saved.html).toContain("Commercial : personne → Personne sales");
    expect(await leadRow(lead!.id)).toMatchObject({ status: "contacte", assigneeId: people.sales, nextContactOn: "2026-06-02", valueHtCents: 125050 });
    const noted = await renderRoute(routes, post(path, { intent: "note", body: "Devis à envoyer avant vendredi." }));
    expect(noted.html).toContain("Note ajoutée.");
    expect(noted.html).toContain("Devis à envoyer avant vendredi.");
    const empty = await renderRoute(routes, post(path, { intent: "note", body: " " }));
    expect(empty.html).toContain("Écrivez la note.");
    expect(await db().select().from(leadNotes).where(eq(leadNotes.leadId, lead!.id))).toHaveLength(1);
    expect((await renderRoute(routes, get("sales", "/admin/prospects/pas-un-id"))).status).toBe(404);
  });

  it("exports the filtered table as CSV for French Excel", async () => {
    const csv = await routeResponse(routes, get("sales", "/admin/prospects.csv?statut=contacte&vue=tableau&page=4"));
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith("Structure;Identifiant de la structure;Prospect;Statut;Commercial;Valeur HT (€)")).toBe(true);
    const lines = text.trim().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines.some((line) => line.includes("Ville de Prospectville;prospectville;En retard;Contacté;Personne sales;1000,00;19/05/2026;"))).toBe(true);
    expect(lines.some((line) => line.includes("Nouveau chiffré;Contacté;Personne sales;1250,50;02/06/2026;"))).toBe(true);
  });
});

describe("demo leads", () => {
  it("seeds leads for the demo structures and peers found, once", async () => {
    await makeUser({ email: "ventes@afnor.example", name: "Julien Commercial" });
    const demo = await makeTenant({ slug: "villeurbanne", name: "Ville de Villeurbanne" });
    const peer = await makeTenant({ slug: "temoin-00001", name: "Commune témoin" });
    await seedDemoLeads(db());
    await seedDemoLeads(db());
    const seeded = [...(await listStructureLeads(demo.id)), ...(await listStructureLeads(peer.id))];
    expect(seeded.map((lead) => lead.title).sort()).toEqual([
      "Diagnostic interne — appel entrant",
      "Formation accueil téléphonique — 8 agents (salon des maires)",
      "Label Services Publics+ — accompagnement",
    ]);
    expect(seeded.filter((lead) => lead.assigneeName === "Julien Commercial")).toHaveLength(2);
  });
});
