import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Notice } from "~/components/ui/field";
import { showcaseConsentSchema } from "~/modules/public/laureate-schema";
import { setShowcaseConsent, showcaseOf } from "~/modules/public/showcase-consent.server";
import { requireMembership } from "~/modules/tenancy/guard.server";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Vitrine des lauréats | Baromètre Expérience Citoyen" }];

/** The structure's owner decides whether it may be named and linked on the public laureates' pages. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMembership(request, params.tenant, "tenant.update");
  const { consentAt, entries } = await showcaseOf(ctx);
  return {
    tenantName: ctx.tenant.name,
    consentOn: consentAt ? formatDate(consentAt) : null,
    entries: entries.map((e) => ({ id: e.id, year: e.year, name: e.name, categoryLabel: e.categoryLabel, mentionLabel: e.mentionLabel, url: e.url, published: e.publishedAt !== null, isPublic: e.isPublic })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireMembership(request, params.tenant, "tenant.update");
  const parsed = showcaseConsentSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { tone: "error" as const, message: parsed.error.issues[0]?.message ?? "Saisie invalide." };
  return { tone: "success" as const, message: await setShowcaseConsent(ctx, parsed.data.consent === "oui") };
}

export default function ShowcaseConsentPage() {
  const { tenantName, consentOn, entries } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack stack-lg">
      <h1>Vitrine des lauréats</h1>
      <section className="stack stack-sm" aria-labelledby="vitrine-quoi">
        <h2 id="vitrine-quoi">De quoi s'agit-il ?</h2>
        <p>
          Les <Link to="/laureats">pages publiques des lauréats</Link> présentent, édition par édition, les structures distinguées par le baromètre et ce qu'elles ont mis
          en place. Elles sont lues par les citoyens et la presse, et reprises dans les <Link to="/donnees">données ouvertes</Link>.
        </p>
        <p>
          Avec votre accord, AFNOR peut relier une fiche de lauréat à {tenantName} sur ce portail : votre structure y est alors nommée. Sans votre accord, aucune fiche ne peut
          être reliée à votre structure.
        </p>
        <p>
          Vous pouvez retirer votre accord à tout moment : les fiches liées à votre structure disparaissent aussitôt des pages publiques, du plan du site et des données
          ouvertes. Elles ne sont pas supprimées et réapparaissent si vous donnez à nouveau votre accord.
        </p>
      </section>

      <section className="stack stack-sm" aria-labelledby="vitrine-fiches">
        <h2 id="vitrine-fiches">Fiches liées à votre structure</h2>
        {entries.length === 0 ? (
          <p>Aucune fiche de lauréat n'est liée à votre structure.</p>
        ) : (
          <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-fiches">
            <table className="table">
              <caption id="legende-fiches">Fiches de lauréat liées à {tenantName}</caption>
              <thead>
                <tr>
                  <th scope="col">Édition</th>
                  <th scope="col">Fiche</th>
                  <th scope="col">Catégorie</th>
                  <th scope="col">Visible du public</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id}>
                    <td>{e.year}</td>
                    <th scope="row">
                      {e.isPublic ? <Link to={e.url}>{e.name}</Link> : e.name}
                      {e.mentionLabel ? ` (${e.mentionLabel})` : ""}
                    </th>
                    <td>{e.categoryLabel}</td>
                    <td>{e.isPublic ? "Oui" : e.published ? "Non : accord non donné" : "Non : pas encore publiée par AFNOR"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="stack stack-sm" aria-labelledby="vitrine-accord">
        <h2 id="vitrine-accord">Votre accord</h2>
        <div aria-live="polite">{actionData ? <Notice tone={actionData.tone}>{actionData.message}</Notice> : null}</div>
        <p>{consentOn ? `Accord donné le ${consentOn}.` : "Aucun accord n'est enregistré."}</p>
        <Form method="post" className="stack stack-sm">
          <input type="hidden" name="intent" value="consent" />
          <div className="checkbox">
            <input type="checkbox" id="consentement-vitrine" name="consent" value="oui" defaultChecked={consentOn !== null} key={consentOn ?? "sans"} />
            <label htmlFor="consentement-vitrine">
              J'accepte que {tenantName} soit nommée et liée sur les pages publiques des lauréats du baromètre et dans les données ouvertes.
            </label>
          </div>
          <div>
            <button type="submit" className="btn">
              Enregistrer mon choix
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}
