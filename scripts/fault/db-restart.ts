import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { z } from "zod";
import { BenchError, formatCount, runBench, step } from "../bench/lib";
import { runLoad, type Sample } from "./journeys";
import { ensureBuilt, finish, formatDecimal, sleep, startServer } from "./lib";
import { startPrivateCluster } from "./private-cluster";

/*
 * `npm run fault:db-restart`: PostgreSQL restarts (pg_ctl restart -m fast: every session is
 * terminated with 57P01, then the server refuses connections, then answers 57P03 while it
 * starts) while FAULT_VUS virtual users (50) browse and update the portal.
 * Guarantee: no 500 (a request that meets the outage gets a 503 with Retry-After), no network
 * error, and the same server process answers 200 again by itself (the driver reconnects).
 * Runs on a private cluster (initdb in a temporary folder, port FAULT_PG_PORT = 5499), never on
 * the shared PostgreSQL. Last line: {"fault":"db-restart",…,"ok":true}.
 */

const settings = z
  .object({
    FAULT_VUS: z.coerce.number({ error: "FAULT_VUS doit être un nombre." }).int("FAULT_VUS doit être un entier.").min(1, "FAULT_VUS : 1 au moins.").max(500, "FAULT_VUS : 500 au plus.").default(50),
    FAULT_SECONDS: z.coerce.number({ error: "FAULT_SECONDS doit être un nombre." }).min(10, "FAULT_SECONDS : 10 secondes au moins.").max(600, "FAULT_SECONDS : 10 minutes au plus.").default(30),
    FAULT_PG_PORT: z.coerce.number({ error: "FAULT_PG_PORT doit être un numéro de port." }).int().min(1024, "FAULT_PG_PORT : un port au-dessus de 1023.").max(65535, "FAULT_PG_PORT : un port valide.").default(5499),
  })
  .safeParse(process.env);

