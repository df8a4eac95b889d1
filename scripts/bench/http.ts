import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { ensureBuilt, signIn, startServer } from "../fault/lib";
import { BenchError, formatCount, runBench, step, withFreshDatabase } from "./lib";

/*
 * `npm run bench:http`: the production server (built if needed) with demo data, on a fresh
 * PostgreSQL database (or the embedded PGlite when no server answers), under load with
 * autocannon, one route after the other, the same connections and duration for each. The floor
 * is a page of static markup through the same Remix stack (root loader, layout, document):
 * /mentions-legales, measured before and after the pages (the higher is the baseline), every route
 * having been warmed up first. Tenant pages are read signed in as Villeurbanne's quality manager.
 * Targets: tenant pages ≥ 0,5 × the floor with p99 ≤ 100 ms, public pages ≥ 0,7 ×. Public pages
 * built from the database are measured twice: as anonymous visitors get them (the server's kept
 * copy, ADR 013), then rendered on every request (`Cache-Control: no-cache`, a forced reload).
 * Last line: {"bench":"http","ours":<results page req/s>,"baseline":<floor req/s>,"unit":"req/s","ratio":…}.
 */

type Target = { route: string; signedIn: boolean; target: number; rendered?: boolean };
const FLOOR = "/mentions-legales";
const RESULTS = "/t/villeurbanne/resultats";
const targets: Target[] = [
  { route: RESULTS, signedIn: true, target: 0.5 },
  { route: "/t/villeurbanne/plan-action", signedIn: true, target: 0.5 },
  { route: "/laureats/2020", signedIn: false, target: 0.7 },
  { route: "/chiffres-cles", signedIn: false, target: 0.7 },
  { route: "/bonnes-pratiques?q=accueil", signedIn: false, target: 0.7 },
  { route: "/", signedIn: false, target: 0.7 },
];
// The same public pages, rendered for each request instead of served from the kept copy.
targets.push(...targets.filter((t) => !t.signedIn).map((t) => ({ ...t, rendered: true })));
const DURATION_S = Number(process.env.BENCH_DURATION ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const P99_TARGET_MS = 100;
const DEMO_ACCOUNT = { email: "qualite@villeurbanne.example", password: "Barometre-demo-2027" };

const decimal = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });

type Measure = { route: string; rendered: boolean; rps: number; p50: number; p99: number; errors: number; non2xx: number };

const headersFor = (cookie: string | null, rendered = false): Record<string, string> => ({
  "accept-encoding": "gzip, deflate, br",
  ...(cookie ? { cookie } : {}),
  ...(rendered ? { "cache-control": "no-cache" } : {}),
});

/** Every route once under load before any measure: the JIT and the per-process caches are warm for all, the floor included. */
async function warmUp(base: string, routes: { route: string; cookie: string | null; rendered?: boolean | undefined }[]) {
  for (const { route, cookie, rendered } of routes) await autocannon({ url: `${base}${route}`, connections: CONNECTIONS, duration: 3, headers: headersFor(cookie, rendered) });
}

async function measure(base: string, route: string, cookie: string | null, rendered = false): Promise<Measure> {
  // Same compression as a browser asks for; the session cookie for tenant pages.
  const headers = headersFor(cookie, rendered);
  const result = await autocannon({ url: `${base}${route}`, connections: CONNECTIONS, duration: DURATION_S, headers });
  if (result.errors > 0 || result.non2xx > 0) throw new BenchError(`${route} a répondu en erreur pendant la mesure (${result.errors} erreurs, ${result.non2xx} réponses non 2xx).`);
  return { route, rendered, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

const line = (m: Measure, floor: Measure, target?: number) => {
  const ratio = m.rps / floor.rps;
  const under = target !== undefined && (ratio < target || (target === 0.5 && m.p99 > P99_TARGET_MS));
  const how = m.rendered ? " (rendue à chaque requête)" : "";
  return `${m.route}${how} : ${formatCount(Math.round(m.rps))} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms, ${decimal.format(ratio)} × le plancher${target !== undefined ? ` (objectif ≥ ${decimal.format(target)} ×${target === 0.5 ? `, p99 ≤ ${P99_TARGET_MS} ms` : ""})` : ""}${under ? " — sous l'objectif" : ""}`;
};

/** Builds if needed, then starts the production server with demo data; PostgreSQL when given, PGlite otherwise. */
async function withServer(databaseUrl: string | null, body: (base: string) => Promise<void>) {
  ensureBuilt();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "bench-http-"));
  step(`Démarrage du serveur de production (${databaseUrl ? "PostgreSQL" : "PGlite embarqué"}, données de démonstration)…`);
  // One loopback client sends every request: startServer lifts the per-IP limiter, which would measure itself.
  const server = await startServer({ databaseUrl, dataDir });
  try {
    await body(server.base);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function run(base: string) {
  const cookie = await signIn(base, DEMO_ACCOUNT.email, DEMO_ACCOUNT.password);
  step(`Serveur prêt, connecté comme ${DEMO_ACCOUNT.email}. ${CONNECTIONS} connexions, ${DURATION_S} s par route.`);
  step("Mise en température : chaque route 3 s…");
  await warmUp(base, [{ route: FLOOR, cookie: null }, ...targets.map((t) => ({ route: t.route, cookie: t.signedIn ? cookie : null, rendered: t.rendered }))]);
  // The floor is measured before and after the pages; the higher of the two is the baseline (the stricter ratio).
  const before = await measure(base, FLOOR, null);
  step(`${FLOOR} (plancher, balisage statique) : ${formatCount(Math.round(before.rps))} req/s, p50 ${before.p50} ms, p99 ${before.p99} ms`);
  const measured: Measure[] = [];
  for (const t of targets) measured.push(await measure(base, t.route, t.signedIn ? cookie : null, t.rendered));
  const after = await measure(base, FLOOR, null);
  step(`${FLOOR} (plancher, mesuré à nouveau) : ${formatCount(Math.round(after.rps))} req/s, p50 ${after.p50} ms, p99 ${after.p99} ms`);
  const floor = after.rps > before.rps ? after : before;
  const results: Measure[] = [];
  targets.forEach((t, index) => {
    const m = measured[index]!;
    results.push(m);
    step(line(m, floor, t.target));
  });
  const ours = results.find((m) => m.route === RESULTS && !m.rendered)!;
  const ratio = Math.round((ours.rps / floor.rps) * 100) / 100;
  console.log("");
  console.log(`Page des résultats (connecté) : ${formatCount(Math.round(ours.rps))} req/s, p99 ${ours.p99} ms`);
  console.log(`Plancher (${FLOOR})   : ${formatCount(Math.round(floor.rps))} req/s`);
  console.log(`Rapport                       : ${decimal.format(ratio)} × (objectif ≥ 0,5 ×, p99 ≤ ${P99_TARGET_MS} ms)`);
  console.log(JSON.stringify({ bench: "http", ours: Math.round(ours.rps), baseline: Math.round(floor.rps), unit: "req/s", ratio }));
}

async function main() {
  try {
    await withFreshDatabase("bench_http", (database) => withServer(database.url, run));
  } catch (error) {
    if (!(error instanceof BenchError) || !/PostgreSQL ne répond pas/.test(error.message)) throw error;
    step("PostgreSQL ne répond pas : mesure sur la base embarquée (PGlite).");
    await withServer(null, run);
  }
}

await runBench(main);
