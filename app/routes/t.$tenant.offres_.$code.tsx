import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { BillingContactFields, PaymentPathFields } from "~/components/billing-fields";
import { Field, FieldErrors, FormMessage, Notice } from "~/components/ui/field";
import { isDemoPayments } from "~/modules/billing/stripe.server";
import { MAX_SITES, MAX_TRAINEES } from "~/modules/offers/order-rules";
import { orderSchema } from "~/modules/offers/order-schema";
import { orderPage, submitOrder } from "~/modules/offers/orders.server";
import { requireMembership } from "~/modules/tenancy/guard.server";
import { formatSiret } from "~/modules/tenancy/siret";
import { formatDate, formatEuros } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.offer.title ?? "Offre"} : devis ou commande | Baromètre Expérience Citoyen` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMembership(request, params.tenant, "orders.manage");
  const page = await orderPage(ctx, params.code ?? "");
  if (!page) throw new Response("Offre introuvable", { status: 404 });
  const { offer, defaults } = page;
  return {
    slug: ctx.tenant.slug,
    demoPayments: isDemoPayments(),
    termsVersion: page.termsVersion,
    offer: {
      code: offer.code,
      kind: offer.kind,
      title: offer.title,
      description: offer.description,
      duration: offer.duration,
      prerequisites: offer.prerequisites,
      priced: offer.priceHtCents !== null,
      price: offer.priceHtCents === null ? "Sur devis" : `${formatEuros(offer.priceHtCents)} HT ${offer.kind === "formation" ? "par stagiaire" : "par site"}`,
      sessions: offer.sessions.map((s) => ({
        id: s.id,
        label: `${s.startsOn === s.endsOn ? `Le ${formatDate(s.startsOn)}` : `Du ${formatDate(s.startsOn)} au ${formatDate(s.endsOn)}`} — ${s.remote ? "à distance" : s.place}`,
        seatsLeft: s.seatsLeft,
      })),
    },
    defaults: defaults && { ...defaults, payerSiret: formatSiret(defaults.payerSiret) },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireMembership(request, params.tenant, "orders.manage");
  const submission = parseWithZod(await request.formData(), { schema: orderSchema });
  if (submission.status !== "success") return { result: submission.reply() };
  const outcome = await submitOrder(ctx, params.code ?? "", submission.value);
  if (outcome.ok) return redirect(outcome.redirectTo);
  if (outcome.order) return redirect(`/t/${ctx.tenant.slug}/offres?erreur=paiement#commandes`);
  return { result: submission.reply(outcome.field ? { fieldErrors: { [outcome.field]: [outcome.message] } } : { formErrors: [outcome.message] }) };
}

const seats = (left: number) => (left <= 0 ? "complet" : left === 1 ? "1 place restante" : `${left} places restantes`);

