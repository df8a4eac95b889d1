// Property-based tests over the project's zod schemas: bad input never throws, every refusal
// carries a French message (zod's English defaults are replaced by ~/utils/zod's French map, and
// any English word fails), and a valid form still parses. Pure: no database.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { actionSchema, actionStatusCodes, commentSchema, statusSchema } from "../action-plan/rules";
import { auditFiltersSchema } from "../audit-log/filters";
import { proconnectLinkSchema, proconnectStartSchema } from "../auth/proconnect-schemas";
import { invoicePeriodSchema } from "../billing/period-schema";
import { importLineSchema } from "../audits/import-format";
import { emailOnlySchema, loginSchema, resetPasswordSchema, signupSchema } from "../auth/schemas";
import { inviteStaffSchema, setStaffRolesSchema } from "../auth/staff-roles";
import { auditChannels, editionSchema } from "../editions/edition-schema";
import { enrolmentSchema } from "../enrolment/schemas";
import { leadFiltersSchema, leadNoteSchema, leadStatusChangeSchema, leadUpdateSchema } from "../leads/lead-status";
import { offerSchema, sessionEditSchema, sessionSchema } from "../offers/catalogue-schema";
import { orderOptionsSchema, orderSchema } from "../offers/order-schema";
import { practiceSchema } from "../practices/practice-schema";
import { keyFiguresYearSchema, parseKeyFiguresForm } from "../public/key-figures-schema";
import { laureateSchema, showcaseConsentSchema } from "../public/laureate-schema";
import { barometerCategories } from "../tenancy/categories";
import { directoryFiltersSchema } from "../tenancy/directory-filters";
import { looksEnglish } from "../../utils/zod-english";
import { changeRoleSchema, createTenantSchema, decideRequestSchema, inviteSchema, joinRequestSchema, removeMemberSchema, revokeInvitationSchema } from "../tenancy/schemas";

const NUM_RUNS = 200;
const SEED = 20_250_101; // fixed: the same inputs on every run, so the list below stays exact
const UUID = "2b8f1c9e-3d4a-4f6b-9c1d-7e8f9a0b1c2d";
const SIRET = "21690266800013";
const ONE_MIB = "a".repeat(1024 * 1024);
const INJECTIONS = ["'; drop table users; --", "<script>alert(1)</script>", "\u0000", "\u0000'\"<>&", "../../etc/passwd", "${7*7}{{7*7}}", "1 OR 1=1", "\uFEFF\u202E"];

type Case = { name: string; schema: z.ZodType; valid: Record<string, unknown> };

