import { env } from "~/env.server";
import { DEMO_PASSWORD, demoStaff, demoTenants } from "../../../db/seed";

const staffLabels = { admin: "administration", sales: "ventes", auditor: "audit" } as const;
const memberLabels = { owner: "responsable", member: "contributeur", viewer: "lecteur" } as const;

/** The demo accounts, listed on the login page in demo mode only. */
export function demoAccounts() {
  if (!env().DEMO) return null;
  return {
    password: DEMO_PASSWORD,
    accounts: [
      ...demoStaff.map((s) => ({ email: s.email, description: `AFNOR — ${staffLabels[s.role]}` })),
      ...demoTenants.flatMap((t) => t.members.map((m) => ({ email: m.email, description: `${t.name} — ${memberLabels[m.role]}` }))),
    ],
  };
}
