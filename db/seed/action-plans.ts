import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import type { Database } from "../client";
import { actionComments, actions, editions, tenants, users } from "../schema";
import { parisDay } from "../../app/modules/action-plan/rules";

type Step = { status: "a_faire" | "en_cours" | "fait" | "abandonne"; owner?: string; dueInDays?: number; comment?: string };

/**
 * What the demo structures did with the plans their results proposed: the older plan mostly done
 * (so the newer results show "avant / après"), the newer one under way, with a late action and
 * one due this week. Dates are relative to today. Idempotent: a plan already followed is left as is.
 */
const demoPlans: Record<string, Record<number, Step[]>> = {
  villeurbanne: {
    2022: [
      { status: "fait", owner: "qualite@villeurbanne.example", comment: "Script d'accueil téléphonique revu avec l'équipe, affiché à chaque poste." },
      { status: "fait", owner: "accueil@villeurbanne.example" },
      { status: "abandonne", comment: "Remplacé par le projet de gestion de la relation usager." },
      { status: "fait", owner: "accueil@villeurbanne.example" },
    ],
    2023: [
      { status: "en_cours", owner: "qualite@villeurbanne.example", dueInDays: -12, comment: "Premier point d'étape fait avec la direction de la communication." },
      { status: "a_faire", owner: "accueil@villeurbanne.example", dueInDays: 5 },
      { status: "en_cours", owner: "accueil@villeurbanne.example", dueInDays: 40 },
      { status: "fait", owner: "qualite@villeurbanne.example" },
    ],
  },
  lambersart: {
    2023: [
      { status: "en_cours", owner: "qualite@lambersart.example", dueInDays: -3 },
      { status: "fait", owner: "qualite@lambersart.example" },
      { status: "a_faire", owner: "qualite@lambersart.example", dueInDays: 20 },
    ],
  },
};

export async function seedDemoPlans(database: Database, today = new Date()) {
  for (const [slug, plans] of Object.entries(demoPlans)) {
    const [tenant] = await database.select().from(tenants).where(eq(tenants.slug, slug));
    if (!tenant) continue;
    const [followed] = await database.select({ id: actions.id }).from(actions).where(and(eq(actions.tenantId, tenant.id), isNotNull(actions.ownerUserId))).limit(1);
    if (followed) continue;
    const people = await database.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, Object.values(plans).flat().flatMap((s) => (s.owner ? [s.owner] : []))));
    const idOf = (email?: string) => people.find((p) => p.email === email)?.id ?? null;
    for (const [year, steps] of Object.entries(plans)) {
      const plan = await database
        .select({ id: actions.id })
        .from(actions)
        .innerJoin(editions, eq(editions.id, actions.editionId))
        .where(and(eq(actions.tenantId, tenant.id), eq(editions.year, Number(year))))
        .orderBy(asc(actions.createdAt), asc(actions.id));
      for (const [index, step] of steps.entries()) {
        const action = plan[index];
        if (!action) break;
        await database
          .update(actions)
          .set({
            status: step.status,
            ownerUserId: idOf(step.owner),
            dueOn: step.dueInDays === undefined ? null : parisDay(new Date(today.getTime() + step.dueInDays * 86_400_000)),
            completedAt: step.status === "fait" ? new Date(`${Number(year) + 1}-03-15T10:00:00Z`) : null,
          })
          .where(and(eq(actions.tenantId, tenant.id), eq(actions.id, action.id)));
        if (step.comment) await database.insert(actionComments).values({ tenantId: tenant.id, actionId: action.id, authorUserId: idOf(step.owner) ?? idOf("qualite@villeurbanne.example"), body: step.comment });
      }
    }
  }
}
