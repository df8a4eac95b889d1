import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "~/utils/zod";
import { Notice } from "~/components/ui/field";
import { ladderSteps } from "~/modules/offers/ladder";
import { listCatalogue, recommendationFor, type CatalogueOffer } from "~/modules/offers/offers.server";
import { orderStatusLabels } from "~/modules/offers/order-rules";
import { listTenantOrders, resumeOrderPayment } from "~/modules/offers/orders.server";
import { requireMembership } from "~/modules/tenancy/guard.server";
import { can } from "~/modules/tenancy/permissions";
import { formatDate, formatEuros } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Offres | Baromètre Expérience Citoyen" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMembership(request, params.tenant, "results.read");
  const canOrder = can(ctx.role, "orders.manage") && !ctx.impersonating;
  const [recommendation, catalogue, orders] = await Promise.all([recommendationFor(ctx), listCatalogue(), listTenantOrders(ctx)]);
  const search = new URL(request.url).searchParams;
  return {
    slug: ctx.tenant.slug,
    tenantName: ctx.tenant.name,
    recommendation,
    catalogue,
    canOrder,
    notice: noticeFor(search),
    orders: orders.map((o) => ({
      ...o,
      statusLabel: orderStatusLabels[o.status],
      amount: o.totalTtcCents === null ? "Sur devis" : `${formatEuros(o.totalHtCents!)} HT (${formatEuros(o.totalTtcCents)} TTC)`,
      createdAt: formatDate(o.createdAt),
      payable: canOrder && o.status === "awaiting_payment" && o.paymentPath === "card",
    })),
  };
}

function noticeFor(search: URLSearchParams): { tone: "success" | "warning" | "error"; text: string } | null {
  const reference = /^CMD-\d{4}-[0-9A-F]{6}$/;
  const demande = search.get("demande");
  if (demande && reference.test(demande)) return { tone: "success", text: `Demande de devis ${demande} envoyée : un conseiller AFNOR vous recontacte sous deux jours ouvrés.` };
  const commande = search.get("commande");
  if (commande && reference.test(commande)) return { tone: "success", text: `Commande ${commande} enregistrée : la facture est envoyée au contact facturation.` };
  if (search.get("paiement") === "annule") return { tone: "warning", text: "Le paiement par carte a été interrompu : la commande attend son paiement, vous pouvez le reprendre ci-dessous." };
  if (search.get("erreur") === "paiement") return { tone: "error", text: "Votre commande est enregistrée, mais le paiement n'a pas pu être préparé. Réessayez dans quelques instants." };
  return null;
}

const payIntent = z.object({ intent: z.literal("pay"), orderId: z.uuid("Commande inconnue.") });

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireMembership(request, params.tenant, "orders.manage");
  const parsed = payIntent.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { message: parsed.error.issues[0]?.message ?? "Demande invalide." };
  const outcome = await resumeOrderPayment(ctx, parsed.data.orderId);
  if (!outcome) throw new Response("Commande introuvable", { status: 404 });
  return outcome.ok ? redirect(outcome.redirectTo) : { message: outcome.message };
}

const kindSections = [
  { kind: "diagnostic", title: "Diagnostic interne" },
  { kind: "formation", title: "Formations" },
  { kind: "diagnostic_flash", title: "Diagnostic flash" },
  { kind: "certification", title: "Certifications et labels" },
] as const;

const price = (cents: number | null) => (cents === null ? "Sur devis" : `${formatEuros(cents)} HT`);
const seatsText = (left: number) => (left <= 0 ? "complet" : left === 1 ? "1 place restante" : `${left} places restantes`);
const period = (startsOn: string, endsOn: string) => (startsOn === endsOn ? `le ${formatDate(startsOn)}` : `du ${formatDate(startsOn)} au ${formatDate(endsOn)}`);

