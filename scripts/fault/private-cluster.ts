import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { chmodSync, chownSync, copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import os from "node:os";
import path from "node:path";
import { BenchError } from "../bench/lib";

/*
 * A throw-away PostgreSQL cluster of our own (initdb in a temporary folder, loopback only, trust
 * authentication, its own port): the only PostgreSQL this project's fault scripts ever restart.
 * The shared server on 5432 is never touched. Commands run as the `postgres` system user when
 * the script runs as root (initdb refuses root). FAULT_KEEP_PG_LOG=<file> keeps the server's log.
 */

export type PrivateCluster = { url: string; port: number; dir: string; version: string; restart(mode?: "fast" | "immediate"): Promise<number>; stop(): void };

function binaries() {
  const versions = existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql").filter((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`)) : [];
  const version = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!version) throw new BenchError("PostgreSQL n'est pas installé ici (/usr/lib/postgresql/<version>/bin/initdb introuvable) : ce script a besoin de ses binaires.");
  return { version, bin: `/usr/lib/postgresql/${version}/bin` };
}

const portAnswers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });

export async function startPrivateCluster(port: number): Promise<PrivateCluster> {
  if (port === 5432) throw new BenchError("Le port 5432 est celui du PostgreSQL partagé : choisissez-en un autre (FAULT_PG_PORT).");
  if (await portAnswers(port)) throw new BenchError(`Le port ${port} est déjà pris : choisissez-en un autre avec FAULT_PG_PORT.`);
  const { version, bin } = binaries();
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(os.tmpdir(), "fault-pg-"));
  const data = path.join(dir, "data");
  if (root) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const run = (command: string, args: string[]) =>
    execFileSync(root ? "runuser" : command, root ? ["-u", "postgres", "--", command, ...args] : args, { stdio: ["ignore", "pipe", "pipe"], cwd: dir });
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c max_connections=60`;
  run(`${bin}/initdb`, ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]);
  const pgCtl = (args: string[]) => run(`${bin}/pg_ctl`, ["-D", data, "-l", path.join(dir, "postgres.log"), "-o", options, "-w", "-t", "60", ...args]);
  pgCtl(["start"]);
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    version,
    /** pg_ctl restart (fast: sessions are terminated with 57P01); returns its duration in ms. */
    async restart(mode = "fast") {
      // Asynchronous: the load keeps running in this process while PostgreSQL restarts.
      const started = Date.now();
      const args = ["-D", data, "-l", path.join(dir, "postgres.log"), "-o", options, "-w", "-t", "60", "restart", "-m", mode];
      await promisify(execFile)(root ? "runuser" : `${bin}/pg_ctl`, root ? ["-u", "postgres", "--", `${bin}/pg_ctl`, ...args] : args, { cwd: dir });
      return Date.now() - started;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        pgCtl(["stop", "-m", "immediate"]);
      } catch {
        // already stopped
      }
      if (process.env.FAULT_KEEP_PG_LOG) copyFileSync(path.join(dir, "postgres.log"), process.env.FAULT_KEEP_PG_LOG);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
