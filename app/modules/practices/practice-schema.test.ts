import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { practiceSchema } from "./practice-schema";

function form(entries: [string, string][]) {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}

const base: [string, string][] = [
  ["number", "12"],
  ["title", "Un titre"],
  ["summary", "Un résumé"],
  ["body", "Un texte"],
];

describe("practiceSchema", () => {
  it("reads one or several checked tags as a list, and none as an empty list", () => {
    const one = parseWithZod(form([...base, ["channels", "telephone"]]), { schema: practiceSchema });
    expect(one.status === "success" && one.value).toMatchObject({ number: 12, channels: ["telephone"], themes: [] });
    expect(one.status === "success" && one.value.publishOn).toBeUndefined();
    const two = parseWithZod(form([...base, ["determinants", "courtoisie"], ["determinants", "reactivite"], ["publishOn", "2026-12-07"]]), { schema: practiceSchema });
    expect(two.status === "success" && two.value).toMatchObject({ determinants: ["courtoisie", "reactivite"], publishOn: "2026-12-07" });
  });

  it("refuses unknown tags and an illustration without alternative text", () => {
    const unknown = parseWithZod(form([...base, ["channels", "pigeon"]]), { schema: practiceSchema });
    expect(unknown.reply().error).toMatchObject({ "channels[0]": ["Canal inconnu."] });
    const withoutAlt = parseWithZod(form([...base, ["illustrationUrl", "/illustrations/a.png"]]), { schema: practiceSchema });
    expect(withoutAlt.reply().error).toMatchObject({ illustrationAlt: [expect.stringContaining("texte alternatif")] });
    const external = parseWithZod(form([...base, ["illustrationUrl", "//autre.example/a.png"], ["illustrationAlt", "Un guichet"]]), { schema: practiceSchema });
    expect(external.reply().error).toMatchObject({ illustrationUrl: [expect.stringContaining("sur ce site")] });
  });
});
