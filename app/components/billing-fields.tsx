import type { FieldMetadata } from "@conform-to/react";
import { getInputProps, getTextareaProps } from "@conform-to/react";
import { useState } from "react";
import { Field, FieldErrors } from "~/components/ui/field";

type TextField = FieldMetadata<string | undefined> | FieldMetadata<string>;
/** A checkbox field ("on" or absent). */
type CheckboxField = FieldMetadata<"on" | undefined> | FieldMetadata<string | undefined> | FieldMetadata<string>;

/** The billing details of a public buyer, the same for an enrolment and for an order of an offer. */
export type BillingFieldMetas = {
  billingContactName: TextField;
  billingContactEmail: TextField;
  billingAddress: TextField;
  paymentPath: TextField;
  engagementNumber: TextField;
  purchaseOrderNumber: TextField;
  chorusServiceCode: TextField;
  payerSiret: TextField;
  serviceCodeRequired: CheckboxField;
  engagementRequired: CheckboxField;
};

/** "Notre structure exige…": the buyer's statement that makes the matching reference required. */
function RequirementCheckbox({ meta, label, onChange }: { meta: CheckboxField; label: string; onChange?: (checked: boolean) => void }) {
  const { key, ...props } = getInputProps(meta as FieldMetadata<string>, { type: "checkbox" });
  return (
    <div className="checkbox">
      <input key={key} {...props} onChange={onChange ? (event) => onChange(event.currentTarget.checked) : undefined} />
      <label htmlFor={meta.id}>{label}</label>
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** Contact and address of the billing service. */
export function BillingContactFields({ fields }: { fields: BillingFieldMetas }) {
  return (
    <fieldset className="fieldset stack">
      <legend>Contact et adresse de facturation</legend>
      <Field meta={fields.billingContactName} label="Nom du contact facturation" autoComplete="name" />
      <Field meta={fields.billingContactEmail} label="E-mail du contact facturation" type="email" autoComplete="email" />
      <div className="field">
        <label htmlFor={fields.billingAddress.id}>Adresse de facturation</label>
        <textarea {...getTextareaProps(fields.billingAddress as FieldMetadata<string>)} key={fields.billingAddress.key} rows={3} autoComplete="street-address" />
        <FieldErrors id={fields.billingAddress.errorId} errors={fields.billingAddress.errors} />
      </div>
    </fieldset>
  );
}

/**
 * Pay on invoice (mandat administratif, the default) or by card; on invoice, the references of the
 * public order printed on the invoice. `onPathChange` lets the form word its submit button.
 */
export function PaymentPathFields({
  fields,
  legend,
  path,
  onPathChange,
  defaultSiret,
}: {
  fields: BillingFieldMetas;
  legend: string;
  path: string;
  onPathChange: (path: "invoice" | "card") => void;
  defaultSiret: string | null;
}) {
  const [serviceCodeRequired, setServiceCodeRequired] = useState(fields.serviceCodeRequired.initialValue === "on");
  return (
    <>
      <fieldset className="fieldset stack" aria-describedby={fields.paymentPath.errorId}>
        <legend>{legend}</legend>
        <ul className="radio-list" role="list">
          <li>
            <input type="radio" id="paiement-facture" name={fields.paymentPath.name} value="invoice" defaultChecked onChange={() => onPathChange("invoice")} />
            <label htmlFor="paiement-facture">Payer sur facture (mandat administratif) — facture à 30 jours, déposable sur Chorus Pro</label>
          </li>
          <li>
            <input type="radio" id="paiement-carte" name={fields.paymentPath.name} value="card" onChange={() => onPathChange("card")} />
            <label htmlFor="paiement-carte">Payer par carte bancaire</label>
          </li>
        </ul>
        <FieldErrors id={fields.paymentPath.errorId} errors={fields.paymentPath.errors} />
      </fieldset>
      {path === "invoice" ? (
        <fieldset className="fieldset stack">
          <legend>Références de la commande publique</legend>
          <RequirementCheckbox meta={fields.engagementRequired} label="Notre structure exige un numéro d'engagement sur ses factures (Chorus Pro)" />
          <Field meta={fields.engagementNumber} label="Numéro d'engagement juridique" hint="Fourni par votre service financier ; il figurera sur la facture." />
          <Field meta={fields.purchaseOrderNumber} label="Numéro de bon de commande (facultatif)" />
          <RequirementCheckbox meta={fields.serviceCodeRequired} label="Notre structure exige un code service sur ses factures (Chorus Pro)" onChange={setServiceCodeRequired} />
          <Field
            meta={fields.chorusServiceCode}
            label={serviceCodeRequired ? "Code service Chorus Pro" : "Code service Chorus Pro (facultatif)"}
            hint={serviceCodeRequired ? "Exigé par votre structure : il figurera sur la facture déposée sur Chorus Pro." : "À renseigner si votre structure l'exige pour le dépôt des factures."}
            inputProps={serviceCodeRequired ? { "aria-required": true } : undefined}
          />
          <Field
            meta={fields.payerSiret}
            label="SIRET du payeur (facultatif)"
            hint={defaultSiret ? `Par défaut : celui de la structure (${defaultSiret}).` : "Par défaut : celui de la structure."}
            inputProps={{ inputMode: "numeric" }}
          />
        </fieldset>
      ) : null}
    </>
  );
}
