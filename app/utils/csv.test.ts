import { describe, expect, it } from "vitest";
import { csvAmount, toCsv } from "./csv";

describe("CSV for French Excel", () => {
  it("starts with a BOM, separates with semicolons and ends lines with CRLF", () => {
    expect(toCsv(["Structure", "Montant"], [["Ville de Besançon", csvAmount(298_800)]])).toBe("\uFEFFStructure;Montant\r\nVille de Besançon;2988,00\r\n");
  });
  it("quotes separators, quotes and line breaks", () => {
    expect(toCsv(["a"], [['Dit "oui"; puis\nnon']])).toBe('\uFEFFa\r\n"Dit ""oui""; puis\nnon"\r\n');
  });
  it("defuses spreadsheet formulas but keeps negative numbers", () => {
    expect(toCsv(["a", "b"], [["=SOMME(A1)", "-12,50"]])).toBe("\uFEFFa;b\r\n'=SOMME(A1);-12,50\r\n");
  });
  it("formats amounts with a decimal comma and no grouping", () => {
    expect(csvAmount(149_000)).toBe("1490,00");
    expect(csvAmount(5)).toBe("0,05");
  });
});
