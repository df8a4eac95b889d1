import { describe, expect, it } from "vitest";
import { formatScore } from "./format";

describe("formatScore", () => {
  it("writes a score with one decimal, French style, the same every time", () => {
    expect(formatScore(66.7)).toBe("66,7");
    expect(formatScore(70)).toBe("70,0");
    expect(formatScore(66.66)).toBe("66,7");
    expect(formatScore(66.7)).toBe("66,7");
  });

  it("stays right past the bound of remembered values", () => {
    for (let i = 0; i < 6_000; i++) expect(formatScore(i / 100)).toBe(new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(i / 100));
    expect(formatScore(100)).toBe("100,0");
  });
});
