import { like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { actionReminderDigests, actions, emailOutbox } from "../../../db/schema";
import { addMember, emailsTo, makeTenant, makeUser } from "../../../db/testing/factories";
import { useTestDatabase } from "../../../db/testing/test-database";
import { env } from "~/env.server";
import { reminderWeek, reminderWindowOpen, sendWeeklyReminders } from "./reminders.server";

useTestDatabase();

/** Monday 23 November 2026, 09:30 in Paris: ISO week 2026-W48; "within 7 days" ends on 30 November. */
const monday = new Date("2026-11-23T08:30:00Z");
const nextMonday = new Date("2026-11-30T08:30:00Z");

type Person = Awaited<ReturnType<typeof makeUser>>;
let alpha: Awaited<ReturnType<typeof makeTenant>>;
let beta: Awaited<ReturnType<typeof makeTenant>>;
let alice: Person, bob: Person, dave: Person, erin: Person;
const ids: Record<string, string> = {};

async function action(key: string, tenantId: string, owner: Person | null, dueOn: string | null, status: "a_faire" | "en_cours" | "fait" | "abandonne" = "a_faire") {
  const [row] = await db()
    .insert(actions)
    .values({ tenantId, title: `Action ${key}`, ownerUserId: owner?.id ?? null, dueOn, status })
    .returning({ id: actions.id });
  ids[key] = row!.id;
}

const remindersTo = async (person: Person) => (await emailsTo(person.email)).filter((m) => m.template === "action-reminder");

beforeAll(async () => {
  alpha = await makeTenant({ name: "Ville d'Alpha" });
  beta = await makeTenant({ name: "Ville de Bêta" });
  [alice, bob, dave, erin] = [await makeUser({ name: "Alice" }), await makeUser(), await makeUser(), await makeUser()];
  await addMember(alpha.id, alice.id, "member");
  await addMember(beta.id, alice.id, "owner");
  await addMember(alpha.id, bob.id, "member");
  await addMember(beta.id, dave.id, "member");
  // Erin left Alpha: she still owns one of its actions, but is not reminded of it.
  await addMember(beta.id, erin.id, "viewer");

  await action("alice-soon", alpha.id, alice, "2026-11-27");
  await action("alice-late", alpha.id, alice, "2026-11-20", "en_cours");
  await action("alice-limit", beta.id, alice, "2026-11-30");
  await action("bob-far", alpha.id, bob, "2026-12-20");
  await action("bob-done", alpha.id, bob, "2026-11-20", "fait");
  await action("bob-abandoned", alpha.id, bob, "2026-11-25", "abandonne");
  await action("bob-undated", alpha.id, bob, null);
  await action("nobody", alpha.id, null, "2026-11-24");
  await action("erin-left", alpha.id, erin, "2026-11-24");
  await action("dave-today", beta.id, dave, "2026-11-23");
  await action("dave-next-week", beta.id, dave, "2026-12-01");
});

describe("the weekly action reminder", () => {
  it("names the ISO week of the Paris day and opens on Monday at 08:00 in Paris", () => {
    expect(reminderWeek(monday)).toBe("2026-W48");
    // Sunday 23:30 UTC is already Monday in Paris.
    expect(reminderWeek(new Date("2026-11-29T23:30:00Z"))).toBe("2026-W49");
    expect(reminderWeek(new Date("2027-01-01T12:00:00Z"))).toBe("2026-W53");
    expect(reminderWindowOpen(new Date("2026-11-23T06:59:00Z"))).toBe(false); // Monday 07:59 in Paris
    expect(reminderWindowOpen(new Date("2026-11-23T07:00:00Z"))).toBe(true); // Monday 08:00
    expect(reminderWindowOpen(new Date("2026-11-26T03:00:00Z"))).toBe(true); // Thursday night
    expect(reminderWindowOpen(new Date("2026-11-29T22:59:00Z"))).toBe(true); // Sunday 23:59
  });

  it("sends each owner exactly one digest when two instances run the job at once", async () => {
    const runs = await Promise.all([sendWeeklyReminders(monday), sendWeeklyReminders(monday), sendWeeklyReminders(monday)]);
    expect(runs.map((r) => r.week)).toEqual(["2026-W48", "2026-W48", "2026-W48"]);
    expect(runs.reduce((sum, r) => sum + r.sent, 0)).toBe(2);
    expect(runs.every((r) => r.failed === 0)).toBe(true);

    const [toAlice] = await remindersTo(alice);
    expect(await remindersTo(alice)).toHaveLength(1);
    expect(toAlice!.idempotencyKey).toBe(`action-reminder:${alice.id}:2026-W48`);
    expect(toAlice!.subject).toBe("Plan d'action : 3 actions à traiter cette semaine, dont 1 en retard");
    expect(toAlice!.text).toContain("Bonjour Alice,");
    // Grouped by structure, by due date within each.
    const text = toAlice!.text;
    expect(text.indexOf("Ville d'Alpha")).toBeLessThan(text.indexOf("Action alice-late"));
    expect(text.indexOf("Action alice-late")).toBeLessThan(text.indexOf("Action alice-soon"));
    expect(text.indexOf("Action alice-soon")).toBeLessThan(text.indexOf("Ville de Bêta"));
    expect(text.indexOf("Ville de Bêta")).toBeLessThan(text.indexOf("Action alice-limit"));
    expect(text).toContain("Échéance le 20 novembre 2026 — en retard");
    expect(text).toContain("Échéance le 27 novembre 2026\n");
    expect(text).toContain(`${env().APP_URL}/t/${alpha.slug}/plan-action/${ids["alice-soon"]}`);
    expect(text).toContain(`${env().APP_URL}/t/${beta.slug}/plan-action/${ids["alice-limit"]}`);
    expect(text).not.toContain("next-week");

    const toDave = await remindersTo(dave);
    expect(toDave).toHaveLength(1);
    expect(toDave[0]!.subject).toBe("Plan d'action : 1 action à échéance cette semaine");
    expect(toDave[0]!.text).not.toContain("Action dave-next-week");

    // Far, done, abandoned or undated actions, and a former member's, send nothing.
    expect(await remindersTo(bob)).toEqual([]);
    expect(await remindersTo(erin)).toEqual([]);
    const digests = await db().select().from(actionReminderDigests);
    expect(digests.map((d) => [d.userId, d.week, d.actions]).sort()).toEqual(
      [
        [alice.id, "2026-W48", 3],
        [dave.id, "2026-W48", 1],
      ].sort(),
    );
  });

  it("sends nothing more in the same week, even for an action that became due since", async () => {
    await action("alice-new", alpha.id, alice, "2026-11-26");
    await action("bob-new", alpha.id, bob, "2026-11-26");
    const later = new Date("2026-11-25T15:00:00Z");
    expect(await sendWeeklyReminders(later)).toEqual({ week: "2026-W48", sent: 1, failed: 0 });
    expect(await remindersTo(alice)).toHaveLength(1);
    // Bob had nothing due on Monday: his first digest of the week goes out on Wednesday.
    expect(await remindersTo(bob)).toHaveLength(1);
    expect(await sendWeeklyReminders(later)).toEqual({ week: "2026-W48", sent: 0, failed: 0 });
  });

  it("sends again the next week", async () => {
    const runs = await Promise.all([sendWeeklyReminders(nextMonday), sendWeeklyReminders(nextMonday)]);
    expect(runs.reduce((sum, r) => sum + r.sent, 0)).toBe(3);
    const week49 = await db().select().from(emailOutbox).where(like(emailOutbox.idempotencyKey, "action-reminder:%:2026-W49"));
    expect(week49.map((m) => m.toAddress).sort()).toEqual([alice.email, bob.email, dave.email].sort());
    const [toDave] = (await remindersTo(dave)).filter((m) => m.idempotencyKey.endsWith("2026-W49"));
    // The action due today last week is late now; the one due on 1 December is within 7 days.
    expect(toDave!.subject).toBe("Plan d'action : 2 actions à traiter cette semaine, dont 1 en retard");
    expect(toDave!.text).toContain("Action dave-next-week");
  });
});
