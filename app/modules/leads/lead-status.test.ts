import { describe, expect, it } from "vitest";
import {
  canMoveLead,
  describeLeadAudit,
  isContactOverdue,
  leadMoveError,
  leadNoteSchema,
  leadStatusChangeSchema,
  leadStatuses,
  leadStatusLabels,
  leadUpdateSchema,
  nextLeadStatuses,
  parseContactDate,
  parseLeadFilters,
  parisToday,
} from "./lead-status";

const update = (fields: Record<string, string>) => leadUpdateSchema.safeParse({ intent: "update", status: "nouveau", ...fields });
const firstMessage = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message;

describe("lead statuses", () => {
  it("has a French label for each status of the schema, in pipeline order", () => {
    expect(leadStatuses.map((s) => leadStatusLabels[s])).toEqual(["Nouveau", "Contacté", "Devis envoyé", "Gagné", "Perdu"]);
  });

  it("lets an open lead go to any other status, backwards included", () => {
    expect(nextLeadStatuses("nouveau")).toEqual(["contacte", "devis_envoye", "gagne", "perdu"]);
    expect(nextLeadStatuses("devis_envoye")).toEqual(["nouveau", "contacte", "gagne", "perdu"]);
    expect(canMoveLead("contacte", "nouveau")).toBe(true);
    expect(leadMoveError("nouveau", "gagne")).toBeNull();
  });

  it("only reopens a closed lead, to « Contacté »", () => {
    expect(nextLeadStatuses("gagne")).toEqual(["contacte"]);
    expect(nextLeadStatuses("perdu")).toEqual(["contacte"]);
    expect(canMoveLead("gagne", "perdu")).toBe(false);
    expect(canMoveLead("perdu", "nouveau")).toBe(false);
    expect(canMoveLead("perdu", "contacte")).toBe(true);
    expect(leadMoveError("gagne", "perdu")).toMatch(/rouvrez-le d'abord au statut « Contacté »/);
  });

  it("treats keeping the same status as no move", () => {
    expect(canMoveLead("gagne", "gagne")).toBe(true);
  });
});

describe("next contact", () => {
  it("reads the date input's ISO value and French dates", () => {
    expect(parseContactDate("2026-03-05")).toBe("2026-03-05");
    expect(parseContactDate("05/03/2026")).toBe("2026-03-05");
    expect(parseContactDate(" 5/3/2026 ")).toBe("2026-03-05");
  });

  it("refuses impossible or far-off days", () => {
    expect(parseContactDate("31/02/2026")).toBeNull();
    expect(parseContactDate("2026-13-01")).toBeNull();
    expect(parseContactDate("03/05/26")).toBeNull();
    expect(parseContactDate("01/01/1999")).toBeNull();
    expect(parseContactDate("demain")).toBeNull();
  });

  it("is overdue when past on an open lead only, in Paris days", () => {
    // 23:30 UTC on 31 March is already 1 April in Paris.
    const now = new Date("2026-03-31T23:30:00Z");
    expect(parisToday(now)).toBe("2026-04-01");
    expect(isContactOverdue({ status: "contacte", nextContactOn: "2026-03-31" }, now)).toBe(true);
    expect(isContactOverdue({ status: "contacte", nextContactOn: "2026-04-01" }, now)).toBe(false);
    expect(isContactOverdue({ status: "perdu", nextContactOn: "2026-03-01" }, now)).toBe(false);
    expect(isContactOverdue({ status: "nouveau", nextContactOn: null }, now)).toBe(false);
  });
});

describe("the lead's edit form", () => {
  it("turns French amounts into cents and empty fields into null", () => {
    const result = update({ status: "devis_envoye", assigneeId: "", nextContactOn: "2026-06-15", valueHt: "1 250,50" });
    expect(result.success && result.data).toEqual({ intent: "update", status: "devis_envoye", assigneeId: null, nextContactOn: "2026-06-15", valueHt: 125050 });
    expect(update({ valueHt: "1 250 €" }).data?.valueHt).toBe(125000);
    expect(update({ valueHt: "" }).data?.valueHt).toBeNull();
    expect(update({ nextContactOn: "" }).data?.nextContactOn).toBeNull();
    expect(update({}).data).toMatchObject({ assigneeId: null, nextContactOn: null, valueHt: null });
  });

  it("answers in French on bad input", () => {
    expect(firstMessage(update({ valueHt: "beaucoup" }))).toMatch(/Montant HT invalide/);
    expect(firstMessage(update({ valueHt: "-10" }))).toMatch(/Montant HT invalide/);
    expect(firstMessage(update({ nextContactOn: "32/01/2026" }))).toMatch(/Date de prochain contact invalide/);
    expect(firstMessage(update({ status: "signe" }))).toBe("Choisissez un statut dans la liste.");
    expect(firstMessage(update({ assigneeId: "quelqu'un" }))).toBe("Commercial inconnu.");
  });

  it("checks the quick status form and notes", () => {
    expect(leadStatusChangeSchema.safeParse({ intent: "status", leadId: "nope", status: "gagne" }).success).toBe(false);
    expect(leadNoteSchema.safeParse({ intent: "note", body: "  Rappeler la DGS lundi.  " }).data?.body).toBe("Rappeler la DGS lundi.");
    expect(firstMessage(leadNoteSchema.safeParse({ intent: "note", body: "   " }))).toBe("Écrivez la note.");
    expect(firstMessage(leadNoteSchema.safeParse({ intent: "note", body: "x".repeat(2001) }))).toMatch(/2 000 caractères au plus/);
    expect(leadNoteSchema.safeParse({ intent: "note", body: "x".repeat(2000) }).success).toBe(true);
  });
});

describe("list filters", () => {
  it("reads known values and ignores the others", () => {
    const id = "0b5d7c2e-6a1f-4c3b-9d2e-1f2a3b4c5d6e";
    expect(parseLeadFilters(new URLSearchParams({ statut: "gagne", commercial: id, structure: " lyon ", relance: "en-retard", vue: "tableau", page: "3" }))).toEqual({
      query: { statut: "gagne", commercial: id, structure: "lyon", relance: "en-retard", vue: "tableau", page: 3 },
      filters: { status: "gagne", assignee: id, structure: "lyon", overdue: true },
      page: 3,
      view: "tableau",
    });
    const loose = parseLeadFilters(new URLSearchParams({ statut: "signe", commercial: "non-attribue", relance: "oui", vue: "kanban", page: "-1" }));
    expect(loose.filters).toEqual({ status: undefined, assignee: "none", structure: undefined, overdue: undefined });
    expect(loose.view).toBe("colonnes");
    expect(loose.page).toBe(1);
  });
});

describe("history", () => {
  it("describes each change in French", () => {
    const names = new Map([["u1", "Julien Commercial"]]);
    const details = JSON.stringify({
      status: { avant: "nouveau", après: "contacte" },
      assigneeId: { avant: null, après: "u1" },
      valueHtCents: { avant: null, après: 125050 },
      nextContactOn: { avant: "2026-03-05", après: null },
    });
    const lines = describeLeadAudit({ action: "lead.updated", details }, names).map((line) => line.replace(/\u202f|\u00a0/g, " "));
    expect(lines).toEqual(["Statut : Nouveau → Contacté", "Commercial : personne → Julien Commercial", "Valeur HT : — → 1 250,50 €", "Prochain contact : 5 mars 2026 → —"]);
    expect(describeLeadAudit({ action: "lead.opened", details: JSON.stringify({ order: "CMD-2026-0001" }) }, names)).toEqual(["Prospect ouvert par la demande CMD-2026-0001"]);
    expect(describeLeadAudit({ action: "lead.note_added", details: null }, names)).toEqual(["Note ajoutée"]);
  });
});
