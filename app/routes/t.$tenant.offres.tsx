import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ladderSteps } from "~/modules/offers/ladder";
import { listCatalogue, recommendationFor, type CatalogueOffer } from "~/modules/offers/offers.server";
import { requireMembership } from "~/modules/tenancy/guard.server";
import { formatDate, formatEuros } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Offres | Baromètre Expérience Citoyen" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMembership(request, params.tenant, "results.read");
  const [recommendation, catalogue] = await Promise.all([recommendationFor(ctx), listCatalogue()]);
  return { tenantName: ctx.tenant.name, recommendation, catalogue };
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
  const { tenantName, recommendation, catalogue } = useLoaderData<typeof loader>();
  const currentIndex = ladderSteps.findIndex((s) => s.step === recommendation.step);
  return (
    <div className="stack">
      <div className="page-header">
        <h1>Offres</h1>
        <p className="lead">Les services d'AFNOR pour faire progresser la relation usager de {tenantName}, étape par étape.</p>
      </div>

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
              <OfferCard key={offer.code} offer={offer} recommended={offer.code === recommendation.recommendedOfferCode} />
            ))}
          </section>
        );
      })}
    </div>
  );
}

function OfferCard({ offer, recommended }: { offer: Omit<CatalogueOffer, "createdAt" | "updatedAt">; recommended: boolean }) {
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
    </article>
  );
}