const cases: Case[] = [
  { name: "actionSchema", schema: actionSchema, valid: { title: "Rappeler les usagers", description: "", status: actionStatusCodes[0], priority: "haute", ownerUserId: UUID, dueOn: "2026-03-31", channel: "telephone" } },
  { name: "commentSchema", schema: commentSchema, valid: { body: "Relance faite le 3 mars." } },
  { name: "statusSchema", schema: statusSchema, valid: { status: actionStatusCodes[0] } },
  { name: "auditFiltersSchema", schema: auditFiltersSchema, valid: { structure: "lyon", actor: "a@afnor.org", action: "lead.updated", from: "2026-01-01", to: "2026-02-01", page: "2" } },
  {
    name: "importLineSchema",
    schema: importLineSchema,
    valid: { siret: SIRET, structure: "", numero_audit: "3", canal: "telephone", date: "12/03/2026", code_item: "T-01", valeur: "oui", commentaire: "" },
  },
  { name: "loginSchema", schema: loginSchema, valid: { email: "Nom@Mairie.fr", password: "x", redirectTo: "/mon-espace" } },
  { name: "signupSchema", schema: signupSchema, valid: { name: "Camille Martin", email: "camille.martin@mairie.fr", password: "Vélo-rouge-2026-soleil!" } },
  { name: "emailOnlySchema", schema: emailOnlySchema, valid: { email: "accueil@mairie.fr" } },
  { name: "resetPasswordSchema", schema: resetPasswordSchema, valid: { token: "abc123", password: "Vélo-rouge-2026-soleil!", confirmation: "Vélo-rouge-2026-soleil!" } },
  { name: "inviteStaffSchema", schema: inviteStaffSchema, valid: { intent: "invite", email: "prenom.nom@afnor.org", roles: ["sales"] } },
  { name: "setStaffRolesSchema", schema: setStaffRolesSchema, valid: { intent: "set-roles", userId: UUID, roles: ["admin", "auditor"] } },
  {
    name: "editionSchema",
    schema: editionSchema,
    valid: {
      year: 2027,
      number: 16,
      title: "Baromètre Expérience Citoyen 2027",
      enrolmentOpensOn: "2027-01-05",
      enrolmentClosesOn: "2027-03-31",
      auditStartsOn: "2027-04-15",
      auditEndsOn: "2027-07-15",
      publicationOn: "2027-10-01",
      referentialVersion: "2027.1",
      termsVersion: "CGV-2027-01",
      auditPlan: Object.fromEntries(auditChannels.map((channel, i) => [channel, i === 0 ? 13 : 0])),
      onsiteVisitOptional: true,
      onsiteVisitPrice: "450",
      prices: Object.fromEntries(barometerCategories.map((category) => [category, "1 490,50"])),
    },
  },
  {
    name: "enrolmentSchema",
    schema: enrolmentSchema,
    valid: {
      onsiteVisit: "on",
      billingContactName: "Service financier",
      billingContactEmail: "finances@mairie.fr",
      billingAddress: "1 place de la Comédie, 69001 Lyon",
      paymentPath: "invoice",
      engagementNumber: "EJ-2026-42",
      payerSiret: SIRET,
      acceptTerms: "on",
      termsVersion: "CGV-2026-01",
    },
  },
  { name: "leadUpdateSchema", schema: leadUpdateSchema, valid: { intent: "update", status: "contacte", assigneeId: UUID, nextContactOn: "15/04/2026", valueHt: "1 250,50" } },
  { name: "leadStatusChangeSchema", schema: leadStatusChangeSchema, valid: { intent: "status", leadId: UUID, status: "gagne" } },
  { name: "leadNoteSchema", schema: leadNoteSchema, valid: { intent: "note", body: "Appel du DGS : devis attendu." } },
  { name: "leadFiltersSchema", schema: leadFiltersSchema, valid: { statut: "nouveau", commercial: UUID, structure: "lyon", relance: "en-retard", vue: "tableau", page: "3" } },
  {
    name: "offerSchema",
    schema: offerSchema,
    valid: {
      code: "formation-accueil-telephonique",
      kind: "formation",
      title: "Formation à l'accueil téléphonique",
      description: "Une journée pour mieux accueillir.",
      benefits: "Des agents plus sereins.",
      duration: "1 jour (7 heures)",
      price: "1 250",
      prerequisites: "Aucun",
      position: 3,
      active: true,
    },
  },
  { name: "sessionSchema", schema: sessionSchema, valid: { startsOn: "2026-05-04", endsOn: "2026-05-05", remote: false, place: "Lyon", seats: 12 } },
  { name: "sessionEditSchema", schema: sessionEditSchema, valid: { sessionId: UUID, startsOn: "2026-05-04", endsOn: "2026-05-04", remote: true, seats: 20 } },
  { name: "orderOptionsSchema", schema: orderOptionsSchema, valid: { sessionId: UUID, trainees: "4", sites: "1" } },
  {
    name: "orderSchema",
    schema: orderSchema,
    valid: {
      intent: "order",
      sessionId: "",
      trainees: "2",
      sites: "1",
      message: "Merci de nous rappeler.",
      billingContactName: "Service financier",
      billingContactEmail: "finances@mairie.fr",
      billingAddress: "1 place de la Comédie, 69001 Lyon",
      paymentPath: "card",
      acceptTerms: "on",
    },
  },
  {
    name: "practiceSchema",
    schema: practiceSchema,
    valid: {
      number: "12",
      title: "Un accueil sans rendez-vous",
      summary: "Des horaires élargis.",
      body: "La mairie ouvre le samedi matin.",
      themes: [],
      sourceName: "Ville de Lyon",
      laureateYear: "2024",
      illustrationUrl: "/illustrations/accueil.jpg",
      illustrationAlt: "Le hall d'accueil",
      publishOn: "2028-02-29",
    },
  },
  { name: "keyFiguresYearSchema", schema: keyFiguresYearSchema as unknown as z.ZodType, valid: { year: "2025" } },
  {
    name: "laureateSchema",
    schema: laureateSchema,
    valid: { year: "2023", category: barometerCategories[0], name: "Ville de Lyon", slug: "ville-de-lyon", place: "Lyon", summary: "Un accueil exemplaire.", story: "Récit.", practiceIds: [UUID, UUID], position: "0" },
  },
  { name: "showcaseConsentSchema", schema: showcaseConsentSchema, valid: { intent: "consent", consent: "oui" } },
  { name: "directoryFiltersSchema", schema: directoryFiltersSchema, valid: { q: "lyon", departement: "2a", categorie: barometerCategories[0], page: "2" } },
  { name: "createTenantSchema", schema: createTenantSchema, valid: { kind: "commune", territoryCode: "69123", name: "Ville de Lyon", siret: "216 902 668 00013", slug: "Ville-De-Lyon" } },
  { name: "inviteSchema", schema: inviteSchema, valid: { intent: "invite", email: "agent@mairie.fr", role: "member" } },
  { name: "changeRoleSchema", schema: changeRoleSchema, valid: { intent: "change-role", userId: UUID, role: "viewer" } },
  { name: "removeMemberSchema", schema: removeMemberSchema, valid: { intent: "remove", userId: UUID } },
  { name: "revokeInvitationSchema", schema: revokeInvitationSchema, valid: { intent: "revoke-invitation", invitationId: UUID } },
  { name: "joinRequestSchema", schema: joinRequestSchema, valid: { intent: "request", tenantId: UUID } },
  { name: "decideRequestSchema", schema: decideRequestSchema, valid: { intent: "approve-request", requestId: UUID, role: "viewer" } },
  { name: "proconnectStartSchema", schema: proconnectStartSchema, valid: { redirectTo: "/t/villeurbanne", mfa: "1" } },
  { name: "proconnectLinkSchema", schema: proconnectLinkSchema, valid: { token: "abcdefghijklmnopqrstuvwxyz234567" } },
  { name: "invoicePeriodSchema", schema: invoicePeriodSchema, valid: { du: "2027-01-01", au: "2027-01-31" } },
];