async function main() {
  if (!settings.success) throw new BenchError(settings.error.issues.map((i) => i.message).join("\n"));
  const { FAULT_VUS: vus, FAULT_SECONDS: seconds, FAULT_PG_PORT: pgPort } = settings.data;
  ensureBuilt();
  step(`Cluster PostgreSQL privé sur le port ${pgPort} (initdb dans un dossier temporaire)…`);
  const cluster = await startPrivateCluster(pgPort);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "fault-db-restart-"));
  const cleanup = () => {
    cluster.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once("SIGINT", () => (cleanup(), process.exit(130)));
  try {
    step(`PostgreSQL ${cluster.version} prêt ; démarrage du serveur de production (migrations, données de démonstration)…`);
    // Warnings and errors only reach stderr (request lines go to stdout, ignored): count them, show the others.
    const logged = { unavailable: 0, driverGuard: 0, other: [] as string[], causes: new Map<string, number>(), late: [] as string[] };
    let clock = 0;
    let restartEnd = Infinity;
    const server = await startServer({
      databaseUrl: cluster.url,
      dataDir,
      env: { LOG_LEVEL: "info" },
      onStderr: (line) => {
        if (line.includes("base de données injoignable")) {
          logged.unavailable++;
          let full = "?";
          try {
            full = String((JSON.parse(line) as { cause?: string }).cause ?? "?");
          } catch {
            full = line;
          }
          const cause = full.replace(/\s.*$/, "");
          logged.causes.set(cause, (logged.causes.get(cause) ?? 0) + 1);
          // Five seconds after pg_ctl is back, a 503 is late: keep its cause.
          if (clock && performance.now() - clock > restartEnd + 5000) logged.late.push(`${formatDecimal((performance.now() - clock) / 1000)} s : ${full.slice(0, 160)}`);
        } else if (line.includes("pilote PostgreSQL")) logged.driverGuard++;
        else if (line.trim()) {
          logged.other.push(line);
          if (process.env.FAULT_DEBUG) console.error(line);
        }
      },
    });
    const pid = server.child.pid;
    try {
      const restartAtMs = Math.round((seconds * 1000) / 3);
      step(`Serveur prêt (pid ${pid}). ${vus} utilisateurs pendant ${seconds} s ; redémarrage de PostgreSQL à ${formatDecimal(restartAtMs / 1000)} s.`);

      let origin = 0;
      let polling = true;
      const health: { at: number; status: number }[] = [];
      const restart = { at: 0, ms: 0, error: "" };
      let poller: Promise<void> = Promise.resolve();
      let restarter: Promise<void> = Promise.resolve();
      const run = await runLoad({
        base: server.base,
        vus,
        managerShare: 0.3,
        durationMs: seconds * 1000,
        onStart: (started) => {
          origin = started;
          clock = started;
          // /healthz every 100 ms beside the load.
          poller = (async () => {
            while (polling) {
              const at = performance.now() - origin;
              let status = 0;
              try {
                const response = await fetch(`${server.base}/healthz`);
                await response.arrayBuffer();
                status = response.status;
              } catch {
                status = 0;
              }
              health.push({ at, status });
              await sleep(100);
            }
          })();
          restarter = (async () => {
            await sleep(restartAtMs);
            restart.at = performance.now() - origin;
            step(`Redémarrage de PostgreSQL (pg_ctl restart -m fast)…`);
            try {
              restart.ms = await cluster.restart("fast");
              restartEnd = performance.now() - origin;
              step(`PostgreSQL redémarré en ${formatCount(restart.ms)} ms.`);
            } catch (error) {
              restart.error = String((error as { stderr?: string }).stderr || error);
            }
          })();
        },
      });
      await restarter;
      polling = false;
      await poller;

      const samples = run.samples;
      const ok = (s: Sample) => s.status >= 200 && s.status < 400 && !s.unexpected;
      const unexpected = samples.filter((s) => s.unexpected).length;
      const count = (predicate: (s: Sample) => boolean) => samples.filter(predicate).length;
      const s503 = count((s) => s.status === 503);
      const s503WithoutRetryAfter = count((s) => s.status === 503 && !s.retryAfter);
      const s503French = count((s) => s.status === 503 && /Service momentanément indisponible/.test(s.body ?? ""));
      const s500 = count((s) => s.status >= 500 && s.status !== 503);
      const network = count((s) => s.status === 0);
      const client4xx = count((s) => s.status >= 400 && s.status < 500);
      const bad = samples.filter((s) => !ok(s)).sort((a, b) => a.at - b.at);
      const firstBad = bad[0]?.at ?? 0;
      const lastBad = bad.at(-1)?.at ?? 0;
      const recoveryMs = bad.length > 0 ? Math.max(0, Math.round(lastBad - restart.at)) : 0;
      const health503 = health.filter((h) => h.status === 503).length;
      const healthOther = health.filter((h) => h.status !== 503 && h.status !== 200).length;
      const healthBack = health.find((h) => h.at > restart.at && h.status === 200 && health.every((later) => later.at < h.at || later.status === 200));

      // The same process, never restarted, answers again.
      const alive = server.child.exitCode === null && server.child.signalCode === null;
      const home = await fetch(`${server.base}/`).then((r) => r.status).catch(() => 0);
      const ready = await fetch(`${server.base}/healthz`).then((r) => r.status).catch(() => 0);
      if (process.env.FAULT_DEBUG) for (const b of bad) console.log(`  ${b.step} ${b.status} fin ${formatDecimal(b.at / 1000)} s, durée ${formatCount(Math.round(b.ms))} ms`);
      if (process.env.FAULT_DEBUG) console.log(health.map((h) => `${formatDecimal(h.at / 1000)}:${h.status}`).join(" "));
      const samples500 = samples.filter((s) => s.status >= 500 && s.status !== 503).slice(0, 3);

      const guarantee = restart.error === "" && s500 === 0 && network === 0 && client4xx === 0 && unexpected === 0 && s503WithoutRetryAfter === 0 && alive && home === 200 && ready === 200 && s503 + health503 > 0;
      finish(
        {
          fault: "db-restart",
          engine: "postgresql",
          postgres: cluster.version,
          vus,
          seconds,
          requests: samples.length,
          ok2xx3xx: count(ok),
          s503,
          s500,
          network,
          client4xx,
          unexpected,
          restartMs: restart.ms,
          recoveryMs,
          healthz503: health503,
          sameProcess: alive,
          logged503: logged.unavailable,
          driverGuard: logged.driverGuard,
        },
        guarantee,
        [
          `${formatCount(samples.length)} requêtes de ${vus} utilisateurs en ${seconds} s ; PostgreSQL ${cluster.version} redémarré à ${formatDecimal(restart.at / 1000)} s (pg_ctl : ${formatCount(restart.ms)} ms).${restart.error ? ` ÉCHEC du redémarrage : ${restart.error}` : ""}`,
          `Réponses 2xx/3xx : ${formatCount(count(ok))} ; 503 : ${formatCount(s503)} (avec Retry-After : ${formatCount(s503 - s503WithoutRetryAfter)}, page ou texte français : ${formatCount(s503French)}) ; 500 : ${formatCount(s500)} ; erreurs réseau : ${formatCount(network)} ; 4xx : ${formatCount(client4xx)} ; formulaires sans confirmation : ${formatCount(unexpected)}.`,
          bad.length > 0
            ? `Fenêtre d'erreurs : de ${formatDecimal(firstBad / 1000)} s à ${formatDecimal(lastBad / 1000)} s ; retour à 100 % de réponses correctes ${formatCount(recoveryMs)} ms après le début du redémarrage.`
            : "Aucune requête n'a rencontré la coupure.",
          `/healthz : ${formatCount(health503)} réponses 503 pendant la coupure${healthOther ? `, ${formatCount(healthOther)} autres` : ""} ; de nouveau 200 à ${healthBack ? `${formatDecimal(healthBack.at / 1000)} s` : "—"}.`,
          `Journal du serveur : ${formatCount(logged.unavailable)} lignes « base de données injoignable » (${[...logged.causes].map(([c, n]) => `${c} × ${n}`).join(", ") || "—"}), ${formatCount(logged.driverGuard)} erreurs du pilote survécues (écriture sur connexion fermée), ${formatCount(logged.other.length)} autres lignes d'erreur.`,
          ...logged.other.slice(0, 5).map((l) => `  ${l.slice(0, 200)}`),
          ...(logged.late.length ? [`503 tardifs (plus de 5 s après le retour de PostgreSQL) : ${logged.late.length}`, ...logged.late.slice(0, 5).map((l) => `  ${l}`)] : []),
          `Même processus serveur (pid ${pid}) toujours en vie : ${alive ? "oui" : "NON"} ; / → ${home}, /healthz → ${ready}.`,
          ...samples500.map((s) => `  500 sur ${s.step} à ${formatDecimal(s.at / 1000)} s : ${(s.body ?? "").replace(/\s+/g, " ").slice(0, 160)}`),
        ],
      );
    } finally {
      await server.stop();
    }
  } finally {
    cleanup();
  }
}

await runBench(main);
