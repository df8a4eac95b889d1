import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { BillingContactFields, PaymentPathFields } from "~/components/billing-fields";
import { FieldErrors, FormMessage, Notice } from "~/components/ui/field";
import { isDemoPayments } from "~/modules/billing/stripe.server";
import { auditCount } from "~/modules/editions/audit-plan";
import { enrolAndPay, enrolmentPage, startPayment } from "~/modules/enrolment/funnel.server";
import { enrolmentSchema } from "~/modules/enrolment/schemas";
import { enrolmentStatusLabels, type EnrolmentStatus } from "~/modules/enrolment/state-machine";
import { requireMembership } from "~/modules/tenancy/guard.server";
import { formatSiret } from "~/modules/tenancy/siret";
import { formatDate, formatEuros } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Inscription au baromètre | Baromètre Expérience Citoyen" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMembership(request, params.tenant, "enrolment.manage");
  const page = await enrolmentPage(ctx);
  const { edition, tenant, enrolment, quote, quoteWithVisit } = page;
  return {
    slug: ctx.tenant.slug,
    demoPayments: isDemoPayments(),
    cancelled: new URL(request.url).searchParams.get("paiement") === "annule",
    tenant: { name: tenant.name, siret: formatSiret(tenant.siret), category: page.categoryLabel },
    edition: edition && {
      title: edition.title,
      year: edition.year,
      termsVersion: edition.termsVersion,
      closes: formatDate(edition.enrolmentClosesOn),
      audits: `${formatDate(edition.auditStartsOn)} au ${formatDate(edition.auditEndsOn)}`,
      auditCount: auditCount(edition.auditPlan, false),
      onsiteVisit: edition.onsiteVisitOptional && edition.onsiteVisitPriceCents > 0 ? formatEuros(edition.onsiteVisitPriceCents) : null,
    },
    prices: quote && quoteWithVisit && {
      without: { ht: formatEuros(quote.totalHtCents), vat: formatEuros(quote.vatCents), ttc: formatEuros(quote.totalTtcCents) },
      with: { ht: formatEuros(quoteWithVisit.totalHtCents), vat: formatEuros(quoteWithVisit.vatCents), ttc: formatEuros(quoteWithVisit.totalTtcCents) },
    },
    enrolment: enrolment && {
      status: enrolment.status as EnrolmentStatus,
      statusLabel: enrolmentStatusLabels[enrolment.status as EnrolmentStatus],
      paymentPath: enrolment.paymentPath,
      totalTtc: formatEuros(enrolment.totalTtcCents),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireMembership(request, params.tenant, "enrolment.manage");
  const formData = await request.formData();
  if (formData.get("intent") === "pay") {
    const next = await startPayment(ctx);
    return next.kind === "redirect" ? redirect(next.to) : { result: undefined, error: next.message };
  }
  const submission = parseWithZod(formData, { schema: enrolmentSchema });
  if (submission.status !== "success") return { result: submission.reply(), error: null };
  const next = await enrolAndPay(ctx, submission.value);
  if (next.kind === "redirect") return redirect(next.to);
  return { result: submission.reply({ formErrors: [next.message] }), error: null };
}

export default function Enrolment() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "inscription-edition",
    lastResult: actionData?.result,
    constraint: getZodConstraint(enrolmentSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: enrolmentSchema }),
    defaultValue: { paymentPath: "invoice" },
  });
  const [path, setPath] = useState<string>("invoice");
  const [visit, setVisit] = useState(false);
  if (!data.edition) {
    return (
      <div className="stack">
        <h1>Inscription au baromètre</h1>
        <Notice tone="info">Aucune édition n'est ouverte aux inscriptions pour le moment.</Notice>
      </div>
    );
  }
  if (data.enrolment) {
    return (
      <div className="stack">
        <h1>Inscription à l'édition {data.edition.year}</h1>
        {actionData?.error ? <Notice tone="error">{actionData.error}</Notice> : null}
        {data.cancelled ? <Notice tone="warning">Le paiement par carte a été interrompu. Vous pouvez le reprendre.</Notice> : null}
        <p>
          Statut : <strong>{data.enrolment.statusLabel}</strong> — montant {data.enrolment.totalTtc} TTC.
        </p>
        {data.enrolment.status === "awaiting_payment" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="pay" />
            <button className="btn" type="submit">
              {data.enrolment.paymentPath === "card" ? "Payer par carte" : "Émettre la facture"}
            </button>
          </Form>
        ) : null}
        <p>
          <Link to={`/t/${data.slug}/facturation`}>Voir la facturation</Link>
        </p>
      </div>
    );
  }
  const prices = visit ? data.prices?.with : data.prices?.without;
  return (
    <div className="stack">
      <div className="page-header">
        <h1>Inscription à l'édition {data.edition.year}</h1>
        <p className="lead">
          {data.edition.auditCount} audits mystères entre le {data.edition.audits}. Inscriptions ouvertes jusqu'au {data.edition.closes}.
        </p>
      </div>
      <section className="card stack" aria-labelledby="titre-structure">
        <h2 id="titre-structure">Votre structure</h2>
        <dl className="definition-list">
          <div>
            <dt>Nom</dt>
            <dd>{data.tenant.name}</dd>
          </div>
          <div>
            <dt>SIRET</dt>
            <dd>{data.tenant.siret}</dd>
          </div>
          <div>
            <dt>Catégorie du baromètre</dt>
            <dd>{data.tenant.category}</dd>
          </div>
        </dl>
        <p className="muted">Une erreur ? Écrivez à l'équipe AFNOR avant de vous inscrire : la catégorie détermine le tarif et le groupe de comparaison.</p>
        <p>
          <a href={`/t/${data.slug}/inscription/devis.pdf${visit ? "?visite=1" : ""}`}>Télécharger le devis (PDF)</a>
        </p>
      </section>

      <Form method="post" {...getFormProps(form)} className="stack">
        <FormMessage errors={form.errors} id={form.errorId} />
        <input type="hidden" name="termsVersion" value={data.edition.termsVersion} />
        {data.edition.onsiteVisit ? (
          <fieldset className="fieldset">
            <legend>Option</legend>
            <div className="checkbox">
              <input
                {...getInputProps(fields.onsiteVisit, { type: "checkbox" })}
                key={fields.onsiteVisit.key}
                onChange={(event) => setVisit(event.currentTarget.checked)}
              />
              <label htmlFor={fields.onsiteVisit.id}>Ajouter une visite mystère sur place ({data.edition.onsiteVisit} HT)</label>
            </div>
          </fieldset>
        ) : null}

        {prices ? (
          <div className="table-wrapper">
            <table className="table">
              <caption>Montant de l'inscription</caption>
              <tbody>
                <tr>
                  <th scope="row">Total HT</th>
                  <td className="numeric">{prices.ht}</td>
                </tr>
                <tr>
                  <th scope="row">TVA 20 %</th>
                  <td className="numeric">{prices.vat}</td>
                </tr>
                <tr>
                  <th scope="row">Total TTC</th>
                  <td className="numeric">
                    <strong>{prices.ttc}</strong>
                  </td>
                </tr>
              </tbody>
            </table>
          </div>
        ) : null}

        <BillingContactFields fields={fields} />
        <PaymentPathFields fields={fields} legend="Mode de paiement" path={path} onPathChange={setPath} defaultSiret={data.tenant.siret} />

        <div className="checkbox">
          <input {...getInputProps(fields.acceptTerms, { type: "checkbox" })} key={fields.acceptTerms.key} />
          <label htmlFor={fields.acceptTerms.id}>
            J'accepte les conditions générales de vente de l'édition {data.edition.year} (version {data.edition.termsVersion}).
          </label>
        </div>
        <FieldErrors id={fields.acceptTerms.errorId} errors={fields.acceptTerms.errors} />
        {data.demoPayments ? (
          <Notice tone="info">Démonstration : le paiement et la facture sont simulés par un prestataire de test, aucun débit réel.</Notice>
        ) : null}
        <div className="cluster">
          <button className="btn" type="submit">
            {path === "card" ? "M'inscrire et payer par carte" : "M'inscrire et recevoir la facture"}
          </button>
        </div>
      </Form>
    </div>
  );
}
