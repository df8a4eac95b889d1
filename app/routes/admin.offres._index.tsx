import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { OfferForm } from "~/components/offer-form";
import { requireStaff } from "~/modules/auth/guards.server";
import { createOffer, listOffersForStaff, nextOfferPosition } from "~/modules/offers/catalogue-admin.server";
import { offerFormDefaults, offerKindLabels, offerSchema, priceLabel } from "~/modules/offers/catalogue-schema";

export const meta: MetaFunction = () => [{ title: "Catalogue des offres | Back-office | Baromètre Expérience Citoyen" }];

/** Sales read the catalogue; only admins change it. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { roles } = await requireStaff(request, ["admin", "sales"]);
  const [rows, position] = await Promise.all([listOffersForStaff(), nextOfferPosition()]);
  return {
    canEdit: roles.includes("admin"),
    defaultValue: offerFormDefaults(null, position),
    offers: rows.map((o) => ({
      code: o.code,
      title: o.title,
      kind: offerKindLabels[o.kind],
      price: priceLabel(o.priceHtCents),
      position: o.position,
      active: o.active,
      sessions: o.kind === "formation" ? `${o.upcomingSessionCount} à venir (${o.sessionCount} au total)` : "—",
      seatsLeft: o.kind === "formation" ? o.upcomingSeatsLeft : null,
      orderCount: o.orderCount,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireStaff(request, ["admin"]);
  const formData = await request.formData();
  if (formData.get("intent") !== "create") throw new Response("Action inconnue", { status: 400 });
  const submission = parseWithZod(formData, { schema: offerSchema });
  if (submission.status !== "success") return { result: submission.reply() };
  const outcome = await createOffer(user.id, submission.value);
  if (!outcome.ok) return { result: submission.reply({ fieldErrors: outcome.fieldErrors }) };
  return redirect(`/admin/offres/${outcome.value.code}?message=creee`);
}

export default function AdminOffers() {
  const { offers, canEdit, defaultValue } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack">
      <h1>Catalogue des offres</h1>
      <p>
        Les services proposés aux structures après le baromètre : diagnostic interne, formations, diagnostic flash, certifications et labels. Une offre désactivée disparaît du catalogue des
        structures ; les commandes déjà passées sont conservées.
      </p>
      <p>
        <a className="btn btn-tertiary" href="/admin/offres.csv">
          Exporter en CSV
        </a>
      </p>
      {offers.length === 0 ? (
        <p>Aucune offre au catalogue.</p>
      ) : (
        <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-offres">
          <table className="table">
            <caption id="legende-offres">Offres du catalogue ({offers.length}), par position</caption>
            <thead>
              <tr>
                <th scope="col" className="numeric">
                  Position
                </th>
                <th scope="col">Offre</th>
                <th scope="col">Type</th>
                <th scope="col" className="numeric">
                  Prix
                </th>
                <th scope="col">Sessions</th>
                <th scope="col" className="numeric">
                  Places restantes
                </th>
                <th scope="col" className="numeric">
                  Commandes
                </th>
                <th scope="col">Statut</th>
              </tr>
            </thead>
            <tbody>
              {offers.map((o) => (
                <tr key={o.code}>
                  <td className="numeric">{o.position}</td>
                  <th scope="row">
                    <Link to={`/admin/offres/${o.code}`}>{o.title}</Link>
                    <br />
                    <span className="muted">{o.code}</span>
                  </th>
                  <td>{o.kind}</td>
                  <td className="numeric">{o.price}</td>
                  <td>{o.sessions}</td>
                  <td className="numeric">{o.seatsLeft ?? "—"}</td>
                  <td className="numeric">{o.orderCount}</td>
                  <td>{o.active ? <span className="badge badge-success">Active</span> : <span className="badge badge-neutral">Inactive</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit ? (
        <section className="card stack" aria-labelledby="titre-nouvelle-offre">
          <h2 id="titre-nouvelle-offre">Créer une offre</h2>
          <OfferForm id="nouvelle-offre" intent="create" defaultValue={defaultValue} lastResult={actionData?.result} codeLocked={false} submitLabel="Créer l'offre" />
        </section>
      ) : (
        <p className="muted">Lecture seule : seuls les administrateurs modifient le catalogue.</p>
      )}
    </div>
  );
}
