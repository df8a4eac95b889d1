// `npm start`: builds the portal when the build is missing or older than the sources,
// then runs the production server (migrations and demo seed happen at server start-up).
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const builtAt = (() => {
  const entry = path.join(root, "build/server/index.js");
  return existsSync(entry) ? statSync(entry).mtimeMs : 0;
})();

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const sources = ["app", "db", "emails"].map((d) => path.join(root, d)).filter(existsSync);
const stale = builtAt === 0 || Math.max(...sources.map(newestSource), statSync(path.join(root, "package-lock.json")).mtimeMs) > builtAt;
if (stale) {
  console.log("Construction du portail…");
  execFileSync(process.execPath, [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "vite:build"], { cwd: root, stdio: "inherit" });
}

const server = spawn(process.execPath, ["--import", "tsx", path.join(root, "server.ts")], {
  cwd: root,
  stdio: "inherit",
  env: { NODE_ENV: "production", ...process.env },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
