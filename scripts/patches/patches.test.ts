import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PassThrough } from "node:stream";
import { createElement } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { describe, expect, it } from "vitest";

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
  });
});
