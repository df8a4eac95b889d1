import { describe, expect, it } from "vitest";
import { actionSchema, commentSchema, dueSoonLimit, isDueSoon, isOverdue, parisDay, statusSchema } from "./rules";

const open = (dueOn: string | null, status = "a_faire") => ({ dueOn, status });

describe("due dates are Paris calendar days", () => {
  it("turns the day at midnight in Paris, not in UTC", () => {
    // Winter (UTC+1): 22:59:59 UTC is still the 23rd in Paris, 23:00 UTC is the 24th.
    expect(parisDay(new Date("2026-11-23T22:59:59Z"))).toBe("2026-11-23");
    expect(parisDay(new Date("2026-11-23T23:00:00Z"))).toBe("2026-11-24");
    // Summer (UTC+2).
    expect(parisDay(new Date("2026-07-01T21:59:59Z"))).toBe("2026-07-01");
    expect(parisDay(new Date("2026-07-01T22:00:00Z"))).toBe("2026-07-02");
  });

  it("makes an action late from the day after its due date, at Paris midnight", () => {
    const due = open("2026-11-23");
    expect(isOverdue(due, new Date("2026-11-23T22:59:59Z"))).toBe(false);
    expect(isOverdue(due, new Date("2026-11-23T23:00:00Z"))).toBe(true);
    expect(isOverdue(open("2026-07-01", "en_cours"), new Date("2026-07-01T22:00:00Z"))).toBe(true);
  });

  it("never calls a done, abandoned or undated action late", () => {
    const later = new Date("2027-01-01T12:00:00Z");
    expect(isOverdue(open("2026-11-23", "fait"), later)).toBe(false);
    expect(isOverdue(open("2026-11-23", "abandonne"), later)).toBe(false);
    expect(isOverdue(open(null), later)).toBe(false);
  });

  it("lists as due soon what is late or due within 7 days, today included", () => {
    const now = new Date("2026-11-23T08:00:00Z");
    expect(isDueSoon(open("2026-10-01"), now)).toBe(true);
    expect(isDueSoon(open("2026-11-23", "en_cours"), now)).toBe(true);
    expect(isDueSoon(open("2026-11-30"), now)).toBe(true);
    expect(isDueSoon(open("2026-12-01"), now)).toBe(false);
    expect(isDueSoon(open("2026-11-24", "fait"), now)).toBe(false);
    expect(isDueSoon(open("2026-11-24", "abandonne"), now)).toBe(false);
    expect(isDueSoon(open(null), now)).toBe(false);
    expect(isDueSoon(open("2026-11-24"), now, 0)).toBe(false);
    expect(isDueSoon(open("2026-11-23"), now, 0)).toBe(true);
  });

  it("moves the 7-day window at Paris midnight", () => {
    expect(isDueSoon(open("2026-12-01"), new Date("2026-11-23T22:59:59Z"))).toBe(false);
    expect(isDueSoon(open("2026-12-01"), new Date("2026-11-23T23:00:00Z"))).toBe(true);
  });

  it("counts calendar days across a change of summer time", () => {
    // Sunday 25 October 2026, 00:30 in Paris; clocks go back at 03:00, so 7 × 24 h later is still the 31st.
    const now = new Date("2026-10-24T22:30:00Z");
    expect(dueSoonLimit(now)).toBe("2026-11-01");
    expect(isDueSoon(open("2026-11-01"), now)).toBe(true);
    expect(dueSoonLimit(new Date("2026-03-28T23:30:00Z"))).toBe("2026-04-05");
  });
});

describe("action form schemas", () => {
  const messages = (input: Record<string, unknown>) => {
    const result = actionSchema.safeParse(input);
    return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
  };

  it("accepts a title alone, with the default status and priority and empty fields as null", () => {
    expect(actionSchema.parse({ title: "  Revoir le script d'accueil  ", ownerUserId: "", dueOn: "", channel: "" })).toEqual({
      title: "Revoir le script d'accueil",
      description: "",
      status: "a_faire",
      priority: "moyenne",
      ownerUserId: null,
      dueOn: null,
      channel: null,
    });
  });

  it("refuses an empty or missing title in French", () => {
    expect(messages({ title: "   " })).toEqual({ title: "Donnez un titre à l'action (3 caractères au moins)." });
    expect(messages({})).toEqual({ title: "Donnez un titre à l'action." });
    expect(messages({ title: "x".repeat(201) })).toEqual({ title: "Titre trop long (200 caractères au plus)." });
  });

  it("refuses a due date that is no real date", () => {
    for (const dueOn of ["2027-02-31", "31/12/2027", "demain"]) expect(messages({ title: "Une action", dueOn })).toEqual({ dueOn: "Date d'échéance invalide (JJ/MM/AAAA)." });
    expect(actionSchema.parse({ title: "Une action", dueOn: "2027-02-28" }).dueOn).toBe("2027-02-28");
  });

  it("refuses forged choices with a French message", () => {
    expect(messages({ title: "Une action", status: "supprime" })).toEqual({ status: "Choisissez un statut." });
    expect(messages({ title: "Une action", priority: "urgente" })).toEqual({ priority: "Choisissez une priorité." });
    expect(messages({ title: "Une action", ownerUserId: "42" })).toEqual({ ownerUserId: "Responsable inconnu." });
    expect(messages({ title: "Une action", channel: "fax" })).toEqual({ channel: "Canal inconnu." });
    expect(statusSchema.safeParse({ status: "x" }).error?.issues[0]?.message).toBe("Statut inconnu.");
  });

  it("refuses an empty comment", () => {
    expect(commentSchema.safeParse({ body: "  " }).error?.issues[0]?.message).toBe("Écrivez un commentaire.");
    expect(commentSchema.safeParse({}).error?.issues[0]?.message).toBe("Écrivez un commentaire.");
    expect(commentSchema.parse({ body: " Fait le 3 mars. " })).toEqual({ body: "Fait le 3 mars." });
  });
});
