import { describe, expect, it } from "vitest";
import {
  addDays,
  commercialPeriod,
  csvPercent,
  dashboardQuery,
  daysBetween,
  formatPercent,
  formatVariation,
  funnelSteps,
  groupOrders,
  leadPipeline,
  orderGroupOf,
  parisToday,
  pickEditionYear,
  sameDateCutoff,
  variation,
} from "./dashboard";

describe("calendar days", () => {
  it("adds days across months, leap days and years", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2023-02-28", 1)).toBe("2023-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2027-03-01", -1)).toBe("2027-02-28");
  });
  it("counts whole days, whatever the daylight-saving change", () => {
    expect(daysBetween("2027-03-20", "2027-04-05")).toBe(16);
    expect(daysBetween("2027-02-07", "2027-02-07")).toBe(0);
    expect(daysBetween("2027-02-10", "2027-02-07")).toBe(-3);
  });
  it("reads today's date in Paris", () => {
    // 23:30 UTC on 31 December is already 1 January in Paris.
    expect(parisToday(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
    expect(parisToday(new Date("2027-06-30T21:59:00Z"))).toBe("2027-06-30");
  });
});

describe("commercial period", () => {
  it("runs from the opening to today for the newest edition", () => {
    expect(commercialPeriod("2027-02-07", null, "2027-03-09")).toEqual({
      from: "2027-02-07",
      to: null,
      asOf: "2027-03-09",
      dayOffset: 30,
    });
  });
  it("ends on the eve of the next edition's opening, and is read then once over", () => {
    expect(commercialPeriod("2022-02-07", "2023-02-07", "2027-03-09")).toEqual({
      from: "2022-02-07",
      to: "2023-02-06",
      asOf: "2023-02-06",
      dayOffset: 364,
    });
  });
  it("is read today while the next edition has not opened yet", () => {
    expect(commercialPeriod("2026-02-07", "2027-02-07", "2026-12-06").asOf).toBe("2026-12-06");
  });
  it("is never read before its opening", () => {
    expect(commercialPeriod("2028-02-07", null, "2027-12-01")).toMatchObject({
      asOf: "2028-02-07",
      dayOffset: 0,
    });
  });
});

describe("same date last edition", () => {
  it("takes as many days after the previous opening as the current edition has run", () => {
    const { dayOffset } = commercialPeriod("2027-02-01", null, "2027-03-03");
    expect(dayOffset).toBe(30);
    expect(sameDateCutoff("2026-02-07", dayOffset)).toBe("2026-03-09");
  });
  it("never goes before the previous opening", () => {
    expect(sameDateCutoff("2026-02-07", -5)).toBe("2026-02-07");
  });
});

describe("variations", () => {
  it("gives the difference and the percentage", () => {
    expect(variation(120, 100)).toEqual({ delta: 20, percent: 20 });
    expect(variation(75, 100)).toEqual({ delta: -25, percent: -25 });
  });
  it("has no percentage without a previous value", () => {
    expect(variation(5, 0)).toEqual({ delta: 5, percent: null });
  });
  it("formats them the French way", () => {
    expect(formatVariation(variation(120, 100))).toBe("+20\u00a0%");
    expect(formatVariation(variation(2, 3))).toBe("\u221233,3\u00a0%");
    expect(formatVariation(variation(100, 100))).toBe("0\u00a0%");
    expect(formatVariation(variation(5, 0))).toBe("—");
    expect(formatPercent(12.345)).toBe("12,3\u00a0%");
    expect(formatPercent(null)).toBe("—");
    expect(csvPercent(-33.333)).toBe("-33,3");
    expect(csvPercent(1234.5)).toBe("1234,5");
    expect(csvPercent(null)).toBe("");
  });
});

describe("funnel", () => {
  it("lists the five steps in order with conversions from the previous and the first step", () => {
    const steps = funnelSteps({
      accounts: 200,
      structures: 100,
      enrolled: 50,
      paid: 40,
      published: 0,
    });
    expect(steps.map((s) => s.label)).toEqual(["Comptes créés", "Structures créées", "Structures inscrites", "Inscriptions payées", "Résultats publiés"]);
    expect(steps.map((s) => s.fromPrevious)).toEqual([null, 50, 50, 80, 0]);
    expect(steps.map((s) => s.fromFirst)).toEqual([100, 50, 25, 20, 0]);
  });
  it("has no conversion after an empty step", () => {
    const steps = funnelSteps({
      accounts: 0,
      structures: 0,
      enrolled: 0,
      paid: 0,
      published: 0,
    });
    expect(steps.every((s) => s.fromPrevious === null && s.fromFirst === null)).toBe(true);
  });
});

describe("orders and leads", () => {
  it("groups order statuses the way sales read them", () => {
    expect(orderGroupOf("quote_requested")).toBe("devis");
    expect(orderGroupOf("awaiting_payment")).toBe("commandees");
    expect(orderGroupOf("confirmed")).toBe("commandees");
    expect(orderGroupOf("paid")).toBe("payees");
    expect(orderGroupOf("cancelled")).toBe("annulees");
    expect(orderGroupOf("other")).toBeNull();
  });
  it("sums orders per group, every group present", () => {
    const groups = groupOrders([
      { status: "awaiting_payment", count: 2, htCents: 1000 },
      { status: "confirmed", count: 1, htCents: 500 },
      { status: "paid", count: 1, htCents: 700 },
    ]);
    expect(groups.map((g) => [g.group, g.count, g.htCents])).toEqual([
      ["devis", 0, 0],
      ["commandees", 3, 1500],
      ["payees", 1, 700],
      ["annulees", 0, 0],
    ]);
    expect(groups[0]!.label).toBe("Devis demandés");
  });
  it("lists leads by status and totals the open pipeline", () => {
    const pipeline = leadPipeline([
      { status: "nouveau", count: 2, htCents: 300 },
      { status: "devis_envoye", count: 1, htCents: 1000 },
      { status: "gagne", count: 4, htCents: 9000 },
    ]);
    expect(pipeline.byStatus.map((r) => [r.label, r.count])).toEqual([
      ["Nouveau", 2],
      ["Contacté", 0],
      ["Devis envoyé", 1],
      ["Gagné", 4],
      ["Perdu", 0],
    ]);
    expect(pipeline.open).toEqual({ count: 3, htCents: 1300 });
  });
});

describe("edition picker", () => {
  const editions = [
    { year: 2025, status: "closed" },
    { year: 2027, status: "draft" },
    { year: 2026, status: "open" },
  ];
  it("shows the edition asked for", () => {
    expect(pickEditionYear(editions, 2025)).toEqual({
      year: 2025,
      unknown: false,
    });
  });
  it("defaults to the newest open edition, else the newest", () => {
    expect(pickEditionYear(editions, null)).toEqual({
      year: 2026,
      unknown: false,
    });
    expect(
      pickEditionYear(
        [
          { year: 2024, status: "closed" },
          { year: 2025, status: "closed" },
        ],
        null,
      ),
    ).toEqual({ year: 2025, unknown: false });
  });
  it("falls back to the default and says so for an unknown year", () => {
    expect(pickEditionYear(editions, 1999)).toEqual({
      year: 2026,
      unknown: true,
    });
    expect(pickEditionYear([], null)).toEqual({ year: null, unknown: false });
  });
});

describe("query string", () => {
  it("reads the edition year", () => {
    expect(dashboardQuery(new URLSearchParams("annee=2027"))).toEqual({
      year: 2027,
      error: null,
    });
    expect(dashboardQuery(new URLSearchParams(""))).toEqual({
      year: null,
      error: null,
    });
    expect(dashboardQuery(new URLSearchParams("annee="))).toEqual({
      year: null,
      error: null,
    });
  });
  it("explains a malformed year in French and falls back to the default edition", () => {
    const query = dashboardQuery(new URLSearchParams("annee=deux-mille"));
    expect(query.year).toBeNull();
    expect(query.error).toMatch(/quatre chiffres/);
  });
});
