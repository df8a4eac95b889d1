import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { BenchError, step } from "../bench/lib";

/*
 * What the load bench and the fault scripts share: the production server started as a child
 * process (node + tsx + server.ts, never through `npm start`, so that `kill -9` hits the server
 * itself), the build when missing or older than the sources, readiness on /healthz, percentiles.
 */

export const root = path.resolve(import.meta.dirname, "../..");

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

/**
 * Builds the portal when build/ is missing or older than app/, db/ or emails/ (as `npm start`
 * does), under the shared build lock. SKIP_BUILD=1 reuses the existing build as it is.
 */
export function ensureBuilt() {
  const entry = path.join(root, "build/server/index.js");
  if (process.env.SKIP_BUILD === "1" && existsSync(entry)) return;
  const builtAt = existsSync(entry) ? statSync(entry).mtimeMs : 0;
  const sources = ["app", "db", "emails"].map((d) => path.join(root, d)).filter(existsSync);
  if (builtAt > 0 && Math.max(...sources.map(newest)) <= builtAt) return;
  step("Construction du portail (npm run build)…");
  try {
    execFileSync("flock", ["/tmp/build.lock", process.execPath, path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "vite:build"], { cwd: root, stdio: "pipe" });
  } catch (error) {
    const output = error as { stdout?: Buffer; stderr?: Buffer };
    throw new BenchError(`La construction a échoué :\n${output.stderr?.toString() ?? ""}${output.stdout?.toString().slice(-4000) ?? ""}`);
  }
}

export type RunningServer = {
  base: string;
  port: number;
  child: ChildProcess;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL (kill -9): no shutdown hook runs, open transactions are cut. */
  kill9(): Promise<void>;
};

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));

export async function waitUntilReady(base: string, child: ChildProcess, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new BenchError(`Le serveur s'est arrêté (code ${child.exitCode ?? child.signalCode}) avant d'être prêt.`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new BenchError(`Le serveur n'a pas répondu sur /healthz en ${Math.round(timeoutMs / 1000)} s.`);
}

/**
 * Starts the production server (build/ must exist) on `databaseUrl`, or on PGlite in `dataDir`
 * when `databaseUrl` is null. Demo data, silent logs and a global rate limit that one loopback
 * client cannot reach, unless `env` says otherwise.
 */
export async function startServer(options: {
  databaseUrl: string | null;
  dataDir: string;
  port?: number;
  env?: Record<string, string | undefined>;
  /** Receives each line the server writes to stderr (its warnings and errors); otherwise they are shown as they come. */
  onStderr?: (line: string) => void;
}): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "server.ts")], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      APP_URL: base,
      DEMO: "true",
      DATA_DIR: options.dataDir,
      LOG_LEVEL: "silent",
      RATE_LIMIT_GLOBAL_PER_MINUTE: "1000000000",
      DATABASE_URL: options.databaseUrl ?? "",
      ...options.env,
    },
    stdio: ["ignore", "ignore", options.onStderr ? "pipe" : "inherit"],
  });
  if (options.onStderr && child.stderr) {
    let rest = "";
    child.stderr.setEncoding("utf8").on("data", (text: string) => {
      const lines = (rest + text).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) options.onStderr!(line);
    });
  }
  try {
    await waitUntilReady(base, child);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return {
    base,
    port,
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited(child);
    },
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited(child);
    },
  };
}

/** Signs in through the real login form; returns the session cookie. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${base}/connexion`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: base, "sec-fetch-site": "same-origin" },
    body: new URLSearchParams({ email, password, redirectTo: "/mon-espace" }),
  });
  await response.arrayBuffer();
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (response.status !== 302 || !cookie) throw new BenchError(`Connexion de ${email} refusée (${response.status}).`);
  return cookie;
}

/** The nearest-rank percentile of sorted values (milliseconds). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const decimal = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });
export const formatDecimal = (n: number) => decimal.format(n);

/** The same fault run's summary: French lines, then one JSON object as the very last line. */
export function finish(json: Record<string, unknown>, ok: boolean, lines: string[]) {
  console.log("");
  for (const line of lines) console.log(line);
  console.log(ok ? "Résultat : garantie tenue." : "Résultat : GARANTIE NON TENUE.");
  console.log(JSON.stringify({ ...json, ok }));
  if (!ok) process.exitCode = 1;
}
