import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

/*
 * `npm run bench:js` (after `npm run build`, which it never runs itself): the JavaScript a public
 * page makes the browser download, gzipped as the server's compression sends it (zlib level 6).
 *
 * Source: the Remix browser manifest of the build (build/client/assets/manifest-*.js), the very list
 * <Scripts> reads: the client entry and its imports, then for each route matched by the page (root,
 * layouts, the page) its module and its imports — each file counted once. (Vite's own
 * .vite/manifest.json is deleted by Remix's build unless `build.manifest` is set, and lists chunks,
 * not what a page loads.) Inline scripts (the page's data) are part of the HTML, not counted here.
 *
 * Prints KiB per public page and, as the very last line, one JSON object like the other benches:
 * {"bench":"public-js","ours":<largest page, KiB>,"baseline":<budget>,"unit":"KiB","ratio":…,"pages":{…}}.
 */

const BUDGET_KIB = 100;
const BUILD_CLIENT = path.resolve(process.env.BUILD_CLIENT_DIR ?? "build/client");

type RouteEntry = { id: string; parentId?: string; path?: string; module: string; imports?: string[]; hasDefaultExport?: boolean };
type RemixManifest = { entry: { module: string; imports: string[] }; routes: Record<string, RouteEntry> };

/** Public pages by route id: the page's address for the report. */
const publicPageIds: Record<string, string> = {
  "routes/_index": "/",
  "routes/barometre": "/barometre",
  "routes/chiffres-cles._index": "/chiffres-cles",
  "routes/chiffres-cles.$annee": "/chiffres-cles/:annee",
  "routes/laureats._index": "/laureats",
  "routes/laureats.$annee": "/laureats/:annee",
  "routes/laureats_.$annee.$slug": "/laureats/:annee/:slug",
  "routes/donnees._index": "/donnees",
  "routes/bonnes-pratiques._index": "/bonnes-pratiques",
  "routes/bonnes-pratiques.$ref": "/bonnes-pratiques/:ref",
  "routes/bonnes-pratiques_.abonnement": "/bonnes-pratiques/abonnement",
  "routes/accessibilite": "/accessibilite",
  "routes/mentions-legales": "/mentions-legales",
  "routes/donnees-personnelles": "/donnees-personnelles",
};

class BenchError extends Error {}

function readRemixManifest(): RemixManifest {
  const assets = path.join(BUILD_CLIENT, "assets");
  if (!existsSync(assets)) throw new BenchError(`Aucun build trouvé dans ${BUILD_CLIENT} : lancez d'abord « npm run build ».`);
  const file = readdirSync(assets).find((name) => /^manifest-[\w-]+\.js$/.test(name));
  if (!file) throw new BenchError(`Le manifeste Remix (assets/manifest-*.js) est absent de ${BUILD_CLIENT} : le build est-il complet ?`);
  const source = readFileSync(path.join(assets, file), "utf8").trim();
  const json = source.replace(/^window\.__remixManifest\s*=\s*/, "").replace(/;\s*$/, "");
  return JSON.parse(json) as RemixManifest;
}

/** The route and its parents, root first. */
function chainOf(manifest: RemixManifest, id: string): RouteEntry[] {
  const chain: RouteEntry[] = [];
  for (let route = manifest.routes[id]; route; route = route.parentId ? manifest.routes[route.parentId] : undefined) chain.unshift(route);
  return chain;
}

/** The files <Scripts> makes the browser load for this page, each once. */
function filesOf(manifest: RemixManifest, id: string): string[] {
  const files = [manifest.entry.module, ...manifest.entry.imports];
  for (const route of chainOf(manifest, id)) files.push(...(route.imports ?? []), route.module);
  return [...new Set(files)];
}

const sizes = new Map<string, { raw: number; gzip: number }>();
function sizeOf(url: string) {
  const known = sizes.get(url);
  if (known) return known;
  const file = path.join(BUILD_CLIENT, url.replace(/^\//, ""));
  if (!existsSync(file)) throw new BenchError(`Fichier listé par le manifeste mais absent : ${file}`);
  const content = readFileSync(file);
  const size = { raw: content.length, gzip: gzipSync(content, { level: 6 }).length };
  sizes.set(url, size);
  return size;
}

const kib = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const decimal = new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

function main() {
  const manifest = readRemixManifest();
  const pages: Record<string, { gzipKiB: number; rawKiB: number; files: number }> = {};
  const missing: string[] = [];
  for (const [id, address] of Object.entries(publicPageIds)) {
    if (!manifest.routes[id]) {
      missing.push(`${address} (${id})`);
      continue;
    }
    const files = filesOf(manifest, id);
    const total = files.map(sizeOf).reduce((sum, s) => ({ raw: sum.raw + s.raw, gzip: sum.gzip + s.gzip }), { raw: 0, gzip: 0 });
    pages[address] = { gzipKiB: kib(total.gzip), rawKiB: kib(total.raw), files: files.length };
  }
  if (Object.keys(pages).length === 0) throw new BenchError("Aucune page publique trouvée dans le manifeste.");

  const width = Math.max(...Object.keys(pages).map((address) => address.length));
  console.log(`JavaScript chargé par page publique (gzip niveau 6), budget ${BUDGET_KIB} Kio :`);
  for (const [address, page] of Object.entries(pages)) {
    const over = page.gzipKiB > BUDGET_KIB ? "  ← au-dessus du budget" : "";
    console.log(`  ${address.padEnd(width)}  ${decimal.format(page.gzipKiB).padStart(6)} Kio gzip  (${decimal.format(page.rawKiB)} Kio bruts, ${page.files} fichiers)${over}`);
  }
  if (missing.length > 0) console.log(`Pages absentes du build (ignorées) : ${missing.join(", ")}`);

  const ours = Math.max(...Object.values(pages).map((page) => page.gzipKiB));
  const ratio = Math.round((ours / BUDGET_KIB) * 100) / 100;
  console.log("");
  console.log(`Page la plus lourde : ${decimal.format(ours)} Kio (objectif ≤ ${BUDGET_KIB} Kio)${ours <= BUDGET_KIB ? "" : " — au-dessus de l'objectif"}`);
  console.log(JSON.stringify({ bench: "public-js", ours, baseline: BUDGET_KIB, unit: "KiB", ratio, pages }));
}

try {
  main();
} catch (error) {
  if (error instanceof BenchError) console.error(error.message);
  else console.error(error);
  process.exitCode = 1;
}
