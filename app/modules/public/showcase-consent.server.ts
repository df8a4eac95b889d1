import { asc, desc, eq } from "drizzle-orm";
import { db } from "../../../db/client";
import { laureates, tenants } from "../../../db/schema";
import { inTenant } from "../../../db/tenant-context";
import { recordAudit } from "../audit-log/audit-log.server";
import type { TenantContext } from "../tenancy/guard.server";
import { categoryLabel, laureatePath, mentionLabel } from "./laureates";

/*
 * A structure's consent to be named and linked on the public laureates' pages. Withdrawing it
 * unlinks nothing: the linked entries simply stop being public (the public reads check the
 * consent on every request), and come back if the consent is given again.
 */

/** The structure's consent and the laureate entries AFNOR linked to it. */
export async function showcaseOf(ctx: TenantContext) {
  return inTenant(db(), ctx.tenant.id, async (tx) => {
    const [tenant] = await tx.select({ consentAt: tenants.showcaseConsentAt }).from(tenants).where(eq(tenants.id, ctx.tenant.id));
    const entries = await tx
      .select({
        id: laureates.id,
        year: laureates.year,
        category: laureates.category,
        mention: laureates.mention,
        name: laureates.name,
        slug: laureates.slug,
        publishedAt: laureates.publishedAt,
      })
      .from(laureates)
      .where(eq(laureates.linkedTenantId, ctx.tenant.id))
      .orderBy(desc(laureates.year), asc(laureates.name));
    const consentAt = tenant?.consentAt ?? null;
    return {
      consentAt,
      entries: entries.map((entry) => ({
        ...entry,
        categoryLabel: categoryLabel(entry.category),
        mentionLabel: mentionLabel(entry.mention),
        url: laureatePath(entry),
        isPublic: entry.publishedAt !== null && consentAt !== null,
      })),
    };
  });
}

/** Gives or withdraws the consent; audited only when it changes. Returns the French confirmation. */
export async function setShowcaseConsent(ctx: TenantContext, consent: boolean, now = new Date()) {
  return inTenant(db(), ctx.tenant.id, async (tx) => {
    const [current] = await tx.select({ consentAt: tenants.showcaseConsentAt }).from(tenants).where(eq(tenants.id, ctx.tenant.id)).for("update");
    const had = Boolean(current?.consentAt);
    if (had === consent) return consent ? "Votre accord était déjà enregistré." : "Aucun accord n'était enregistré.";
    await tx
      .update(tenants)
      .set({ showcaseConsentAt: consent ? now : null })
      .where(eq(tenants.id, ctx.tenant.id));
    await recordAudit(tx, {
      tenantId: ctx.tenant.id,
      actorUserId: ctx.user.id,
      action: consent ? "tenant.showcase_consent_given" : "tenant.showcase_consent_withdrawn",
      targetType: "tenant",
      targetId: ctx.tenant.id,
    });
    return consent
      ? "Votre accord est enregistré : votre structure peut être nommée et liée sur les pages publiques des lauréats."
      : "Votre accord est retiré : les fiches de lauréat liées à votre structure ne sont plus visibles sur les pages publiques.";
  });
}
