import { performance } from "node:perf_hooks";
import { BenchError } from "../bench/lib";
import { percentile, signIn } from "./lib";

/*
 * Virtual users for `npm run bench:load` and `npm run fault:db-restart`. Each one loops over a
 * journey, one request after the other, on its own keep-alive connection (Node's fetch):
 *  - a quality manager, signed in with the owner account of a demo tenant (one session each):
 *    results page, action plan, one action's page, then that action updated through the real
 *    form POST (urlencoded, Origin and Sec-Fetch-Site of the portal, every field as the page
 *    shows it, the status moved on);
 *  - an anonymous visitor: home, laureates, key figures, a practices search.
 * Sessions are opened before the clock starts: the login limiter never sees the run.
 */

export const DEMO_PASSWORD = "Barometre-demo-2027";
/** The owner account of each demo tenant (db/seed/index.ts). */
export const QUALITY_MANAGERS = [
  { email: "qualite@villeurbanne.example", tenant: "villeurbanne" },
  { email: "qualite@lambersart.example", tenant: "lambersart" },
  { email: "mairie@pagny-sur-moselle.example", tenant: "pagny-sur-moselle" },
];
const SEARCHES = ["accueil", "délai", "téléphone", "courrier", "rendez-vous", "réclamation", "site internet", "handicap"];

export type StepName = "resultats" | "plan-action" | "action" | "action-modifiee" | "accueil" | "laureats" | "chiffres-cles" | "bonnes-pratiques";
export const STEP_LABELS: Record<StepName, string> = {
  resultats: "Résultats (connecté)",
  "plan-action": "Plan d'action (connecté)",
  action: "Fiche action (connecté)",
  "action-modifiee": "Action modifiée (POST du formulaire)",
  accueil: "Accueil",
  laureats: "Lauréats",
  "chiffres-cles": "Chiffres clés",
  "bonnes-pratiques": "Bonnes pratiques (recherche)",
};

/** One answer: its step, HTTP status (0 for a network error), latency and when it ended (ms since the start). */
export type Sample = {
  step: StepName;
  status: number;
  ms: number;
  at: number;
  error?: string;
  retryAfter?: string | null;
  body?: string;
  /** A 2xx whose page does not say what it should (the form refused, the update not applied). */
  unexpected?: boolean;
};

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
const decode = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, code: string) =>
    code[0] === "#" ? String.fromCodePoint(code[1]?.toLowerCase() === "x" ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10)) : (entities[code.toLowerCase()] ?? whole),
  );
const attribute = (tag: string, name: string) => {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? decode(match[1]!) : undefined;
};

/** The fields of the form `formId` as a browser would send them (inputs, textareas, selected options). */
export function formFields(html: string, formId: string): URLSearchParams {
  const start = html.indexOf(`id="${formId}"`);
  if (start < 0) throw new BenchError(`Formulaire « ${formId} » absent de la page.`);
  const form = html.slice(html.lastIndexOf("<form", start), html.indexOf("</form>", start));
  const fields = new URLSearchParams();
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = attribute(tag, "name");
    const type = attribute(tag, "type") ?? "text";
    if (!name || type === "submit" || ((type === "checkbox" || type === "radio") && !/\schecked(="")?/.test(tag))) continue;
    fields.append(name, attribute(tag, "value") ?? "");
  }
  for (const [, tag, body] of form.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const name = attribute(tag!, "name");
    if (name) fields.append(name, decode(body!));
  }
  for (const [, tag, body] of form.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const name = attribute(tag!, "name");
    if (!name) continue;
    const options = [...body!.matchAll(/<option\b([^>]*)>/g)].map(([, attrs]) => attrs!);
    const chosen = options.find((o) => /\sselected(="")?/.test(o)) ?? options[0];
    fields.append(name, chosen ? (attribute(chosen, "value") ?? "") : "");
  }
  return fields;
}

