import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { isRouteErrorResponse, type RouteObject } from "react-router-dom";
import { createStaticHandler } from "react-router-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { actions, audits, laureates, leads, practices, tenants, users } from "../../db/schema";
import { seed } from "../../db/seed/index";
import { seedDemoLeads } from "../../db/seed/leads";
import { seedLaureates } from "../../db/seed/laureates";
import { demoPath, exportsAction, fullPath, manifest } from "../../db/testing/route-manifest";
import { startStripeHarness } from "../../db/testing/stripe";
import { useTestDatabase } from "../../db/testing/test-database";
import { commentSchema, actionSchema, statusSchema } from "../modules/action-plan/rules";
import { emailOnlySchema, loginSchema, resetPasswordSchema, signupSchema } from "../modules/auth/schemas";
import { proconnectLinkSchema, proconnectStartSchema } from "../modules/auth/proconnect-schemas";
import { createSession } from "../modules/auth/session.server";
import { inviteStaffSchema, setStaffRolesSchema } from "../modules/auth/staff-roles";
import { editionSchema } from "../modules/editions/edition-schema";
import { enrolmentSchema } from "../modules/enrolment/schemas";
import { leadNoteSchema, leadStatusChangeSchema, leadUpdateSchema } from "../modules/leads/lead-status";
import { offerSchema, sessionEditSchema, sessionSchema } from "../modules/offers/catalogue-schema";
import { orderSchema } from "../modules/offers/order-schema";
import { practiceSchema } from "../modules/practices/practice-schema";
import { laureateSchema, showcaseConsentSchema } from "../modules/public/laureate-schema";
import { changeRoleSchema, createTenantSchema, decideRequestSchema, inviteSchema, joinRequestSchema, removeMemberSchema, revokeInvitationSchema } from "../modules/tenancy/schemas";
import type { z } from "../utils/zod";
import { looksEnglish } from "../utils/zod-english";

/*
 * "Bad input": every form action of Remix's manifest, posted by the role that may use it, with a
 * fixed corpus of hostile bodies built from the fields its schemas read: missing and empty fields,
 * a forged intent, duplicated fields, SQL and HTML injections, unicode (RTL override, emoji, NUL,
 * combining marks), 1 MiB values, numbers out of range, and a few fast-check records. For every
 * request: never a 5xx; a refusal (4xx, or an answer carrying errors) leaves every table as it was
 * (every insert, update and delete is counted); and every message it shows is French. The upload
 * forms also get a file too large (413), of the wrong type (415) and empty (400).
 * ACTION_FUZZ_REPORT=1 prints every request and its answer.
 */

useTestDatabase();

