import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PassThrough } from "node:stream";
import { createElement } from "react";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

/*
 * The patches of scripts/patches are applied by `npm install` / `npm ci` (postinstall,
 * patch-package). These tests fail when an install skipped them, check that the route matching
 * patch keeps matching exactly as before, and that React's server renderer no longer inserts a
 * NUL byte where a multi-byte character meets its 2 KiB boundary (docs/decisions/019-dependency-patches.md).
 */
const require = createRequire(import.meta.url);
const packageFile = (name: string, file: string) => readFileSync(path.resolve(import.meta.dirname, "../../node_modules", name, file), "utf8");

describe("dependency patches", () => {
  it("are applied to the postgres driver (closed socket) and to the server's route matching", () => {
    for (const file of ["src/connection.js", "cjs/src/connection.js"]) {
      expect(packageFile("postgres", file)).toContain("error(Errors.connection('CONNECTION_CLOSED', options))");
    }
    expect(packageFile("@remix-run/router", "dist/router.cjs.js")).toContain("rankedBranches");
    expect(packageFile("@remix-run/router", "dist/router.cjs.js")).toContain("matchesByRoutes");
    expect(packageFile("@remix-run/react", "dist/server.js")).toContain("serverRoutesByManifest");
    expect(packageFile("@remix-run/react", "dist/components.js")).toContain("partialManifestJson");
    expect(packageFile("react-router-dom", "server.js")).toContain("dataRoutesCache");
    expect(packageFile("react-dom", "cjs/react-dom-server.node.production.min.js")).toContain("d<b.length&&(t(a,k.subarray(0,l))");
  });

  it("render French words whose accented letters straddle React's 2 KiB views without a NUL byte", async () => {
    const render = (element: ReturnType<typeof createElement>) =>
      new Promise<Buffer>((resolve, reject) => {
        const chunks: Buffer[] = [];
        const sink = new PassThrough();
        sink.on("data", (chunk: Buffer) => chunks.push(chunk)).on("end", () => resolve(Buffer.concat(chunks))).on("error", reject);
        const { pipe } = renderToPipeableStream(element, { onAllReady: () => pipe(sink), onError: reject });
      });
    // Short text chunks (the renderer encodes them into its views), shifted one byte at a time
    // so that an "é" (2 bytes in UTF-8) falls across the end of a view.
    for (let shift = 0; shift < 24; shift++) {
      const words = Array.from({ length: 260 }, (_, i) => `Abandonné ${i}`);
      const html = await render(createElement("div", null, createElement("p", null, "x".repeat(shift + 1)), ...words.map((word, i) => createElement("span", { key: i }, word))));
      expect(html.includes(0), `NUL byte with a shift of ${shift}`).toBe(false);
      expect(html.toString("utf8")).toContain("<span>Abandonné 259</span>");
    }
  });

  it("match the same routes, cached or not, for the same routes array and for a new one", () => {
    // The CommonJS build is the one the server loads (and the patched one).
    const { matchRoutes } = require("@remix-run/router") as typeof import("@remix-run/router");
    const routes = () => [
      {
        id: "root",
        path: "/",
        children: [
          { id: "home", index: true },
          { id: "tenant", path: "t/:tenant", children: [{ id: "tenant-home", index: true }, { id: "results", path: "resultats" }, { id: "report", path: "resultats/rapport.pdf" }] },
          { id: "year", path: "laureats/:annee" },
          { id: "laureate", path: "laureats/:annee/:slug" },
          { id: "splat", path: "*" },
        ],
      },
    ];
    const ids = (tree: ReturnType<typeof routes>, pathname: string) => matchRoutes(tree, pathname)?.map((m) => `${m.route.id}${JSON.stringify(m.params)}`);
    const shared = routes();
    const cases: [string, string | undefined][] = [
      ["/", "home"],
      ["/t/villeurbanne", "tenant-home"],
      ["/t/villeurbanne/resultats", "results"],
      ["/t/villeurbanne/resultats/rapport.pdf", "report"],
      ["/laureats/2020", "year"],
      ["/laureats/2020/villeurbanne", "laureate"],
      ["/ailleurs/encore", "splat"],
    ];
    for (let round = 0; round < 3; round++) {
      for (const [pathname, leaf] of cases) {
        const matched = ids(shared, pathname);
        expect(matched, pathname).toEqual(ids(routes(), pathname));
        expect(matched?.at(-1)?.startsWith(leaf!), pathname).toBe(true);
      }
    }
    expect(ids(shared, "/t/lambersart/resultats")?.at(-2)).toBe('tenant{"tenant":"lambersart"}');

    // A remembered match is handed out as a copy: what a caller does to it does not leak to the next.
    const first = matchRoutes(shared, "/laureats/2021/lyon")!;
    (first[1]!.params as Record<string, string>).annee = "1999";
    first.pop();
    const second = matchRoutes(shared, "/laureats/2021/lyon")!;
    expect(second.map((m) => m.route.id)).toEqual(["root", "laureate"]);
    expect(second[1]!.params).toEqual({ annee: "2021", slug: "lyon" });
    expect(second[0]!.params).toBe(second[1]!.params); // one params object per match list, as unpatched
    expect(matchRoutes(shared, "/")).not.toBe(matchRoutes(shared, "/"));
    // More pathnames than the bound: still right after the cache is emptied.
    for (let i = 0; i < 1_500; i++) expect(matchRoutes(shared, `/t/s${i}/resultats`)?.at(-2)?.params.tenant).toBe(`s${i}`);
    expect(ids(shared, "/laureats/2020")?.at(-1)).toBe('year{"annee":"2020"}');
  });

  it("build the server's route tree and the inlined manifest once per build, and render the same document", async () => {
    // The CommonJS modules the server loads: spied through their exports objects, which the patched code calls.
    const remixRoutes = require("@remix-run/react/dist/routes.js") as { createServerRoutes: (...args: unknown[]) => unknown };
    const fogOfWar = require("@remix-run/react/dist/fog-of-war.js") as { getPartialManifest: (...args: unknown[]) => unknown };
    const { RemixServer, Outlet, Scripts } = require("@remix-run/react") as typeof import("@remix-run/react");
    const { createStaticHandler } = require("@remix-run/router") as typeof import("@remix-run/router");
    const createRoutes = vi.spyOn(remixRoutes, "createServerRoutes");
    const partialManifest = vi.spyOn(fogOfWar, "getPartialManifest");
    const flags = { hasAction: false, hasClientAction: false, hasClientLoader: false, hasErrorBoundary: false, hasLoader: false, imports: [] };
    const manifest = {
      version: "1",
      url: "/assets/manifest.js",
      entry: { module: "/assets/entry.js", imports: [] },
      routes: {
        root: { id: "root", path: "", module: "/assets/root.js", ...flags },
        tenant: { id: "tenant", parentId: "root", path: "t/:tenant", module: "/assets/tenant.js", ...flags },
        results: { id: "results", parentId: "tenant", path: "resultats", module: "/assets/results.js", ...flags },
        other: { id: "other", parentId: "root", path: "autre", module: "/assets/other.js", ...flags },
      },
    };
    const modules = {
      root: { default: () => createElement("body", null, createElement(Outlet), createElement(Scripts)) },
      tenant: { default: () => createElement(Outlet) },
      results: { default: () => createElement("h1", null, "Résultats") },
      other: { default: () => createElement("h1", null, "Autre") },
    };
    const handler = createStaticHandler([{ id: "root", path: "", children: [{ id: "tenant", path: "t/:tenant", children: [{ id: "results", path: "resultats" }] }, { id: "other", path: "autre" }] }]);
    const render = async (url: string) => {
      const staticHandlerContext = await handler.query(new Request(`http://localhost${url}`));
      if (staticHandlerContext instanceof Response) throw new Error("unexpected response");
      const context = {
        manifest,
        routeModules: { ...modules }, // a new object per request, as the server runtime builds it
        staticHandlerContext,
        serverHandoffString: "{}",
        future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_singleFetch: true, v3_lazyRouteDiscovery: true, v3_routeConfig: false, unstable_optimizeDeps: false },
        isSpaMode: false,
        renderMeta: {},
      };
      return renderToString(createElement(RemixServer, { context: context as never, url: `http://localhost${url}` }));
    };
    try {
      const first = await render("/t/villeurbanne/resultats");
      const again = await render("/t/villeurbanne/resultats");
      const other = await render("/autre");
      expect(again).toBe(first);
      expect(first).toContain("<h1>Résultats</h1>");
      expect(first).toContain('"results": {');
      expect(other).toContain("<h1>Autre</h1>");
      expect(other).not.toContain('"results": {');
      expect(createRoutes.mock.calls.filter((call) => call[4] === undefined || call[4] === "")).toHaveLength(1); // the top-level call, once
      expect(partialManifest).toHaveBeenCalledTimes(2); // once per pathname
    } finally {
      createRoutes.mockRestore();
      partialManifest.mockRestore();
    }
  });
});
