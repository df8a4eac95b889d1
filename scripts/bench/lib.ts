import { performance } from "node:perf_hooks";
import postgres from "postgres";
import type { DatabaseHandle } from "../../db/client";
import { withDatabase } from "../../db/testing/global-setup";

/*
 * What both benchmarks share: a throw-away PostgreSQL database (created, migrated with the app's
 * own code, dropped at the end even on failure), timing, French figures and the one JSON line
 * that others read.
 */

export const DEFAULT_SERVER_URL = "postgres://postgres@127.0.0.1:5432/postgres";

/** An expected failure: its French message is printed alone, and the bench exits with 1. */
export class BenchError extends Error {}

export type BenchDatabase = {
  name: string;
  url: string;
  /** The app's handle, also registered as the process-wide `db()`. */
  handle: DatabaseHandle;
  /** A raw client for what the bench does itself (COPY, aggregates, checks). */
  sql: postgres.Sql;
};

/**
 * Environment for the app modules, set before they are imported (they read it on first use):
 * production mode as on the server (React's development build renders e-mails twice as slowly),
 * the fresh database, no mail provider (e-mails stay in the outbox, no drain is ever scheduled),
 * no logs.
 */
export function prepareBenchEnv(databaseUrl: string) {
  process.env.NODE_ENV ||= "production";
  process.env.DATABASE_URL = databaseUrl;
  process.env.LOG_LEVEL = "silent";
  process.env.DEMO = "false";
  delete process.env.RESEND_API_KEY;
  delete process.env.RESEND_BASE_URL;
}

const displayUrl = (url: string) => {
  const parsed = new URL(url);
  parsed.password = parsed.password ? "***" : "";
  return parsed.toString();
};

/**
 * Runs `body` in a database created for this run only (`<prefix>_<pid>`), migrated by the app's
 * migration code; drops it afterwards, whether `body` succeeds, fails or the run is interrupted.
 */
export async function withFreshDatabase<T>(prefix: string, body: (database: BenchDatabase) => Promise<T>): Promise<T> {
  const serverUrl = process.env.BENCH_DATABASE_URL || DEFAULT_SERVER_URL;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await admin`select 1`;
  } catch (error) {
    await admin.end({ timeout: 1 }).catch(() => {});
    throw new BenchError(
      `PostgreSQL ne répond pas à ${displayUrl(serverUrl)} (${(error as Error).message}).\n` +
        "Démarrez le serveur, ou indiquez-en un autre avec BENCH_DATABASE_URL=postgres://utilisateur@hôte:port/postgres.",
    );
  }

  const name = `${prefix}_${process.pid}`;
  const url = withDatabase(serverUrl, name);
  const drop = () => admin.unsafe(`drop database if exists ${name} with (force)`);
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`\nInterrompu (${signal}) : suppression de la base ${name}…`);
    void drop().finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  let handle: DatabaseHandle | undefined;
  let sql: postgres.Sql | undefined;
  try {
    await drop();
    await admin.unsafe(`create database ${name}`);
    prepareBenchEnv(url);
    const { initDatabase } = await import("../../db/bootstrap");
    handle = await initDatabase({ databaseUrl: url, dataDir: ".data", demo: false });
    sql = postgres(url, { max: 1, onnotice: () => {} });
    return await body({ name, url, handle, sql });
  } finally {
    const { setDatabase } = await import("../../db/client");
    setDatabase(undefined);
    await sql?.end({ timeout: 5 });
    await handle?.close();
    await drop();
    await admin.end({ timeout: 5 });
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

/** Milliseconds taken by `fn`, with its result. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await fn();
  return { ms: performance.now() - started, result };
}

const integer = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });

/** "802 000" (French grouping, with plain no-break spaces so every terminal shows them). */
export const formatCount = (n: number) => integer.format(n).replace(/\u202f/g, "\u00a0");
/** "1 234 ms (1,23 s)". */
export const formatMs = (ms: number) => `${formatCount(Math.round(ms))} ms (${decimal.format(ms / 1000)} s)`;

export function step(message: string) {
  console.log(`• ${message}`);
}

/** The human summary, then the contract: one JSON object as the very last line. */
export function report(bench: "scoring" | "import" | "digest", figures: { ours: number; baseline: number; target: number; lines?: string[] }) {
  const ours = Math.round(figures.ours);
  const baseline = Math.round(figures.baseline);
  const ratio = Math.round((figures.ours / figures.baseline) * 100) / 100;
  console.log("");
  for (const line of figures.lines ?? []) console.log(line);
  console.log(`Notre code      : ${formatMs(figures.ours)}`);
  console.log(`Plancher (base) : ${formatMs(figures.baseline)}`);
  console.log(`Rapport         : ${decimal.format(ratio)} × (objectif ≤ ${decimal.format(figures.target)} ×)${ratio <= figures.target ? "" : " — au-dessus de l'objectif"}`);
  console.log(JSON.stringify({ bench, ours, baseline, unit: "ms", ratio }));
}

/** Runs a bench's main function: a BenchError prints its message alone and exits with 1. */
export async function runBench(main: () => Promise<void>) {
  try {
    await main();
  } catch (error) {
    if (error instanceof BenchError) console.error(error.message);
    else console.error(error);
    process.exitCode = 1;
  }
}