const actionRoutes = Object.values(manifest)
  .filter((route) => exportsAction(route.file))
  .map((route) => ({ file: route.file.replace(/^routes\//, ""), path: fullPath(route) }))
  .sort((a, b) => a.file.localeCompare(b.file));

type Who = "anonymous" | "user" | "owner" | "admin";

/**
 * What each action reads, and who may post it. Fields come from the schemas (their keys, nested
 * objects as Conform names them: `prices.commune`) plus the ones the route reads itself. A new
 * action route has no entry and fails the test until it is given one.
 */
type Spec = {
  who: Who;
  schemas?: z.ZodType[];
  fields?: string[];
  intents?: string[];
  /** A multipart upload form: the file field and its size limit. */
  upload?: { field: string; maxBytes: number };
  /** Not a form (a webhook): raw bodies only. */
  raw?: boolean;
  /** A URL parameter value other than the demo default. */
  params?: Record<string, string>;
  /** Intents that delete the object of the URL when accepted: their bodies come last. */
  destructive?: string[];
  /** Bodies valid but for one hostile value, where the corpus alone would be refused earlier. */
  extra?: Record<string, string>[];
};

const specs: Record<string, Spec> = {
  "admin._index.tsx": { who: "admin", fields: ["tenantId", "category"], intents: ["set-category"] },
  "admin.audits.$id.tsx": {
    who: "admin",
    fields: ["valeur-WEB-ACC-01", "commentaire-WEB-ACC-01", "valeur-INCONNU"],
    intents: ["draft", "submit"],
    extra: [
      { intent: "draft", "valeur-WEB-ACC-01": "oui", "commentaire-WEB-ACC-01": "Un commentaire\u0000 avec un caractère nul" },
      { intent: "draft", "valeur-WEB-ACC-01": "na", "commentaire-WEB-ACC-01": "<script>alert(1)</script>' or 1=1 --" },
    ],
  },
  "admin.audits._index.tsx": { who: "admin", fields: ["auditId", "auditorUserId"], intents: ["assign"] },
  "admin.audits.import.tsx": { who: "admin", fields: ["annee", "simulation"], upload: { field: "fichier", maxBytes: 20 * 1024 * 1024 } },
  "admin.bonnes-pratiques.$id.tsx": { who: "admin", schemas: [practiceSchema], intents: ["preview", "save"] },
  "admin.bonnes-pratiques.nouvelle.tsx": { who: "admin", schemas: [practiceSchema], intents: ["preview", "create"] },
  "admin.chiffres-cles.$annee.tsx": {
    who: "admin",
    fields: ["editionLabel", "globalScore", "globalDelta", "participants", "participantsApproximate", "certifiedScore", "othersScore", "facts", "summary", "score-telephone"],
    intents: ["preview", "save", "publish", "unpublish"],
    extra: [
      { intent: "preview", editionLabel: "Édition\u0000 2027", facts: "Un fait\u0000\nUn autre" },
      { intent: "save", editionLabel: "Édition\u0000 2027", summary: "Résumé\u0000" },
    ],
  },
  "admin.editions.$annee.tsx": { who: "admin", schemas: [editionSchema], intents: ["save", "open", "close"] },
  "admin.editions.nouvelle.tsx": { who: "admin", schemas: [editionSchema] },
  "admin.equipe.tsx": { who: "admin", schemas: [inviteStaffSchema, setStaffRolesSchema], intents: ["invite", "set-roles"] },
  "admin.impayes.tsx": { who: "admin", fields: ["invoiceId"] },
  "admin.inscriptions.tsx": { who: "admin", fields: ["enrolmentId", "reason"], intents: ["cancel", "refund"] },
  "admin.laureats.$id.tsx": { who: "admin", schemas: [laureateSchema], intents: ["save", "preview", "publish", "unpublish"] },
  "admin.laureats.nouveau.tsx": { who: "admin", schemas: [laureateSchema], intents: ["preview", "create"] },
    // A training: the session forms are reached too.
  "admin.offres.$code.tsx": {
    who: "admin",
    schemas: [offerSchema, sessionSchema, sessionEditSchema],
    fields: ["confirm"],
    intents: ["save", "add-session", "edit-session", "deactivate", "reactivate", "delete"],
    destructive: ["delete"],
    params: { code: "formation-accueil-telephonique" },
  },
  "admin.offres._index.tsx": { who: "admin", schemas: [offerSchema], intents: ["create"] },
  "admin.prospects.$id.tsx": { who: "admin", schemas: [leadUpdateSchema, leadNoteSchema], intents: ["update", "note"] },
  "admin.prospects._index.tsx": { who: "admin", schemas: [leadStatusChangeSchema], intents: ["status"] },
  "admin.publication.tsx": { who: "admin", fields: ["annee", "confirmation"] },
  "admin.referentiel.$annee.tsx": { who: "admin", upload: { field: "fichier", maxBytes: 5 * 1024 * 1024 }, intents: ["simuler", "importer", "publier"] },
  // Lambersart, not Villeurbanne: a structure the other routes do not need, should a body ever delete it.
  "admin.structures.$slug.tsx": { who: "admin", fields: ["confirmName"], params: { slug: "lambersart" } },
  "admin.structures_.$slug.voir-comme.tsx": { who: "admin", fields: [] },
  "bonnes-pratiques_.abonnement.tsx": { who: "anonymous", schemas: [emailOnlySchema] },
  "bonnes-pratiques_.abonnement_.confirmer.tsx": { who: "anonymous", fields: ["jeton"] },
  "bonnes-pratiques_.desabonnement.tsx": { who: "anonymous", fields: ["jeton"] },
  "compte._index.tsx": { who: "user", fields: ["digest"], intents: ["digest"] },
  "compte.rejoindre.tsx": { who: "user", schemas: [joinRequestSchema], intents: ["request"] },
  "compte.sessions.tsx": { who: "user", fields: ["sessionId"], intents: ["revoke", "revoke-others", "revoke-all"] },
  "connexion.tsx": { who: "anonymous", schemas: [loginSchema, emailOnlySchema], intents: ["password", "magic-link"] },
  "connexion_.lien.tsx": { who: "anonymous", fields: ["token"] },
  "connexion_.proconnect.tsx": { who: "anonymous", schemas: [proconnectStartSchema] },
  "connexion_.proconnect_.lier.tsx": { who: "anonymous", schemas: [proconnectLinkSchema] },
  "deconnexion.tsx": { who: "user", fields: [] },
  "inscription.tsx": { who: "anonymous", schemas: [signupSchema] },
  "invitation.tsx": { who: "anonymous", fields: ["token", "name", "password"] },
  "mon-espace.tsx": { who: "user", fields: [] },
  "mot-de-passe-oublie.tsx": { who: "anonymous", schemas: [emailOnlySchema] },
  "mot-de-passe.nouveau.tsx": { who: "anonymous", schemas: [resetPasswordSchema] },
  "structures.nouvelle.tsx": { who: "user", schemas: [createTenantSchema] },
  "t.$tenant.bonnes-pratiques.tsx": { who: "owner", fields: ["practiceId"], intents: ["bookmark", "unbookmark"] },
  "t.$tenant.inscription.tsx": { who: "owner", schemas: [enrolmentSchema], intents: ["enrol", "pay"] },
  "t.$tenant.membres.tsx": {
    who: "owner",
    schemas: [inviteSchema, changeRoleSchema, removeMemberSchema, revokeInvitationSchema, decideRequestSchema],
    intents: ["invite", "change-role", "remove", "revoke-invitation", "approve-request", "refuse-request"],
  },
  "t.$tenant.offres.tsx": { who: "owner", fields: ["orderId"], intents: ["pay"] },
  "t.$tenant.offres_.$code.tsx": { who: "owner", schemas: [orderSchema], intents: ["quote", "order"] },
  "t.$tenant.plan-action.tsx": { who: "owner", schemas: [actionSchema, statusSchema], fields: ["id"], intents: ["create", "status"] },
  "t.$tenant.plan-action_.$id.tsx": { who: "owner", schemas: [actionSchema, commentSchema], intents: ["update", "comment", "delete"], destructive: ["delete"] },
  "t.$tenant.vitrine.tsx": { who: "owner", schemas: [showcaseConsentSchema], intents: ["consent"] },
  "voir-comme.fin.tsx": { who: "user", fields: [] },
  "webhooks.stripe.ts": { who: "anonymous", raw: true },
};

/** The form field names a zod schema reads: object keys, nested objects as `parent.child`. */
function fieldsOf(schema: z.ZodType, prefix = ""): string[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case "object":
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([key, value]) => {
        const inner = unwrap(value);
        return inner._zod.def.type === "object" ? fieldsOf(inner, `${prefix}${key}.`) : [`${prefix}${key}`];
      });
    case "pipe":
      return fieldsOf(def.in as z.ZodType, prefix);
    case "union":
      return (def.options as z.ZodType[]).flatMap((option) => fieldsOf(option, prefix));
    case "optional":
    case "default":
    case "nullable":
    case "catch":
    case "prefault":
      return fieldsOf(def.innerType as z.ZodType, prefix);
    default:
      return [];
  }
}
function unwrap(schema: z.ZodType): z.ZodType & { _zod: { def: { type: string } } } {
  let current = schema as unknown as { _zod: { def: { type: string; innerType?: unknown; in?: unknown } } };
  while (["optional", "default", "nullable", "catch", "prefault"].includes(current._zod.def.type) || current._zod.def.type === "pipe")
    current = (current._zod.def.innerType ?? current._zod.def.in) as typeof current;
  return current as never;
}

const MIB = 1024 * 1024;
const ONE_MIB = "a".repeat(MIB);
/** One hostile value per body, put in every field. */
const hostileValues: Record<string, string> = {
  "injection SQL": "' or 1=1 --",
  "injection SQL (drop)": "'; drop table users; --",
  "injection HTML (script)": "<script>alert(1)</script>",
  "injection HTML (attribut)": '"><img src=x onerror=alert(1)>',
  "unicode RTL": "\u202Egnp.exe\u202C",
  "unicode emoji": "👩‍👩‍👧‍👦🇫🇷",
  "unicode NUL": "a\u0000b",
  "unicode combinant": "e\u0301\u0302\u0303\u0304\u0305",
  "1 Mio": ONE_MIB,
  "nombre négatif": "-1",
  "nombre énorme": "99999999999999999999",
  "nombre hors format": "1e309",
  "pas un nombre": "NaN",
};

type Body = { label: string; entries: [string, string][]; wrongIntent?: boolean };

/** About fifteen bodies per action (more when it switches on several intents). */
function bodiesOf(spec: Spec): Body[] {
  const fields = [...new Set([...(spec.schemas ?? []).flatMap((schema) => fieldsOf(schema)), ...(spec.fields ?? [])])].filter((name) => name !== "intent");
  const intents: (string | null)[] = spec.intents?.length ? spec.intents : [null];
  const withIntent = (intent: string | null, entries: [string, string][]): [string, string][] => (intent === null ? entries : [["intent", intent], ...entries]);
  const all = (value: string): [string, string][] => fields.map((name) => [name, value]);
  const bodies: Body[] = [{ label: "corps vide", entries: [] }];
  for (const intent of intents) {
    bodies.push({ label: `champs manquants (${intent ?? "-"})`, entries: withIntent(intent, []) });
    bodies.push({ label: `champs vides (${intent ?? "-"})`, entries: withIntent(intent, all("")) });
  }
  Object.entries(hostileValues).forEach(([label, value], index) => {
    const intent = intents[index % intents.length]!;
    bodies.push({ label: `${label} (${intent ?? "-"})`, entries: withIntent(intent, all(value)) });
  });
  // PostgreSQL refuses a NUL byte in text: inside text long enough to pass every length rule, for every intent.
  for (const intent of intents) bodies.push({ label: `texte plausible avec NUL (${intent ?? "-"})`, entries: withIntent(intent, all("Un texte plausible\u0000 de quarante caractères")) });
  bodies.push({ label: "intent forgé", entries: [["intent", "supprimer-tout"], ...all("1")], wrongIntent: true });
  bodies.push({ label: "intent de 1 Mio", entries: [["intent", ONE_MIB], ...all("1")], wrongIntent: true });
  bodies.push({
    label: "champs dupliqués",
    entries: [...(intents[0] ? ([["intent", intents[0]], ["intent", "supprimer-tout"]] as [string, string][]) : []), ...fields.flatMap((name): [string, string][] => [[name, "1"], [name, "' or 1=1 --"]])],
  });
  // A few random records (binary strings, any code point): cheap, and fixed by the seed.
  const random = fc.sample(fc.array(fc.string({ unit: "binary", maxLength: 40 }), { minLength: fields.length, maxLength: fields.length }), { numRuns: 2, seed: 20_260_101 });
  random.forEach((values, index) => {
    const intent = intents[index % intents.length]!;
    bodies.push({ label: `fast-check n° ${index + 1} (${intent ?? "-"})`, entries: withIntent(intent, fields.map((name, i) => [name, values[i]!])) });
  });
  (spec.extra ?? []).forEach((sample, index) => bodies.push({ label: `cas particulier n° ${index + 1}`, entries: Object.entries(sample) }));
  const destroys = (body: Body) => body.entries.some(([name, value]) => name === "intent" && (spec.destructive ?? []).includes(value));
  return [...bodies.filter((body) => !destroys(body)), ...bodies.filter(destroys)];
}

/** Demo values for the URL parameters. */
const ids: Record<string, string> = {};
function urlOf(file: string, path: string, spec: Spec) {
  return `http://localhost:3000${demoPath(file, path, ids, spec.params)}`;
}

const emails: Record<Exclude<Who, "anonymous">, string> = { user: "qualite@villeurbanne.example", owner: "qualite@villeurbanne.example", admin: "admin@afnor.example" };
const userIds: Partial<Record<Who, string>> = {};

/** A fresh session per request: an action that signs out or revokes sessions cannot spoil the next one. */
async function tokenOf(who: Who) {
  if (who === "anonymous") return null;
  return (await createSession(userIds[who]!, { userAgent: null, ipAddress: null })).token;
}

/*
 * Writes are counted by a row trigger on every table but the session bookkeeping (sessions,
 * rate_limit_hits): an insert, update or delete that commits bumps its table's counter; a
 * transaction rolled back leaves it as it was. Cheaper than counting rows, and it sees updates too.
 */
async function installWriteCounters(tables: string[]) {
  await db().execute(sql.raw(`create table fuzz_writes (table_name text primary key, n bigint not null)`));
  await db().execute(
    sql.raw(`create function fuzz_count_write() returns trigger language plpgsql security definer set search_path = public as $$
      begin
        insert into fuzz_writes as w values (tg_table_name, 1) on conflict (table_name) do update set n = w.n + 1;
        return null;
      end $$`),
  );
  for (const name of tables) await db().execute(sql.raw(`create trigger fuzz_count_write after insert or update or delete on "${name}" for each row execute function fuzz_count_write()`));
}
async function writeCounts(): Promise<Record<string, string>> {
  const result = (await db().execute(sql`select table_name, n::text as n from fuzz_writes`)) as unknown as { rows?: { table_name: string; n: string }[] } | { table_name: string; n: string }[];
  return Object.fromEntries((Array.isArray(result) ? result : (result.rows ?? [])).map((row) => [row.table_name, row.n]));
}
function changedTables(before: Record<string, string>, after: Record<string, string>) {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((name) => before[name] !== after[name]);
}

let stripe: Awaited<ReturnType<typeof startStripeHarness>> | undefined;
afterAll(() => stripe?.close());

beforeAll(async () => {
  stripe = await startStripeHarness("whsec_action_fuzz");
  await seed(db());
  await seedDemoLeads(db());
  await seedLaureates(db());
  for (const who of ["user", "owner", "admin"] as const) {
    const [user] = await db().select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${emails[who]}`);
    if (!user) throw new Error(`no demo user ${emails[who]}`);
    userIds[who] = user.id;
  }
  const [villeurbanne] = await db().select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, "villeurbanne"));
  const [audit] = await db().select({ id: audits.id }).from(audits).limit(1);
  const [practice] = await db().select({ id: practices.id }).from(practices).limit(1);
  const [lead] = await db().select({ id: leads.id }).from(leads).limit(1);
  const [laureate] = await db().select({ id: laureates.id }).from(laureates).limit(1);
  const [action] = await db().select({ id: actions.id }).from(actions).where(eq(actions.tenantId, villeurbanne!.id)).limit(1);
  if (!audit || !practice || !lead || !laureate || !action) throw new Error("the demo seed lacks an object the routes need");
  Object.assign(ids, { audit: audit.id, practice: practice.id, lead: lead.id, laureate: laureate.id, action: action.id });

  const tables = await db().execute(sql`select tablename from pg_tables where schemaname = 'public' and tablename not in ('sessions', 'rate_limit_hits') order by tablename`);
  const names = ((Array.isArray(tables) ? tables : (tables as { rows: { tablename: string }[] }).rows) as { tablename: string }[]).map((t) => t.tablename);
  expect(names.length).toBeGreaterThan(20);
  await installWriteCounters(names);
}, 240_000);

type Answer = { status: number; location: string | null; data: unknown; text: string };

/**
 * Runs a route's action as the server would (a document POST: `query`, which keeps the status of
 * Remix's `data(value, { status })`); an uncaught error is a 500.
 */
async function answer(route: RouteObject, request: Request): Promise<Answer> {
  try {
    const context = await createStaticHandler([route]).query(request);
    if (context instanceof Response) return { status: context.status, location: context.headers.get("Location"), data: null, text: await context.text() };
    const error = Object.values(context.errors ?? {})[0];
    if (isRouteErrorResponse(error)) return { status: error.status, location: null, data: error.data, text: typeof error.data === "string" ? error.data : JSON.stringify(error.data) };
    if (error) return { status: 500, location: null, data: null, text: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) };
    const data: unknown = context.actionData?.[route.id!];
    return { status: context.statusCode, location: null, data, text: JSON.stringify(data) ?? "" };
  } catch (thrown) {
    return { status: 500, location: null, data: null, text: thrown instanceof Error ? `${thrown.message}\n${thrown.stack}` : String(thrown) };
  }
}

/**
 * The refusal messages an action's data carries: Conform's reply (`status: "error"`, `error`),
 * `error`/`errors`/`formErrors` values, an error notice, `ok: false`. Empty when it accepted.
 */
function refusalMessages(data: unknown): string[] | null {
  const messages: string[] = [];
  let refused = false;
  const collect = (value: unknown) => {
    if (typeof value === "string") messages.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === "object") Object.values(value).forEach(collect);
  };
  const walk = (value: unknown, depth: number) => {
    if (!value || typeof value !== "object" || depth > 4) return;
    if (Array.isArray(value)) return value.forEach((item) => walk(item, depth + 1));
    const record = value as Record<string, unknown>;
    if (record.status === "error" || record.ok === false || record.tone === "error") {
      refused = true;
      if (typeof record.message === "string") messages.push(record.message);
    }
    for (const [key, inner] of Object.entries(record)) {
      if (/^(error|errors|formError|formErrors|fieldErrors)$/.test(key) && inner !== null && inner !== undefined && !(typeof inner === "object" && Object.keys(inner).length === 0)) {
        refused = true;
        collect(inner);
      } else if (key === "notice" && inner && typeof inner === "object" && (inner as { tone?: string }).tone === "error") {
        refused = true;
        collect((inner as { message?: unknown }).message);
      } else walk(inner, depth + 1);
    }
  };
  walk(data, 0);
  return refused ? messages : null;
}

/** Every text an answer shows as a message (success or refusal): `message`, `notice`, `error…` values. */
function shownMessages(data: unknown): string[] {
  const messages: string[] = [];
  const collect = (value: unknown) => {
    if (typeof value === "string") messages.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === "object") Object.values(value).forEach(collect);
  };
  const walk = (value: unknown, depth: number) => {
    if (!value || typeof value !== "object" || depth > 4) return;
    if (Array.isArray(value)) return value.forEach((item) => walk(item, depth + 1));
    for (const [key, inner] of Object.entries(value)) {
      if (/^(message|notice|error|errors|formError|formErrors|fieldErrors)$/.test(key)) collect(inner);
      else walk(inner, depth + 1);
    }
  };
  walk(data, 0);
  return messages;
}

/** A form POST as a browser sends it (multipart), fields in the given order, duplicates kept. */
function formRequest(url: string, token: string | null, entries: [string, string | File][]) {
  const headers = new Headers();
  if (token) headers.set("Cookie", `ec_session=${token}`);
  const body = new FormData();
  for (const [name, value] of entries) body.append(name, value);
  return new Request(url, { method: "POST", headers, body });
}

async function load(file: string) {
  return (await import(`./${file.replace(/\.tsx?$/, "")}`)) as { action?: unknown };
}

const totals = { routes: 0, requests: 0, refusals: 0, partialWrites: 0, accepted: 0, acceptedWrites: 0, serverErrors: 0 };

/** Input values echoed back in a message ("« NaN » n'est pas…") are the user's words, not ours. */
function withoutEchoes(message: string, entries: [string, string | File][]) {
  let text = message;
  for (const [, value] of entries) if (typeof value === "string" && value.length > 1) text = text.split(value).join(" ");
  return text;
}

describe("every form action, hostile bodies", () => {
  it("reads the manifest: every action route has its entry here", () => {
    expect(actionRoutes.length).toBeGreaterThan(40);
    const missing = actionRoutes.map((r) => r.file).filter((file) => !specs[file]);
    expect(missing, "add these action routes to `specs` in action-fuzz.int.test.ts").toEqual([]);
    const stale = Object.keys(specs).filter((file) => !actionRoutes.some((r) => r.file === file));
    expect(stale, "these entries name no action route any more").toEqual([]);
  });

  for (const { file, path } of actionRoutes) {
    it(`${file} (${path})`, async () => {
      const spec = specs[file];
      if (!spec) throw new Error(`${file} has no entry in specs`);
      const module = await load(file);
      expect(module.action, `${file} exports an action`).toBeTypeOf("function");
      const route = { id: file, path, action: module.action } as unknown as RouteObject;
      const url = urlOf(file, path, spec);
      const failures: string[] = [];
      totals.routes += 1;

      const post = async (label: string, request: Request, entries: [string, string | File][], options: { mustRefuse?: boolean; mustNotWrite?: boolean } = {}) => {
        const before = await writeCounts();
        const got = await answer(route, request);
        const changed = changedTables(before, await writeCounts());
        totals.requests += 1;
        const where = `${file} « ${label} » → ${got.status}`;
        if (process.env.ACTION_FUZZ_REPORT) console.info(`${where}${got.location ? ` ${got.location}` : ""} ${changed.join(",")} ${got.text.slice(0, 160).replace(/\s+/g, " ")}`);
        if (got.status >= 500) {
          totals.serverErrors += 1;
          failures.push(`${where}: ${got.text.slice(0, 400)}`);
          return;
        }
        const redirected = got.status >= 300 && got.status < 400;
        const messages = got.status >= 400 ? (typeof got.data === "string" ? [got.data] : (refusalMessages(got.data) ?? [got.text])) : redirected ? null : refusalMessages(got.data);
        for (const message of redirected ? [] : shownMessages(got.data))
          if (looksEnglish(withoutEchoes(message, entries))) failures.push(`${where}: English message « ${message.slice(0, 200)} »`);
        if (messages === null) {
          totals.accepted += 1;
          if (changed.length > 0) totals.acceptedWrites += 1;
          if (options.mustNotWrite && changed.length > 0) {
            totals.partialWrites += 1;
            failures.push(`${where}: a forged intent wrote to ${changed.join(", ")}`);
          }
          if (options.mustRefuse) failures.push(`${where}: accepted, expected a refusal`);
          return;
        }
        totals.refusals += 1;
        if (changed.length > 0) {
          totals.partialWrites += 1;
          failures.push(`${where}: refused, but wrote to ${changed.join(", ")}`);
        }
        for (const message of messages) {
          if (got.status === 400 && message === "") continue;
          if (looksEnglish(withoutEchoes(message, entries))) failures.push(`${where}: English message « ${message.slice(0, 200)} »`);
        }
      };

      if (spec.raw) {
        for (const [label, body] of [["vide", ""], ["pas du JSON", "' or 1=1 --"], ["JSON forgé", '{"type":"checkout.session.completed","data":{"object":{"id":"cs_x"}}}'], ["1 Mio", ONE_MIB]]) {
          const headers = new Headers({ "Content-Type": "application/json", "stripe-signature": "t=1,v1=forged" });
          await post(label!, new Request(url, { method: "POST", headers, body }), [], { mustRefuse: true });
        }
      } else {
        for (const body of bodiesOf(spec)) {
          const entries: [string, string | File][] = spec.upload ? [...body.entries, [spec.upload.field, new File(["siret;numero_audit\n"], "import.csv", { type: "text/csv" })]] : body.entries;
          // A forged intent is a refusal whatever the answer looks like, on every action that switches on one.
          await post(body.label, formRequest(url, await tokenOf(spec.who), entries), entries, { mustNotWrite: body.wrongIntent === true && Boolean(spec.intents?.length) });
        }
      }

      if (spec.upload) {
        const intent: [string, string][] = spec.intents?.length ? [["intent", spec.intents[0]!]] : [];
        const files: [string, File, number][] = [
          ["fichier trop gros", new File([new Uint8Array(spec.upload.maxBytes + MIB).fill(59)], "gros.csv", { type: "text/csv" }), 413],
          ["fichier image", new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])], "photo.png", { type: "image/png" }), 415],
          ["fichier exécutable sans extension", new File(["MZ\u0090\u0000"], "programme", { type: "application/x-msdownload" }), 415],
          ["fichier vide", new File([], "vide.csv", { type: "text/csv" }), 400],
        ];
        for (const [label, file, expected] of files) {
          const entries: [string, string | File][] = [...intent, ["annee", "2027"], [spec.upload.field, file]];
          // Signed in first: a sign-in writes to users (last sign-in), the upload must not.
          const token = await tokenOf(spec.who);
          const before = await writeCounts();
          const got = await answer(route, formRequest(url, token, entries));
          const changed = changedTables(before, await writeCounts());
          totals.requests += 1;
          totals.refusals += 1;
          if (got.status >= 500) totals.serverErrors += 1;
          if (changed.length > 0) totals.partialWrites += 1;
          const messages = refusalMessages(got.data) ?? [];
          const where = `${file.name} « ${label} » → ${got.status}`;
          if (got.status !== expected) failures.push(`${where}: expected ${expected}, got ${got.text.slice(0, 200)}`);
          if (!messages.some((message) => /fichier|Mo\b|CSV/.test(message))) failures.push(`${where}: the refusal does not say what is wrong with the file: ${got.text.slice(0, 200)}`);
          if (messages.some((message) => looksEnglish(message))) failures.push(`${where}: English message ${messages.join(" | ")}`);
          if (changed.length > 0) failures.push(`${where}: refused, but wrote to ${changed.join(", ")}`);
        }
      }

      expect(failures).toEqual([]);
    }, 120_000);
  }

  it("counts", () => {
    console.info(
      `fuzz des actions : ${totals.routes} routes, ${totals.requests} requêtes, ${totals.refusals} refus (${totals.partialWrites} écriture partielle), ${totals.accepted} acceptées (${totals.acceptedWrites} avec écriture), ${totals.serverErrors} réponses 5xx`,
    );
    expect(totals.routes).toBe(actionRoutes.length);
    expect(totals.serverErrors).toBe(0);
    expect(totals.partialWrites).toBe(0);
    // The corpus is refused far more often than not: a test that accepted everything would be broken.
    expect(totals.refusals).toBeGreaterThan(totals.requests / 2);
    // Positive control: the write counters do see the writes of the bodies that were accepted (a note, a comment…).
    expect(totals.acceptedWrites).toBeGreaterThan(0);
  });
});