/** The year schema is a bare number, not an object: its "valid sample" is its value. */
const inputOf = (c: Case, value: Record<string, unknown>) => (c.name === "keyFiguresYearSchema" ? value.year : value);

/** Messages met per schema and top-level field ("" for the whole input): SCHEMAS_FUZZ_REPORT=1 prints them. */
const found = new Map<string, Set<string>>();

/** Parses, and checks that every refusal carries a French message. */
function checkRefusal(c: Case, input: unknown) {
  const result = c.schema.safeParse(input);
  if (result.success) return;
  expect(result.error.issues.length).toBeGreaterThan(0);
  for (const issue of result.error.issues) {
    expect(typeof issue.message).toBe("string");
    expect(issue.message.trim()).not.toBe("");
    const field = String(issue.path[0] ?? "");
    if (process.env.SCHEMAS_FUZZ_REPORT) found.set(c.name, (found.get(c.name) ?? new Set<string>()).add(`${field} — ${issue.message}`));
    expect(looksEnglish(issue.message), `${c.name}.${field}: ${issue.message}`).toBe(false);
  }
}

const hostileString = fc.oneof(fc.string({ unit: "grapheme", maxLength: 60 }), fc.string({ unit: "binary", maxLength: 60 }), fc.constantFrom(...INJECTIONS, "", " ", ONE_MIB));
const hostileValue = fc.oneof({ weight: 4, arbitrary: hostileString }, { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) });

describe.each(cases)("$name", (c) => {
  const keys = Object.keys(c.valid);

  it("accepts its valid sample", () => {
    const result = c.schema.safeParse(inputOf(c, c.valid));
    expect(result.error?.issues ?? []).toEqual([]);
    expect(result.success).toBe(true);
  });

  it("never throws on arbitrary input, and refuses it with a message", () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        checkRefusal(c, input);
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
  });

  it("never throws on its own fields filled with hostile strings (unicode, injections, 1 Mio)", () => {
    if (c.name === "keyFiguresYearSchema") {
      fc.assert(fc.property(hostileValue, (value) => checkRefusal(c, value)), { numRuns: NUM_RUNS, seed: SEED });
      return;
    }
    const record = fc.record(Object.fromEntries(keys.map((key) => [key, hostileValue])), { requiredKeys: [] });
    fc.assert(fc.property(record, (input) => checkRefusal(c, input)), { numRuns: NUM_RUNS, seed: SEED });
  });

  it("never lets a NUL byte through (PostgreSQL refuses it in text: it would be a 500)", () => {
    if (c.name === "keyFiguresYearSchema") return;
    const leaks: string[] = [];
    const hasNul = (value: unknown): boolean =>
      typeof value === "string" ? value.includes("\u0000") : Array.isArray(value) ? value.some(hasNul) : value !== null && typeof value === "object" ? Object.values(value).some(hasNul) : false;
    const withNul = (value: unknown): unknown =>
      typeof value === "string" ? `${value.slice(0, 1)}\u0000${value.slice(1)}` : Array.isArray(value) ? value.map(withNul) : value !== null && typeof value === "object" ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withNul(v)])) : value;
    for (const key of keys) {
      const result = c.schema.safeParse({ ...c.valid, [key]: withNul(c.valid[key]) });
      if (result.success && hasNul(result.data)) leaks.push(key);
    }
    expect(leaks).toEqual([]);
  });

  it("refuses or accepts each field of the valid sample replaced by an injection, without throwing", () => {
    for (const key of keys) {
      for (const bad of [...INJECTIONS, ONE_MIB]) {
        if (c.name === "keyFiguresYearSchema") checkRefusal(c, bad);
        else checkRefusal(c, { ...c.valid, [key]: bad });
      }
    }
  });
});

