import { describe, expect, it } from "vitest";
import { foldAccents, highlightExcerpt, markdownToText, mondayNine, nextPublicationSlot, parsePracticeRef, queryTerms } from "./search";

describe("foldAccents", () => {
  it("removes accents and lowercases", () => {
    expect(foldAccents("Accueil TÉLÉPHONIQUE à Besançon, cœur")).toBe("accueil telephonique a besancon, coeur");
    expect(foldAccents("telephonique")).toBe(foldAccents("téléphonique"));
  });
});

describe("queryTerms", () => {
  it("keeps folded words of 3 letters or more", () => {
    expect(queryTerms("L'accueil téléphonique, de la mairie")).toEqual(["accueil", "telephonique", "mairie"]);
  });
});

describe("highlightExcerpt", () => {
  it("marks accented words from an unaccented query and keeps the original text", () => {
    const parts = highlightExcerpt("Les appels téléphoniques sont décrochés vite.", queryTerms("telephonique"));
    expect(parts).toContainEqual({ text: "téléphoniques", match: true });
    expect(parts.map((p) => p.text).join("")).toBe("Les appels téléphoniques sont décrochés vite.");
  });

  it("cuts a window around the first match in a long text", () => {
    const text = `${"mot ".repeat(200)}accueil ${"fin ".repeat(200)}`;
    const parts = highlightExcerpt(text, ["accueil"], 100);
    const joined = parts.map((p) => p.text).join("");
    expect(joined.length).toBeLessThan(120);
    expect(joined.startsWith("… ")).toBe(true);
    expect(parts.some((p) => p.match && p.text === "accueil")).toBe(true);
  });
});

describe("markdownToText", () => {
  it("keeps link text and drops markup", () => {
    expect(markdownToText("## Titre\n\n- **un** [lien](https://x.fr)")).toBe("Titre un lien");
  });
});

describe("parsePracticeRef", () => {
  it("reads the number and the slug", () => {
    expect(parsePracticeRef("12-accueil-telephonique")).toEqual({ number: 12, slug: "accueil-telephonique" });
    expect(parsePracticeRef("12")).toEqual({ number: 12, slug: "" });
    expect(parsePracticeRef("abc")).toBeNull();
  });
});

describe("publication slots", () => {
  it("is Monday 09:00 in Paris, winter and summer", () => {
    expect(mondayNine(new Date("2026-11-25T12:00:00Z")).toISOString()).toBe("2026-11-23T08:00:00.000Z");
    expect(mondayNine(new Date("2026-07-01T12:00:00Z")).toISOString()).toBe("2026-06-29T07:00:00.000Z");
  });

  it("proposes the next free Monday after the last scheduled one", () => {
    const now = new Date("2026-11-23T14:00:00Z");
    expect(nextPublicationSlot(now, null).toISOString()).toBe("2026-11-30T08:00:00.000Z");
    expect(nextPublicationSlot(now, new Date("2026-12-07T08:00:00Z")).toISOString()).toBe("2026-12-14T08:00:00.000Z");
    expect(nextPublicationSlot(new Date("2026-11-23T07:00:00Z"), null).toISOString()).toBe("2026-11-23T08:00:00.000Z");
  });
});
