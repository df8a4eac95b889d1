/**
 * The weekly reminder: each person owning actions due within 7 days or late gets ONE digest a week,
 * listing them by structure. Runs in the system context (every structure at once).
 *
 * Sent once even when several app instances run the job: the digest row (person × ISO week, primary
 * key) is claimed with `insert … on conflict do nothing returning` in the same transaction as the
 * e-mail is written to the outbox. A concurrent claimer waits on the row, then finds it taken and
 * sends nothing; a claim whose transaction fails is rolled back with its e-mail, so a later run
 * sends it. The outbox's idempotency key is a second lock on the same message.
 */
import { getISODay, getISOWeek, getISOWeekYear, parseISO } from "date-fns";
import { and, asc, eq, inArray, isNotNull, lte, notExists, sql, isNull } from "drizzle-orm";
import { db } from "../../../db/client";
import { actionReminderDigests, actions, memberships, tenants, users } from "../../../db/schema";
import { env } from "~/env.server";
import { formatDate } from "~/utils/format";
import { enqueueEmail } from "../mail/outbox.server";
import type { EmailProps } from "../mail/templates.server";
import { dueSoonLimit, isOverdue, parisDay } from "./rules";

/** The ISO week of `now`'s day in Paris, e.g. "2026-W48". */
export function reminderWeek(now: Date): string {
  const day = parseISO(parisDay(now));
  return `${getISOWeekYear(day)}-W${String(getISOWeek(day)).padStart(2, "0")}`;
}

const parisHour = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", hour: "2-digit", hourCycle: "h23" });

/**
 * The scheduler checks every hour and sends from Monday 08:00 (Paris) on: the digest arrives at
 * the start of the working week, and a later run in the same week reaches whoever had nothing due
 * on Monday (or was missed while the service was down). The weekly claim makes the other runs no-ops.
 */
export function reminderWindowOpen(now: Date): boolean {
  return getISODay(parseISO(parisDay(now))) > 1 || Number(parisHour.format(now)) >= 8;
}

export async function sendWeeklyReminders(now = new Date()): Promise<{ week: string; sent: number; failed: number }> {
  const week = reminderWeek(now);
  const rows = await db()
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      actionId: actions.id,
      title: actions.title,
      dueOn: actions.dueOn,
      status: actions.status,
      tenantName: tenants.name,
      slug: tenants.slug,
    })
    .from(actions)
    .innerJoin(users, eq(users.id, actions.ownerUserId))
    .innerJoin(tenants, eq(tenants.id, actions.tenantId))
    // Someone who left the structure is not reminded of its actions (the links would be 404s).
    .innerJoin(memberships, and(eq(memberships.tenantId, actions.tenantId), eq(memberships.userId, actions.ownerUserId)))
    .where(
      // `isDueSoon`, in SQL: open, with a due date at most 7 Paris days ahead (or past).
      and(
        inArray(actions.status, ["a_faire", "en_cours"]),
        isNull(actions.deletedAt),
        isNotNull(actions.dueOn),
        lte(actions.dueOn, dueSoonLimit(now)),
        notExists(
          db()
            .select({ one: sql`1` })
            .from(actionReminderDigests)
            .where(and(eq(actionReminderDigests.userId, actions.ownerUserId), eq(actionReminderDigests.week, week))),
        ),
      ),
    )
    .orderBy(asc(users.id), asc(tenants.name), asc(tenants.slug), asc(actions.dueOn), asc(actions.title), asc(actions.id));

  const byOwner = new Map<string, typeof rows>();
  for (const row of rows) {
    const list = byOwner.get(row.userId);
    if (list) list.push(row);
    else byOwner.set(row.userId, [row]);
  }

  let sent = 0;
  let failed = 0;
  for (const [userId, owned] of byOwner) {
    try {
      if (await claimAndEnqueue(userId, week, owned, now)) sent++;
    } catch (error) {
      // One person's failure must not keep the others' digests back; the next run retries it.
      failed++;
      console.error(JSON.stringify({ level: "error", msg: "action reminder failed", userId, week, error: String(error) }));
    }
  }
  return { week, sent, failed };
}

type OwnedAction = { email: string; name: string | null; actionId: string; title: string; dueOn: string | null; status: string; tenantName: string; slug: string };

async function claimAndEnqueue(userId: string, week: string, owned: OwnedAction[], now: Date): Promise<boolean> {
  const appUrl = env().APP_URL;
  const structures: EmailProps<"action-reminder">["structures"] = [];
  for (const action of owned) {
    const planUrl = `${appUrl}/t/${action.slug}/plan-action`;
    let structure = structures.find((s) => s.planUrl === planUrl);
    if (!structure) structures.push((structure = { tenantName: action.tenantName, planUrl, actions: [] }));
    structure.actions.push({ title: action.title, dueDate: formatDate(action.dueOn!), overdue: isOverdue(action, now), url: `${planUrl}/${action.actionId}` });
  }
  const { email, name } = owned[0]!;
  return db().transaction(async (tx) => {
    const claimed = await tx.insert(actionReminderDigests).values({ userId, week, actions: owned.length }).onConflictDoNothing().returning({ userId: actionReminderDigests.userId });
    if (claimed.length === 0) return false;
    await enqueueEmail(
      {
        template: "action-reminder",
        to: email,
        idempotencyKey: `action-reminder:${userId}:${week}`,
        props: { name, structures, spaceUrl: `${appUrl}/mon-espace` },
      },
      tx,
    );
    return true;
  });
}