/** The option values of a select of the form `formId`. */
export function selectOptions(html: string, formId: string, name: string): string[] {
  const start = html.indexOf(`id="${formId}"`);
  const form = html.slice(html.lastIndexOf("<form", start), html.indexOf("</form>", start));
  const select = new RegExp(`<select\\b[^>]*\\sname="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(form);
  const values = select ? [...select[1]!.matchAll(/<option\b([^>]*)>/g)].map(([, attrs]) => attribute(attrs!, "value") ?? "") : [];
  if (values.length === 0) throw new BenchError(`Liste « ${name} » absente du formulaire « ${formId} ».`);
  return values;
}

type Manager = { cookie: string; tenant: string; actionIds: string[] };

/** The ids of the actions in a tenant's plan, as its page links them. */
async function actionIds(base: string, tenant: string, cookie: string): Promise<string[]> {
  const response = await fetch(`${base}/t/${tenant}/plan-action`, { headers: { cookie } });
  const html = await response.text();
  if (response.status !== 200) throw new BenchError(`Plan d'action de ${tenant} : réponse ${response.status}.`);
  return [...new Set([...html.matchAll(new RegExp(`/t/${tenant}/plan-action/([0-9a-f-]{36})`, "g"))].map((m) => m[1]!))];
}

/**
 * One session per quality-manager VU, round robin over the demo tenants whose plan has actions,
 * opened a few at a time (argon2 is CPU-bound).
 */
export async function openSessions(base: string, count: number): Promise<Manager[]> {
  const tenants: { email: string; tenant: string; actionIds: string[] }[] = [];
  for (const m of QUALITY_MANAGERS) {
    const ids = await actionIds(base, m.tenant, await signIn(base, m.email, DEMO_PASSWORD));
    if (ids.length > 0) tenants.push({ ...m, actionIds: ids });
  }
  if (count > 0 && tenants.length === 0) throw new BenchError("Aucun plan d'action de démonstration n'a d'action : les données de démonstration sont-elles chargées ?");
  const managers: Manager[] = [];
  for (let i = 0; i < count; i += 4) {
    const batch = Array.from({ length: Math.min(4, count - i) }, (_, k) => tenants[(i + k) % tenants.length]!);
    const cookies = await Promise.all(batch.map((m) => signIn(base, m.email, DEMO_PASSWORD)));
    batch.forEach((m, k) => managers.push({ cookie: cookies[k]!, tenant: m.tenant, actionIds: m.actionIds }));
  }
  return managers;
}

export type LoadOptions = {
  base: string;
  vus: number;
  /** Share of quality-manager VUs (0..1). */
  managerShare: number;
  durationMs: number;
  /** Requests of the first `warmupMs` are made but not counted (JIT, caches, pool). */
  warmupMs?: number;
  /** Pause between two requests of a VU (0: closed loop at full speed). */
  thinkMs?: number;
  onSample?: (sample: Sample) => void;
  /** Called once the sessions are open, with the performance.now() that samples' `at` count from. */
  onStart?: (origin: number) => void;
};

export type LoadRun = { samples: Sample[]; elapsedMs: number; managers: number; visitors: number };

/** Runs the VUs for `durationMs`; every answer is kept (a network error has status 0). */
export async function runLoad(options: LoadOptions): Promise<LoadRun> {
  const managerCount = Math.round(options.vus * options.managerShare);
  const managers = await openSessions(options.base, managerCount);
  const samples: Sample[] = [];
  const started = performance.now() + (options.warmupMs ?? 0);
  const deadline = started + options.durationMs;
  options.onStart?.(started);
  const think = () => (options.thinkMs ? new Promise((resolve) => setTimeout(resolve, options.thinkMs! * (0.5 + Math.random()))) : Promise.resolve());

  async function hit(step: StepName, url: string, init: RequestInit = {}, expected?: RegExp): Promise<string | null> {
    const t0 = performance.now();
    let sample: Sample;
    let body: string | null = null;
    try {
      const response = await fetch(url, { redirect: "manual", ...init });
      body = await response.text();
      sample = { step, status: response.status, ms: performance.now() - t0, at: performance.now() - started };
      if (response.status >= 500) Object.assign(sample, { retryAfter: response.headers.get("retry-after"), body: body.slice(0, 300) });
      if (expected && response.status < 300 && !expected.test(body)) {
        Object.assign(sample, { unexpected: true, error: "réponse sans la confirmation attendue" });
        if (process.env.FAULT_DEBUG) console.error(`${url} : ${[...body.matchAll(/id="[^"]*-error"[^>]*>([^<]*)</g)].map((m) => m[1]).join(" | ") || body.slice(0, 300)} ; envoyé : ${String(init.body).slice(0, 400)}`);
      }
    } catch (error) {
      sample = { step, status: 0, ms: performance.now() - t0, at: performance.now() - started, error: String((error as Error).cause ?? error) };
    }
    if (t0 >= started) {
      samples.push(sample);
      options.onSample?.(sample);
    }
    await think();
    return sample.status >= 200 && sample.status < 400 ? body : null;
  }

  async function manager(m: Manager, index: number) {
    const headers = { cookie: m.cookie, "accept-encoding": "gzip, deflate, br" };
    let round = index;
    while (performance.now() < deadline) {
      await hit("resultats", `${options.base}/t/${m.tenant}/resultats`, { headers });
      if (performance.now() >= deadline) break;
      await hit("plan-action", `${options.base}/t/${m.tenant}/plan-action`, { headers });
      if (performance.now() >= deadline) break;
      const id = m.actionIds[round % m.actionIds.length]!;
      const url = `${options.base}/t/${m.tenant}/plan-action/${id}`;
      const page = await hit("action", url, { headers });
      if (performance.now() >= deadline || !page) {
        round++;
        continue;
      }
      const fields = formFields(page, "modifier-action");
      if (process.env.FAULT_DEBUG && [...fields.values()].some((v) => v.includes("\u0000"))) {
        const at = page.indexOf("\u0000");
        console.error(`NUL dans la page ${url} (position ${at}) : ${JSON.stringify(page.slice(Math.max(0, at - 200), at + 100))}`);
      }
      fields.set("intent", "update");
      // The next status among those the form offers.
      const statuses = selectOptions(page, "modifier-action", "status");
      fields.set("status", statuses[(statuses.indexOf(fields.get("status") ?? "") + 1) % statuses.length]!);
      await hit("action-modifiee", url, {
        method: "POST",
        headers: { ...headers, "content-type": "application/x-www-form-urlencoded", origin: options.base, "sec-fetch-site": "same-origin", referer: url },
        body: fields,
      }, /Action mise à jour\.|Aucune modification\./);
      round++;
    }
  }

  async function visitor(index: number) {
    const headers = { "accept-encoding": "gzip, deflate, br" };
    let round = index;
    const pages: [StepName, () => string][] = [
      ["accueil", () => "/"],
      ["laureats", () => "/laureats"],
      ["chiffres-cles", () => "/chiffres-cles"],
      ["bonnes-pratiques", () => `/bonnes-pratiques?q=${encodeURIComponent(SEARCHES[round % SEARCHES.length]!)}`],
    ];
    while (performance.now() < deadline) {
      for (const [step, url] of pages) {
        if (performance.now() >= deadline) break;
        await hit(step, `${options.base}${url()}`, { headers });
      }
      round++;
    }
  }

  await Promise.all([
    ...managers.map((m, i) => manager(m, i)),
    ...Array.from({ length: options.vus - managers.length }, (_, i) => visitor(i)),
  ]);
  return { samples, elapsedMs: performance.now() - started, managers: managers.length, visitors: options.vus - managers.length };
}

export type StepFigures = { step: StepName | "total"; requests: number; errors: number; p50: number; p99: number };

export const isError = (s: Sample) => s.status === 0 || s.status >= 400 || s.unexpected === true;

export function figures(samples: Sample[]): StepFigures[] {
  const groups = new Map<StepName | "total", Sample[]>();
  for (const s of samples) {
    const list = groups.get(s.step);
    if (list) list.push(s);
    else groups.set(s.step, [s]);
  }
  groups.set("total", samples);
  return [...groups.entries()].map(([step, list]) => {
    const sorted = list.map((s) => s.ms).sort((a, b) => a - b);
    return { step, requests: list.length, errors: list.filter(isError).length, p50: Math.round(percentile(sorted, 50)), p99: Math.round(percentile(sorted, 99)) };
  });
}
