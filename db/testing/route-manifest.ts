import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { UNSAFE_flatRoutes } from "@remix-run/dev";
import remixConfig from "../../remix.config.js";

/*
 * Remix's own route manifest, for the suites that must cover every route (route × role, the
 * action fuzz, the cross-site journey): a route file added tomorrow is in it the day it exists.
 */

export const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../app");

export type ManifestRoute = { id: string; file: string; path?: string; index?: boolean; parentId?: string };

export const manifest = UNSAFE_flatRoutes(appDir, remixConfig.ignoredRouteFiles ?? []) as Record<string, ManifestRoute>;

/** The full URL pattern of a manifest route, its parents' paths included. */
export function fullPath(route: ManifestRoute): string {
  const parts: string[] = [];
  for (let r: ManifestRoute | undefined = route; r; r = r.parentId ? manifest[r.parentId] : undefined) if (r.path) parts.unshift(r.path);
  return `/${parts.join("/")}`;
}

/** Whether the route module (a path under app/) exports an action. */
export const exportsAction = (file: string) => /export (async )?function action\b|export const action\b/.test(readFileSync(path.join(appDir, file), "utf8"));

/** For each route file whose `:id` names a demo object, the key of that object in a suite's `ids`. */
const demoIdOf: Record<string, string> = {
  "admin.audits.$id.tsx": "audit",
  "admin.bonnes-pratiques.$id.tsx": "practice",
  "admin.prospects.$id.tsx": "lead",
  "admin.laureats.$id.tsx": "laureate",
  "t.$tenant.plan-action_.$id.tsx": "action",
  "dev.boite-mail.$id.tsx": "mail",
  "t.$tenant.facturation_.$id.factur-x[.pdf].tsx": "invoice",
  "admin.factures_.$id.factur-x[.pdf].tsx": "invoice",
};

/**
 * A route's path with a real demo value for each URL parameter (`params` first, then Villeurbanne,
 * 2027, the "diagnostic-interne" offer, and the suite's demo objects for `:id`): a new parameter
 * fails here until it is given one.
 */
export function demoPath(file: string, path: string, ids: Record<string, string | undefined>, params: Record<string, string | undefined> = {}): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const given = params[name];
    if (given) return given;
    if (name === "tenant" || name === "slug") return "villeurbanne";
    if (name === "annee") return "2027";
    if (name === "code") return "diagnostic-interne";
    const id = name === "id" && demoIdOf[file] ? ids[demoIdOf[file]] : undefined;
    if (id) return id;
    throw new Error(`no demo value for :${name} in ${file}: add one in db/testing/route-manifest.ts`);
  });
}
