import { describe, expect, it } from "vitest";
import { defaultAuditPlan } from "../editions/audit-plan";
import { auditSchedule } from "./schedule";

const window = { startsOn: "2027-05-03", endsOn: "2027-06-30" };

describe("audit schedule", () => {
  it("numbers the audits in the plan's channel order, 13 with the on-site visit, 12 without", () => {
    const full = auditSchedule(defaultAuditPlan, { withOnsiteVisit: true, ...window });
    expect(full.map((a) => `${a.number}:${a.channel}`).join(" ")).toBe(
      "1:telephone 2:telephone 3:telephone 4:telephone 5:courriel 6:courriel 7:courriel 8:courrier 9:site 10:site 11:reseaux_sociaux 12:reseaux_sociaux 13:accueil_physique",
    );
    const withoutVisit = auditSchedule(defaultAuditPlan, { withOnsiteVisit: false, ...window });
    expect(withoutVisit.map(({ number, channel, scenario }) => ({ number, channel, scenario }))).toEqual(full.slice(0, 12).map(({ number, channel, scenario }) => ({ number, channel, scenario })));
  });

  it("spreads each channel over the window, on working days, from its first to its last day", () => {
    const schedule = auditSchedule(defaultAuditPlan, { withOnsiteVisit: true, ...window });
    const dates = schedule.map((a) => a.plannedOn);
    for (const date of dates) {
      expect(date >= window.startsOn && date <= window.endsOn).toBe(true);
      expect([0, 6]).not.toContain(new Date(`${date}T12:00:00Z`).getUTCDay());
    }
    expect([...dates].sort()[0]).toBe("2027-05-03");
    expect([...dates].sort().at(-1)).toBe("2027-06-30");
    const phone = schedule.filter((a) => a.channel === "telephone").map((a) => a.plannedOn);
    expect(phone[0]! < "2027-05-20" && phone[3]! > "2027-06-10").toBe(true);
  });

  it("gives each audit of a channel its own scenario", () => {
    const schedule = auditSchedule(defaultAuditPlan, { withOnsiteVisit: true, ...window });
    expect(schedule[0]!.scenario).toBe("Demande d'acte de naissance par téléphone");
    for (const channel of ["telephone", "courriel", "site", "reseaux_sociaux"]) {
      const scenarios = schedule.filter((a) => a.channel === channel).map((a) => a.scenario);
      expect(new Set(scenarios).size).toBe(scenarios.length);
    }
  });
});
