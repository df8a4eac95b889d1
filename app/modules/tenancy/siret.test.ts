import { describe, it, expect } from "vitest";
import {
  completeSiret,
  formatSiret,
  isValidSiren,
  isValidSiret,
  normaliseSiret,
} from "./siret";

describe("normaliseSiret", () => {
  it("strips spaces, no-break spaces, dots and dashes", () => {
    expect(normaliseSiret("216 902 668 00013")).toBe("21690266800013");
    expect(normaliseSiret("216.902.668-00013")).toBe("21690266800013");
    expect(normaliseSiret(" 216\u00a0902\u202f668 ")).toBe("216902668");
  });

  it("keeps letters so that validation can refuse them", () => {
    expect(normaliseSiret("21690266A")).toBe("21690266A");
  });
});

describe("isValidSiren", () => {
  // 2 1 6 9 0 2 6 6 8: doubled from the right 6→12→3, 2→4, 9→18→9, 1→2;
  // kept 8+6+0+6+2 = 22; 22 + 3 + 4 + 9 + 2 = 40.
  it("accepts Villeurbanne's SIREN", () => {
    expect(isValidSiren("216902668")).toBe(true);
    expect(isValidSiren("216 902 668")).toBe(true);
  });

  it("accepts La Poste's SIREN", () => {
    expect(isValidSiren("356000000")).toBe(true);
  });

  it("refuses a changed digit, a wrong length and non-digits", () => {
    expect(isValidSiren("216902669")).toBe(false);
    expect(isValidSiren("226902668")).toBe(false);
    expect(isValidSiren("21690266")).toBe(false);
    expect(isValidSiren("2169026680")).toBe(false);
    expect(isValidSiren("21690266A")).toBe(false);
    expect(isValidSiren("")).toBe(false);
  });
});

describe("isValidSiret", () => {
  it("accepts Villeurbanne's town hall SIRET, with or without spaces", () => {
    expect(isValidSiret("21690266800013")).toBe(true);
    expect(isValidSiret("216 902 668 00013")).toBe(true);
  });

  it("refuses a SIRET with one changed digit", () => {
    expect(isValidSiret("21690266800014")).toBe(false);
    expect(isValidSiret("21690266800113")).toBe(false);
    expect(isValidSiret("31690266800013")).toBe(false);
  });

  it("refuses wrong lengths and non-digits", () => {
    expect(isValidSiret("2169026680001")).toBe(false);
    expect(isValidSiret("216902668000130")).toBe(false);
    expect(isValidSiret("2169026680001A")).toBe(false);
    expect(isValidSiret("")).toBe(false);
  });

  it("accepts La Poste's head office (which also passes Luhn)", () => {
    expect(isValidSiret("35600000000048")).toBe(true);
  });

  it("accepts a La Poste establishment whose digit sum is a multiple of 5", () => {
    // Fails Luhn; 3+5+6+4+9+8+3+7 = 45.
    expect(isValidSiret("35600000049837")).toBe(true);
  });

  it("refuses a La Poste number failing both rules", () => {
    // Fails Luhn; digit sum 27.
    expect(isValidSiret("35600000000049")).toBe(false);
  });

  it("keeps the multiple-of-5 rule for La Poste only", () => {
    // Digit sum 45 but not La Poste, and fails Luhn.
    expect(isValidSiret("21690266800014")).toBe(false);
  });
});

describe("completeSiret", () => {
  it("completes Villeurbanne's SIREN into its real town hall SIRET", () => {
    expect(completeSiret("216902668")).toBe("21690266800013");
  });

  it("uses the given NIC prefix", () => {
    const siret = completeSiret("216902668", "0002");
    expect(siret).toMatch(/^2169026680002\d$/);
    expect(isValidSiret(siret)).toBe(true);
  });

  it("always returns a valid 14-digit SIRET", () => {
    for (const siren of ["210100012", "214202186", "200046977", "123456789", "000000000"]) {
      for (const prefix of ["0001", "0002", "0420", "9999"]) {
        const siret = completeSiret(siren, prefix);
        expect(siret).toHaveLength(14);
        expect(siret.startsWith(siren + prefix)).toBe(true);
        expect(isValidSiret(siret)).toBe(true);
      }
    }
  });

  it("makes a SIRET that any single changed digit invalidates", () => {
    const siret = completeSiret("216902668", "0007");
    for (let position = 0; position < siret.length; position += 1) {
      const original = Number(siret[position]);
      const changed = (original + 1) % 10;
      const mutated = siret.slice(0, position) + String(changed) + siret.slice(position + 1);
      expect(isValidSiret(mutated), mutated).toBe(false);
    }
  });

  it("throws on a malformed SIREN or NIC prefix", () => {
    expect(() => completeSiret("21690266")).toThrow();
    expect(() => completeSiret("21690266A")).toThrow();
    expect(() => completeSiret("216902668", "001")).toThrow();
    expect(() => completeSiret("216902668", "00A1")).toThrow();
  });
});

describe("formatSiret", () => {
  it("groups a SIRET 3 3 3 5", () => {
    expect(formatSiret("21690266800013")).toBe("216 902 668 00013");
    expect(formatSiret("216.902.668.00013")).toBe("216 902 668 00013");
  });

  it("groups a SIREN 3 3 3", () => {
    expect(formatSiret("216902668")).toBe("216 902 668");
  });

  it("returns anything else as typed", () => {
    expect(formatSiret(" 1234 ")).toBe("1234");
    expect(formatSiret("abc")).toBe("abc");
  });
});
