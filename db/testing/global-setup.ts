import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import postgres from "postgres";
import { openDatabase } from "../client";
import { runMigrations } from "../migrate";

declare module "vitest" {
  export interface ProvidedContext {
    testDatabase:
      | { engine: "pglite"; templateFile: string }
      | { engine: "postgres"; serverUrl: string; templateName: string; poolerUrl: string | null };
  }
}

/**
 * Migrates one template database per test run; each test file then gets a fresh copy of it
 * (a PGlite data-folder dump, or a PostgreSQL `CREATE DATABASE … TEMPLATE`), so migrations
 * run once, not once per file.
 *
 * On PostgreSQL, `DATABASE_URL` is the server itself: databases are created, migrated and
 * dropped there. With `TEST_DATABASE_POOLER_URL` (a PgBouncer in transaction mode in front of
 * that server, e.g. `postgres://postgres@127.0.0.1:6432/postgres`), the tests' own connections
 * go through the pooler instead (run them with `DATABASE_PREPARE=false`).
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const templateName = `ec_test_template_${process.pid}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${templateName} with (force)`);
    await admin.unsafe(`create database ${templateName}`);
    const templateUrl = withDatabase(url, templateName);
    const handle = await openDatabase({ engine: "postgres", url: templateUrl, max: 1 });
    await runMigrations(handle, templateUrl);
    await handle.close();
    const poolerUrl = process.env.TEST_DATABASE_POOLER_URL || null;
    if (poolerUrl && !/^postgres(ql)?:\/\//.test(poolerUrl)) throw new Error("TEST_DATABASE_POOLER_URL doit commencer par postgres:// ou postgresql://");
    project.provide("testDatabase", { engine: "postgres", serverUrl: url, templateName, poolerUrl });
    return async () => {
      await admin.unsafe(`drop database if exists ${templateName} with (force)`);
      await admin.end();
    };
  }
  const handle = await openDatabase({ engine: "pglite" });
  await runMigrations(handle);
  const dump = await handle.pglite!.dumpDataDir("none");
  await handle.close();
  const dir = path.resolve(".data", "test");
  mkdirSync(dir, { recursive: true });
  const templateFile = path.join(dir, `template-${process.pid}.tar`);
  writeFileSync(templateFile, Buffer.from(await dump.arrayBuffer()));
  project.provide("testDatabase", { engine: "pglite", templateFile });
  return () => rmSync(templateFile, { force: true });
}

export function withDatabase(url: string, name: string) {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