export default function OrderOffer() {
  const { slug, offer, defaults, termsVersion, demoPayments } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // Every field travels as text; the schema coerces the counts on the server.
  const [form, fields] = useForm<Record<"sessionId" | "trainees" | "sites" | "message" | "billingContactName" | "billingContactEmail" | "billingAddress" | "paymentPath" | "engagementNumber" | "purchaseOrderNumber" | "chorusServiceCode" | "serviceCodeRequired" | "engagementRequired" | "payerSiret" | "acceptTerms", string>>({
    id: "commande-offre",
    lastResult: actionData?.result,
    constraint: getZodConstraint(orderSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    defaultValue: {
      trainees: "1",
      sites: "1",
      paymentPath: "invoice",
      billingContactName: defaults?.billingContactName ?? "",
      billingContactEmail: defaults?.billingContactEmail ?? "",
      billingAddress: defaults?.billingAddress ?? "",
      chorusServiceCode: defaults?.chorusServiceCode ?? "",
      ...(defaults?.serviceCodeRequired ? { serviceCodeRequired: "on" } : {}),
      ...(defaults?.engagementRequired ? { engagementRequired: "on" } : {}),
    },
  });
  const [path, setPath] = useState<string>("invoice");
  const formation = offer.kind === "formation";
  return (
    <div className="stack">
      <p>
        <Link to={`/t/${slug}/offres`}>← Toutes les offres</Link>
      </p>
      <div className="page-header">
        <h1>{offer.title}</h1>
        <p className="lead">{offer.description}</p>
      </div>
      <dl className="definition-list">
        <div>
          <dt>Prix</dt>
          <dd>{offer.price}</dd>
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

      {/* reloadDocument: the "Télécharger le devis" button submits the same options to the PDF by GET. */}
      <Form method="post" reloadDocument {...getFormProps(form)} className="stack">
        <FormMessage errors={form.errors} id={form.errorId} />
        <input type="hidden" name="termsVersion" value={termsVersion} />
        {formation && offer.sessions.length > 0 ? (
          <fieldset className="fieldset stack" aria-describedby={fields.sessionId.errorId}>
            <legend>Session</legend>
            <ul className="radio-list" role="list">
              {offer.sessions.map((s) => (
                <li key={s.id}>
                  <input type="radio" id={`session-${s.id}`} name={fields.sessionId.name} value={s.id} disabled={s.seatsLeft <= 0} />
                  <label htmlFor={`session-${s.id}`}>
                    {s.label} ({seats(s.seatsLeft)})
                  </label>
                </li>
              ))}
            </ul>
            <FieldErrors id={fields.sessionId.errorId} errors={fields.sessionId.errors} />
          </fieldset>
        ) : null}
        {formation && offer.sessions.length === 0 ? <Notice tone="info">Aucune session n'est programmée : demandez un devis pour une session dans vos locaux.</Notice> : null}
        <fieldset className="fieldset stack">
          <legend>Options</legend>
          {formation ? (
            <Field meta={fields.trainees} label="Nombre de stagiaires" type="number" hint={`De 1 à ${MAX_TRAINEES}.`} inputProps={{ min: 1, max: MAX_TRAINEES, inputMode: "numeric" }} />
          ) : (
            <Field meta={fields.sites} label="Nombre de sites" type="number" hint={`Accueils ou services concernés, de 1 à ${MAX_SITES}.`} inputProps={{ min: 1, max: MAX_SITES, inputMode: "numeric" }} />
          )}
          <div className="field">
            <label htmlFor={fields.message.id}>Message pour le conseiller AFNOR (facultatif)</label>
            <textarea {...getTextareaProps(fields.message)} key={fields.message.key} rows={3} />
            <FieldErrors id={fields.message.errorId} errors={fields.message.errors} />
          </div>
          {offer.priced ? (
            <p>
              <button className="btn btn-secondary" type="submit" formMethod="get" formAction={`/t/${slug}/offres/${offer.code}/devis.pdf`} formNoValidate>
                Télécharger le devis de ces options (PDF)
              </button>
            </p>
          ) : null}
        </fieldset>

        <BillingContactFields fields={fields} />

        {offer.priced ? (
          <>
            <PaymentPathFields fields={fields} legend="Pour commander : mode de paiement" path={path} onPathChange={setPath} defaultSiret={defaults?.payerSiret ?? null} />
            <div className="checkbox">
              <input {...getInputProps(fields.acceptTerms, { type: "checkbox" })} key={fields.acceptTerms.key} />
              <label htmlFor={fields.acceptTerms.id}>J'accepte les conditions générales de vente des offres AFNOR (version {termsVersion}), pour commander.</label>
            </div>
            <FieldErrors id={fields.acceptTerms.errorId} errors={fields.acceptTerms.errors} />
            {demoPayments ? <Notice tone="info">Démonstration : le paiement et la facture sont simulés par un prestataire de test, aucun débit réel.</Notice> : null}
          </>
        ) : null}
        <div className="cluster">
          {offer.priced ? (
            <button className="btn" type="submit" name="intent" value="order">
              {path === "card" ? "Commander et payer par carte" : "Commander et recevoir la facture"}
            </button>
          ) : null}
          <button className={offer.priced ? "btn btn-secondary" : "btn"} type="submit" name="intent" value="quote">
            Demander un devis
          </button>
        </div>
      </Form>
    </div>
  );
}