export default function Offers() {
  const { slug, tenantName, recommendation, catalogue, canOrder, orders, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const currentIndex = ladderSteps.findIndex((s) => s.step === recommendation.step);
  return (
    <div className="stack">
      <div className="page-header">
        <h1>Offres</h1>
        <p className="lead">Les services d'AFNOR pour faire progresser la relation usager de {tenantName}, étape par étape.</p>
      </div>
      {notice ? <Notice tone={notice.tone}>{notice.text}</Notice> : null}
      {actionData?.message ? <Notice tone="error">{actionData.message}</Notice> : null}

      <section className="card stack" aria-labelledby="titre-prochaine-etape">
        <h2 id="titre-prochaine-etape">Votre prochaine étape</h2>
        <ol className="steps">
          {ladderSteps.map((s, index) => (
            <li key={s.step} data-state={index < currentIndex ? "done" : index === currentIndex ? "current" : undefined} aria-current={index === currentIndex ? "step" : undefined}>
              {s.label}
              {index === currentIndex ? <span className="visually-hidden"> (votre prochaine étape)</span> : null}
            </li>
          ))}
        </ol>
        <p>{recommendation.reason}</p>
        {recommendation.offer ? (
          <p>
            Offre recommandée : <a href={`#offre-${recommendation.offer.code}`}>{recommendation.offer.title}</a> — {recommendation.offer.duration}, {price(recommendation.offer.priceHtCents)}.
          </p>
        ) : null}
      </section>

      {kindSections.map((section) => {
        const items = catalogue.filter((o) => o.kind === section.kind);
        if (items.length === 0) return null;
        return (
          <section key={section.kind} className="stack" aria-labelledby={`titre-${section.kind}`}>
            <h2 id={`titre-${section.kind}`}>{section.title}</h2>
            {items.map((offer) => (
              <OfferCard key={offer.code} offer={offer} recommended={offer.code === recommendation.recommendedOfferCode} orderUrl={canOrder ? `/t/${slug}/offres/${offer.code}` : null} />
            ))}
          </section>
        );
      })}

      <section className="stack" aria-labelledby="commandes">
        <h2 id="commandes">Vos demandes et commandes</h2>
        {orders.length === 0 ? (
          <p className="muted">Aucune demande de devis ni commande pour le moment.</p>
        ) : (
          <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="caption-commandes">
            <table className="table">
              <caption id="caption-commandes">Demandes de devis et commandes de {tenantName}</caption>
              <thead>
                <tr>
                  <th scope="col">Référence</th>
                  <th scope="col">Offre</th>
                  <th scope="col">Détail</th>
                  <th scope="col">Montant</th>
                  <th scope="col">Statut</th>
                  <th scope="col">Date</th>
                </tr>
              </thead>
              <tbody>
                {orders.map((o) => (
                  <tr key={o.id}>
                    <th scope="row">{o.reference}</th>
                    <td>{o.offerTitle}</td>
                    <td>{o.details}</td>
                    <td>{o.amount}</td>
                    <td>
                      {o.statusLabel}
                      {o.payable ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="pay" />
                          <input type="hidden" name="orderId" value={o.id} />
                          <button className="btn btn-secondary btn-small" type="submit">
                            Payer par carte <span className="visually-hidden">la commande {o.reference}</span>
                          </button>
                        </Form>
                      ) : null}
                    </td>
                    <td>{o.createdAt}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p>
          <Link to={`/t/${slug}/facturation`}>Factures et paiements</Link>
        </p>
      </section>
    </div>
  );
}

function OfferCard({ offer, recommended, orderUrl }: { offer: Omit<CatalogueOffer, "createdAt" | "updatedAt">; recommended: boolean; orderUrl: string | null }) {
  return (
    <article className="card stack" id={`offre-${offer.code}`} aria-labelledby={`titre-offre-${offer.code}`}>
      <h3 id={`titre-offre-${offer.code}`}>
        {offer.title} {recommended ? <span className="badge">Recommandée pour vous</span> : null}
      </h3>
      <p>{offer.description}</p>
      <p>{offer.benefits}</p>
      <dl className="definition-list">
        <div>
          <dt>Prix</dt>
          <dd>{price(offer.priceHtCents)}</dd>
        </div>
        <div>
          <dt>Durée</dt>
          <dd>{offer.duration}</dd>
        </div>
        <div>
          <dt>Prérequis</dt>
          <dd>{offer.prerequisites}</dd>
        </div>
      </dl>
      {offer.kind === "formation" ? (
        offer.sessions.length > 0 ? (
          <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby={`sessions-${offer.code}`}>
            <table className="table">
              <caption id={`sessions-${offer.code}`}>Prochaines sessions</caption>
              <thead>
                <tr>
                  <th scope="col">Dates</th>
                  <th scope="col">Lieu</th>
                  <th scope="col">Places</th>
                </tr>
              </thead>
              <tbody>
                {offer.sessions.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{period(s.startsOn, s.endsOn)}</th>
                    <td>{s.place}</td>
                    <td>{seatsText(s.seatsLeft)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">Aucune session programmée pour le moment.</p>
        )
      ) : null}
      {orderUrl ? (
        <p>
          <Link className="btn btn-secondary" to={orderUrl}>
            {offer.priceHtCents === null ? "Demander un devis" : "Commander ou demander un devis"}
            <span className="visually-hidden"> : {offer.title}</span>
          </Link>
        </p>
      ) : null}
    </article>
  );
}
