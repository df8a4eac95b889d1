import { describe, expect, it } from "vitest";
import { enrolmentTimeline } from "./timeline";

const states = (status: Parameters<typeof enrolmentTimeline>[0], done?: number) => enrolmentTimeline(status, done).map((s) => s.state);

describe("enrolment timeline", () => {
  it("starts with enrolment as the current step", () => {
    expect(states(null)).toEqual(["current", "todo", "todo", "todo"]);
  });
  it("waits for payment after enrolment, and says so for an invoice", () => {
    expect(states("awaiting_payment")).toEqual(["done", "current", "todo", "todo"]);
    expect(enrolmentTimeline("confirmed")[1]?.label).toBe("Facture émise, paiement attendu");
  });
  it("counts audits while they run", () => {
    expect(enrolmentTimeline("in_audit", 9)[2]).toEqual({ label: "Audits mystères : 9 / 13 audits réalisés", state: "current" });
  });
  it("ends with published results", () => {
    expect(states("results_published")).toEqual(["done", "done", "done", "done"]);
  });
  it("shows a cancelled enrolment as such", () => {
    expect(enrolmentTimeline("cancelled")).toEqual([{ label: "Inscription annulée", state: "current" }]);
  });
});
