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
