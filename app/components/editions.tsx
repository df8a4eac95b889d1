import { getFormProps, getInputProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { Field, FieldErrors, FormMessage } from "~/components/ui/field";
import { channelLabels } from "~/modules/editions/audit-plan";
import { auditChannels, editionFieldsSchema, editionSchema, type editionFormDefaults } from "~/modules/editions/edition-schema";
import { barometerCategories, barometerCategoryLabels } from "~/modules/tenancy/categories";

/** `Field` is typed for text; a number field carries the same id, name, errors and initial value. */
const numeric = <Form extends Record<string, unknown>>(meta: FieldMetadata<number, Form, string[]>) => meta as unknown as FieldMetadata<string>;

type EditionStatus = "draft" | "open" | "closed";

const statusBadges: Record<EditionStatus, { label: string; className: string }> = {
  draft: { label: "Brouillon", className: "badge badge-neutral" },
  open: { label: "Ouverte", className: "badge badge-success" },
  closed: { label: "Fermée", className: "badge badge-info" },
};

export function EditionStatusBadge({ status }: { status: EditionStatus }) {
  const { label, className } = statusBadges[status];
  return <span className={className}>{label}</span>;
}

/**
 * The staff form of an edition (creation and edition): identity, calendar, audit plan and price
 * grid. Works without JavaScript; with it, Conform checks the same schema as the server.
 */
export function EditionForm({
  id,
  defaultValue,
  lastResult,
  submitLabel,
}: {
  id: string;
  defaultValue: ReturnType<typeof editionFormDefaults>;
  lastResult: SubmissionResult<string[]> | undefined;
  submitLabel: string;
}) {
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(editionFieldsSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: editionSchema }),
  });
  const plan = fields.auditPlan.getFieldset();
  const prices = fields.prices.getFieldset();
  const amount = { inputMode: "decimal" };
  return (
    <Form method="post" {...getFormProps(form)} className="stack stack-lg">
      <input type="hidden" name="intent" value="save" />
      <FormMessage errors={form.errors} id={form.errorId} />

      <fieldset className="fieldset stack">
        <legend>Identification</legend>
        <div className="grid">
          <Field meta={numeric(fields.year)} label="Année" type="number" />
          <Field meta={numeric(fields.number)} label="Numéro de l'édition" type="number" hint="L'édition 2020 était la 8e." />
        </div>
        <Field meta={fields.title} label="Titre" />
        <div className="grid">
          <Field meta={fields.referentialVersion} label="Version du référentiel" hint="Par exemple 2028.1" />
          <Field meta={fields.termsVersion} label="Version des conditions générales de vente" hint="Par exemple CGV-2028-01" />
        </div>
      </fieldset>

      <fieldset className="fieldset stack">
        <legend>Calendrier</legend>
        <div className="grid">
          <Field meta={fields.enrolmentOpensOn} label="Ouverture des inscriptions" type="date" />
          <Field meta={fields.enrolmentClosesOn} label="Clôture des inscriptions" type="date" />
        </div>
        <div className="grid">
          <Field meta={fields.auditStartsOn} label="Début des audits" type="date" />
          <Field meta={fields.auditEndsOn} label="Fin des audits" type="date" />
          <Field meta={fields.publicationOn} label="Publication des résultats" type="date" />
        </div>
      </fieldset>

      <fieldset className="fieldset stack" aria-describedby={`${fields.auditPlan.id}-aide ${fields.auditPlan.errorId}`}>
        <legend>Plan d'audit</legend>
        <p id={`${fields.auditPlan.id}-aide`} className="field-hint">
          Nombre d'audits mystère par canal : 13 au total.
        </p>
        <FieldErrors id={fields.auditPlan.errorId} errors={fields.auditPlan.errors} />
        <div className="grid">
          {auditChannels.map((channel) => (
            <Field
              key={channel}
              meta={numeric(plan[channel])}
              label={channelLabels[channel]}
              type="number"
              inputProps={fields.auditPlan.errors ? { "aria-invalid": true } : undefined}
            />
          ))}
        </div>
        <div className="checkbox">
          <input {...getInputProps(fields.onsiteVisitOptional, { type: "checkbox" })} key={fields.onsiteVisitOptional.key} />
          <label htmlFor={fields.onsiteVisitOptional.id}>La visite sur place (accueil physique) est une option choisie par la structure</label>
        </div>
        <Field meta={fields.onsiteVisitPrice} label="Prix de la visite sur place (€ HT)" hint="En euros, par exemple 450 ou 450,00." inputProps={amount} />
      </fieldset>

      <fieldset className="fieldset stack">
        <legend>Tarifs par catégorie (€ HT)</legend>
        <p className="field-hint">En euros hors taxes, TVA 20 % en sus. Changer un tarif ne modifie pas les inscriptions déjà enregistrées.</p>
        <div className="grid">
          {barometerCategories.map((category) => (
            <Field key={category} meta={prices[category]} label={barometerCategoryLabels[category]} inputProps={amount} />
          ))}
        </div>
      </fieldset>

      <div className="cluster">
        <button className="btn" type="submit">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
