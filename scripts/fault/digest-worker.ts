import { initDatabase } from "../../db/bootstrap";

/*
 * The process that `npm run fault:digest` kills: the two jobs of the server's runner
 * (app/modules/jobs/runner.server.ts) that the weekly digest goes through, run at once instead
 * of on their timers: sendWeeklyDigest (claims and writes the e-mails to the outbox, batch by
 * batch) then drainOutbox until the outbox is empty. FAULT_NOW is the job's clock (a Monday
 * after 09:00, Paris). Prints one JSON line when done.
 */
const now = new Date(process.env.FAULT_NOW ?? "");
if (Number.isNaN(now.getTime())) {
  console.error("FAULT_NOW doit être une date ISO, par exemple 2026-11-23T08:30:00Z.");
  process.exit(1);
}
const handle = await initDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: ".data", demo: false });
const { sendWeeklyDigest } = await import("../../app/modules/practices/digest.server");
const { drainOutbox } = await import("../../app/modules/mail/outbox.server");
try {
  const digest = await sendWeeklyDigest(now);
  let sent = 0;
  let failed = 0;
  for (;;) {
    const round = await drainOutbox(20);
    sent += round.sent;
    failed += round.failed;
    if (round.sent + round.failed === 0) break;
  }
  console.log(JSON.stringify({ claimed: digest.sent, sent, failed }));
} finally {
  await handle.close();
}
