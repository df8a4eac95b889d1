import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { STEP_LABELS, figures, isError, runLoad, type LoadRun } from "../fault/journeys";
import { ensureBuilt, formatDecimal, startServer } from "../fault/lib";
import { BenchError, formatCount, runBench, step, withFreshDatabase } from "./lib";

/*
 * `npm run bench:load`: the production server (built if needed) with demo data, on a fresh
 * PostgreSQL database (dropped at the end) or on PGlite when no PostgreSQL answers, then
 * LOAD_VUS virtual users (200) for LOAD_SECONDS (60 s), after LOAD_WARMUP_SECONDS (5 s) not counted,
 * without pause between requests unless LOAD_THINK_MS is set: LOAD_MANAGER_SHARE (30 %) follow the
 * quality manager's journey, signed in, the others browse the public pages (scripts/fault/journeys.ts).
 * Errors (network errors, statuses ≥ 400) must be 0. Prints requests, errors, p50 / p99 per step
 * and overall; last line {"bench":"load","vus":…,"seconds":…,"requests":…,"rps":…,"errors":0,"p50":…,"p99":…}.
 */

const settings = z
  .object({
    LOAD_VUS: z.coerce.number({ error: "LOAD_VUS doit être un nombre." }).int("LOAD_VUS doit être un entier.").min(1, "LOAD_VUS : 1 utilisateur au moins.").max(2000, "LOAD_VUS : 2 000 utilisateurs au plus.").default(200),
    LOAD_SECONDS: z.coerce.number({ error: "LOAD_SECONDS doit être un nombre." }).min(1, "LOAD_SECONDS : 1 seconde au moins.").max(3600, "LOAD_SECONDS : une heure au plus.").default(60),
    LOAD_MANAGER_SHARE: z.coerce.number({ error: "LOAD_MANAGER_SHARE doit être un nombre." }).min(0, "LOAD_MANAGER_SHARE est entre 0 et 1.").max(1, "LOAD_MANAGER_SHARE est entre 0 et 1.").default(0.3),
    LOAD_WARMUP_SECONDS: z.coerce.number({ error: "LOAD_WARMUP_SECONDS doit être un nombre." }).min(0, "LOAD_WARMUP_SECONDS ne peut pas être négatif.").max(600, "LOAD_WARMUP_SECONDS : dix minutes au plus.").default(5),
    LOAD_THINK_MS: z.coerce.number({ error: "LOAD_THINK_MS doit être un nombre." }).min(0, "LOAD_THINK_MS ne peut pas être négatif.").max(60_000, "LOAD_THINK_MS : une minute au plus.").default(0),
  })
  .safeParse(process.env);

function print(run: LoadRun, engine: string, vus: number, seconds: number) {
  const rows = figures(run.samples);
  const total = rows.find((r) => r.step === "total")!;
  const rps = total.requests / (run.elapsedMs / 1000);
  console.log("");
  console.log(`${vus} utilisateurs virtuels (${run.managers} responsables qualité connectés, ${run.visitors} visiteurs anonymes), ${seconds} s, ${engine}`);
  for (const r of rows) {
    const label = r.step === "total" ? "Ensemble" : STEP_LABELS[r.step];
    console.log(`${label.padEnd(38)} ${formatCount(r.requests).padStart(8)} requêtes, ${formatCount(r.errors)} erreur${r.errors > 1 ? "s" : ""}, p50 ${formatCount(r.p50)} ms, p99 ${formatCount(r.p99)} ms`);
  }
  console.log(`Débit : ${formatDecimal(rps)} requêtes/s`);
  const failures = run.samples.filter(isError);
  if (failures.length > 0) {
    const kinds = new Map<string, number>();
    for (const f of failures) kinds.set(`${f.step} → ${f.status || f.error}`, (kinds.get(`${f.step} → ${f.status || f.error}`) ?? 0) + 1);
    console.log(`Erreurs : ${[...kinds].map(([k, n]) => `${k} (${n})`).join(", ")}`);
  }
  console.log(JSON.stringify({ bench: "load", engine, vus, seconds, requests: total.requests, rps: Math.round(rps), errors: total.errors, p50: total.p50, p99: total.p99, steps: Object.fromEntries(rows.filter((r) => r.step !== "total").map((r) => [r.step, { requests: r.requests, errors: r.errors, p50: r.p50, p99: r.p99 }])) }));
  if (total.errors > 0) process.exitCode = 1;
}

async function measure(databaseUrl: string | null) {
  if (!settings.success) throw new BenchError(settings.error.issues.map((i) => i.message).join("\n"));
  const { LOAD_VUS: vus, LOAD_SECONDS: seconds, LOAD_MANAGER_SHARE: managerShare, LOAD_THINK_MS: thinkMs, LOAD_WARMUP_SECONDS: warmup } = settings.data;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "bench-load-"));
  const engine = databaseUrl ? "PostgreSQL" : "PGlite";
  step(`Démarrage du serveur de production (${engine}, données de démonstration)…`);
  const server = await startServer({ databaseUrl, dataDir });
  try {
    step(`Serveur prêt sur ${server.base} ; ouverture des sessions puis ${vus} utilisateurs pendant ${seconds} s (après ${warmup} s de chauffe non comptées)…`);
    const run = await runLoad({ base: server.base, vus, managerShare, durationMs: seconds * 1000, warmupMs: warmup * 1000, thinkMs });
    print(run, engine, vus, seconds);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  ensureBuilt();
  try {
    await withFreshDatabase("bench_load", (database) => measure(database.url));
  } catch (error) {
    if (!(error instanceof BenchError) || !/PostgreSQL ne répond pas/.test(error.message)) throw error;
    step("PostgreSQL ne répond pas : mesure sur la base embarquée (PGlite).");
    await measure(null);
  }
}

await runBench(main);
