import { reminderWindowOpen, sendWeeklyReminders } from "../action-plan/reminders.server";
import { sendInvoiceReminders } from "../billing/notifications.server";
import { drainOutbox } from "../mail/outbox.server";
import { sendWeeklyDigest } from "../practices/digest.server";
import { purgeExpiredData } from "../retention/retention.server";

type Job = { name: string; everyMs: number; run: () => Promise<unknown> };

/** Periodic jobs of this instance; each job is safe to run on several instances at once. */
export const jobs: Job[] = [
  { name: "outbox", everyMs: 5_000, run: () => drainOutbox() },
  { name: "invoice-reminders", everyMs: 60 * 60_000, run: () => sendInvoiceReminders() },
  // Hourly check; sends from Monday 08:00 (Paris), once per person and ISO week (see reminders.server.ts).
  { name: "action-reminders", everyMs: 60 * 60_000, run: async () => (reminderWindowOpen(new Date()) ? sendWeeklyReminders() : null) },
  // Every 10 minutes; sends from Monday 09:00 (Paris), once per subscriber and practice (see digest.server.ts).
  { name: "practice-digest", everyMs: 10 * 60_000, run: () => sendWeeklyDigest() },
  // Hourly: the retention periods of the personal-data page (see retention.server.ts).
  { name: "retention", everyMs: 60 * 60_000, run: () => purgeExpiredData() },
];

export function startJobs(): () => void {
  const timers = jobs.map((job) => {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      job
        .run()
        .catch((error) => console.error(JSON.stringify({ level: "error", msg: `job ${job.name} failed`, error: String(error) })))
        .finally(() => {
          running = false;
        });
    }, job.everyMs);
    timer.unref();
    return timer;
  });
  return () => timers.forEach(clearInterval);
}