describe("parseKeyFiguresForm", () => {
  it("never throws on hostile form values and answers in French", () => {
    const names = ["editionLabel", "globalScore", "globalDelta", "participants", "participantsApproximate", "certifiedScore", "othersScore", "facts", "summary", "score-telephone"];
    const record = fc.record(Object.fromEntries(names.map((name) => [name, hostileString])), { requiredKeys: [] });
    fc.assert(
      fc.property(record, (values) => {
        const parsed = parseKeyFiguresForm(values as Record<string, string>);
        if (!parsed.ok) for (const message of Object.values(parsed.errors)) expect(looksEnglish(message), message).toBe(false);
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
  });

  it("accepts a valid form", () => {
    expect(parseKeyFiguresForm({ globalScore: "62,5", globalDelta: "−6,5", participants: "321", facts: "Un fait\nUn autre" }).ok).toBe(true);
  });
});

describe("the schemas under test", () => {
  it("cover every pure form schema", () => {
    expect(cases.length).toBe(37);
    if (process.env.SCHEMAS_FUZZ_REPORT) console.log(JSON.stringify(Object.fromEntries([...found].map(([name, set]) => [name, [...set].sort()])), null, 1));
  });
});

describe("the French messages of ~/utils/zod", () => {
  it("are the only door to zod: no module imports zod's values directly (its French map would be skipped)", () => {
    // The application's code (scripts are operator tools, with their own command-line messages).
    const root = new URL("../../../", import.meta.url).pathname;
    const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "app", "db", "emails"], { cwd: root, encoding: "utf8" })
      .split("\n")
      .filter((file) => /\.(ts|tsx|js|mjs)$/.test(file) && !/^app\/utils\/zod(-namespace)?\.ts$/.test(file) && existsSync(`${root}${file}`));
    expect(files.length).toBeGreaterThan(50);
    const direct = files.filter((file) => /^\s*import\s+(?!type\b)[^;]*from\s+["']zod(\/[^"']*)?["']/m.test(readFileSync(`${root}${file}`, "utf8")));
    expect(direct, 'import { z } from "~/utils/zod" instead').toEqual([]);
  });

  it("answer the structural refusals in French: not a form, unknown intent, wrong types, missing fields", () => {
    const messages = [
      ...inviteStaffSchema.safeParse("pas un formulaire").error!.issues,
      ...inviteStaffSchema.safeParse({ intent: "supprimer-tout", email: "a@afnor.org", roles: ["sales"] }).error!.issues,
      ...setStaffRolesSchema.safeParse({ intent: "set-roles", userId: 42, roles: "root" }).error!.issues,
      ...offerSchema.safeParse({ ...cases.find((c) => c.name === "offerSchema")!.valid, active: "peut-être", price: 12 }).error!.issues,
      ...resetPasswordSchema.safeParse({ password: "x", confirmation: "x" }).error!.issues,
      ...enrolmentSchema.safeParse({}).error!.issues,
    ].map((issue) => issue.message);
    expect(messages.length).toBeGreaterThan(6);
    for (const message of messages) expect(looksEnglish(message), message).toBe(false);
    expect(messages).toContain("Cette valeur n’est pas acceptée.");
  });

  it("say « action non reconnue » for a forged intent, and give counts and limits in French", async () => {
    const { z } = await import("../../utils/zod");
    const byIntent = z.discriminatedUnion("intent", [z.object({ intent: z.literal("a") }), z.object({ intent: z.literal("b") })]);
    expect(byIntent.safeParse({ intent: "c" }).error!.issues[0]!.message).toBe("Cette action n’est pas reconnue. Rechargez la page et réessayez.");
    expect(z.object({ n: z.number().max(1500) }).safeParse({ n: 2000 }).error!.issues[0]!.message).toBe("La valeur doit être inférieure ou égale à 1\u202f500.");
    expect(z.object({ s: z.string().max(4000) }).safeParse({ s: "x".repeat(4001) }).error!.issues[0]!.message).toBe("Saisissez au plus 4\u202f000 caractères.");
    expect(z.object({ s: z.string() }).safeParse({}).error!.issues[0]!.message).toBe("Ce champ est obligatoire.");
    expect(z.object({ b: z.boolean() }).safeParse({ b: "on" }).error!.issues[0]!.message).toBe("Cette valeur n’est pas acceptée.");
    expect(z.object({ e: z.enum(["x", "y"]) }).safeParse({ e: "z" }).error!.issues[0]!.message).toBe("Choisissez une des options proposées.");
  });
});
