import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canTransition, enrolmentStatuses, enrolmentTransitions, transition, type EnrolmentStatus } from "./state-machine";

describe("enrolment state machine", () => {
  it("follows the card path and the invoice path", () => {
    const card: EnrolmentStatus[] = ["draft", "awaiting_payment", "paid", "in_audit", "results_published"];
    const invoice: EnrolmentStatus[] = ["draft", "awaiting_payment", "confirmed", "paid", "in_audit", "results_published"];
    for (const path of [card, invoice]) {
      for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1]!, path[i]!), `${path[i - 1]} → ${path[i]}`).toBe(true);
    }
  });

  it("refuses illegal moves with a French reason", () => {
    expect(transition("paid", "confirmed")).toEqual({ ok: false, reason: "Passage impossible de « Payée » à « Confirmée (facture émise) »." });
    expect(canTransition("draft", "paid")).toBe(false);
    expect(canTransition("results_published", "cancelled")).toBe(false);
    expect(canTransition("in_audit", "refunded")).toBe(false);
  });

  it("has terminal states with no way out", () => {
    for (const terminal of ["results_published", "cancelled", "refunded"] as const) expect(enrolmentTransitions[terminal]).toEqual([]);
  });

  it("never allows staying in place or going back along the payment path", () => {
    const order: EnrolmentStatus[] = ["draft", "awaiting_payment", "confirmed", "paid", "in_audit", "results_published"];
    fc.assert(
      fc.property(fc.constantFrom(...enrolmentStatuses), fc.constantFrom(...enrolmentStatuses), (from, to) => {
        if (from === to) return !canTransition(from, to);
        const a = order.indexOf(from);
        const b = order.indexOf(to);
        if (a >= 0 && b >= 0 && b < a) return !canTransition(from, to);
        return true;
      }),
    );
  });

  it("reaches every state from draft", () => {
    const seen = new Set<EnrolmentStatus>(["draft"]);
    const queue: EnrolmentStatus[] = ["draft"];
    while (queue.length) for (const next of enrolmentTransitions[queue.shift()!]) if (!seen.has(next)) seen.add(next), queue.push(next);
    expect([...seen].sort()).toEqual([...enrolmentStatuses].sort());
  });
});
