import { describe, expect, it } from "vitest";
import { canMoveOrder, orderReference, priceOrder, sessionLabel } from "./order-rules";
import { formatDate } from "~/utils/format";

describe("order pricing", () => {
  const training = { kind: "formation" as const, title: "Formation accueil téléphonique", priceHtCents: 95_000 };

  it("prices a training per trainee with VAT once", () => {
    const price = priceOrder(training, { trainees: 3, sites: 1, sessionLabel: "session du 12 janvier 2027 à distance" })!;
    expect(price.totalHtCents).toBe(285_000);
    expect(price.vatCents).toBe(57_000);
    expect(price.totalTtcCents).toBe(342_000);
    expect(price.orderLines).toEqual([
      { label: "Formation accueil téléphonique — session du 12 janvier 2027 à distance — 3 stagiaires", quantity: 3, unitPriceHtCents: 95_000 },
    ]);
  });

  it("prices other offers per site and ignores the trainees", () => {
    const price = priceOrder({ kind: "diagnostic", title: "Diagnostic interne", priceHtCents: 180_050 }, { trainees: 9, sites: 2 })!;
    expect(price.totalHtCents).toBe(360_100);
    expect(price.vatCents).toBe(72_020);
    expect(price.orderLines[0]!.label).toBe("Diagnostic interne — 2 sites");
  });

  it("has no price for an offer sur devis", () => {
    expect(priceOrder({ kind: "certification", title: "Qualivilles", priceHtCents: null }, { trainees: 1, sites: 1 })).toBeNull();
  });

  it("refuses a quantity under one", () => {
    expect(() => priceOrder(training, { trainees: 0, sites: 1 })).toThrow();
  });
});

describe("order statuses", () => {
  it("moves forward only", () => {
    expect(canMoveOrder("awaiting_payment", "paid")).toBe(true);
    expect(canMoveOrder("confirmed", "paid")).toBe(true);
    expect(canMoveOrder("paid", "confirmed")).toBe(false);
    expect(canMoveOrder("cancelled", "paid")).toBe(false);
    expect(canMoveOrder("quote_requested", "paid")).toBe(false);
    expect(canMoveOrder("paid", "cancelled")).toBe(true);
  });
});

describe("order documents", () => {
  it("builds a short reference from the year and the id", () => {
    expect(orderReference(2026, "7f3a9c12-0000-4000-8000-000000000000")).toBe("CMD-2026-7F3A9C");
  });

  it("describes a session in French", () => {
    expect(sessionLabel({ startsOn: "2027-01-12", endsOn: "2027-01-12", place: "À distance", remote: true }, formatDate)).toBe("session du 12 janvier 2027 à distance");
    expect(sessionLabel({ startsOn: "2027-02-03", endsOn: "2027-02-04", place: "Lyon", remote: false }, formatDate)).toBe("session du 3 février 2027 au 4 février 2027 à Lyon");
  });
});
