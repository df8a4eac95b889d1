import { spawn } from "node:child_process";
import path from "node:path";
import { runBench, step } from "../bench/lib";
import { ensureBuilt, root } from "./lib";

/*
 * `npm run fault`: the four fault scripts one after the other (each bounded, loopback only),
 * their output shown as it comes; last line {"fault":"all","ok":…,"results":[each last line]}.
 */

const scripts = ["import", "digest", "webhooks", "db-restart"];

function run(name: string): Promise<{ code: number | null; last: Record<string, unknown> | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, `scripts/fault/${name}.ts`)], {
      cwd: root,
      env: { ...process.env, SKIP_BUILD: "1" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.once("exit", (code) => {
      const line = output.trim().split("\n").at(-1) ?? "";
      let last: Record<string, unknown> | null = null;
      try {
        last = JSON.parse(line) as Record<string, unknown>;
      } catch {
        last = null;
      }
      resolve({ code, last });
    });
  });
}

async function main() {
  ensureBuilt();
  const results: Record<string, unknown>[] = [];
  for (const name of scripts) {
    step(`——— fault:${name} ———`);
    const { code, last } = await run(name);
    results.push(last ?? { fault: name, ok: false, error: `code ${code}, pas de ligne JSON finale` });
  }
  const ok = results.every((r) => r.ok === true);
  console.log("");
  for (const r of results) console.log(`${String(r.fault).padEnd(12)} ${r.ok === true ? "garantie tenue" : "GARANTIE NON TENUE"}`);
  console.log(JSON.stringify({ fault: "all", ok, results }));
  if (!ok) process.exitCode = 1;
}

await runBench(main);
