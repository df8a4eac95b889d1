import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { priceBreakdown, vatOf } from "./pricing";

describe("pricing", () => {
  it("adds 20 % VAT to the HT total", () => {
    expect(priceBreakdown([{ label: "Baromètre 2027", amountHtCents: 149_000 }])).toMatchObject({ totalHtCents: 149_000, vatCents: 29_800, totalTtcCents: 178_800 });
    expect(priceBreakdown([{ label: "Baromètre", amountHtCents: 249_000 }, { label: "Visite sur place", amountHtCents: 45_000 }])).toMatchObject({
      totalHtCents: 294_000,
      vatCents: 58_800,
      totalTtcCents: 352_800,
    });
  });

  it("rounds VAT half-up to the cent", () => {
    expect(vatOf(1)).toBe(0);
    expect(vatOf(3)).toBe(1); // 0.6 → 1
    expect(vatOf(12)).toBe(2); // 2.4 → 2
  });

  it("refuses negative or fractional amounts", () => {
    expect(() => priceBreakdown([{ label: "x", amountHtCents: -1 }])).toThrow();
    expect(() => priceBreakdown([{ label: "x", amountHtCents: 1.5 }])).toThrow();
  });

  it("always gives TTC = HT + VAT with VAT within half a cent of 20 %", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 5 }), (amounts) => {
        const b = priceBreakdown(amounts.map((amountHtCents, i) => ({ label: `l${i}`, amountHtCents })));
        return b.totalTtcCents === b.totalHtCents + b.vatCents && Math.abs(b.vatCents - b.totalHtCents * 0.2) <= 0.5;
      }),
    );
  });
});
