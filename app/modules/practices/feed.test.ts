import { describe, expect, it } from "vitest";
import { atomFeed, escapeXml, sitemapXml } from "./feed";

describe("atomFeed", () => {
  it("escapes titles, summaries and links", () => {
    const xml = atomFeed("https://barometre.example", [
      { number: 3, slug: "a-b", title: "Écoute <script>&", summary: "L'usager \"d'abord\" <b>", publishAt: new Date("2026-11-23T08:00:00Z"), updatedAt: new Date("2026-11-01T08:00:00Z") },
    ]);
    expect(xml).toContain("<title>Bonne pratique n° 3 : Écoute &lt;script&gt;&amp;</title>");
    expect(xml).toContain("<summary>L&apos;usager &quot;d&apos;abord&quot; &lt;b&gt;</summary>");
    expect(xml).toContain('href="https://barometre.example/bonnes-pratiques/3-a-b"');
    expect(xml).toContain("<updated>2026-11-23T08:00:00.000Z</updated>");
    expect(xml).not.toContain("<script>");
  });

  it("removes control characters", () => {
    expect(escapeXml("a\u0001b")).toBe("ab");
  });
});

describe("sitemapXml", () => {
  it("lists absolute addresses", () => {
    const xml = sitemapXml("https://barometre.example", [{ path: "/bonnes-pratiques" }, { path: "/bonnes-pratiques/1-x", lastModified: new Date("2026-11-23T08:00:00Z") }]);
    expect(xml).toContain("<url><loc>https://barometre.example/bonnes-pratiques</loc></url>");
    expect(xml).toContain("<lastmod>2026-11-23</lastmod>");
  });
});
