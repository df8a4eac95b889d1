import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { Field, FieldErrors, FormMessage } from "~/components/ui/field";
import {
  MAX_SEATS,
  REMOTE_PLACE,
  offerFieldsSchema,
  offerKindLabels,
  offerKindNames,
  offerSchema,
  sessionEditFieldsSchema,
  sessionEditSchema,
  sessionFieldsSchema,
  sessionSchema,
  type offerFormDefaults,
  type sessionFormDefaults,
} from "~/modules/offers/catalogue-schema";

/** `Field` is typed for text; a number field carries the same id, name, errors and initial value. */
const asText = (meta: unknown) => meta as FieldMetadata<string>;

function TextArea({ meta, label, hint, rows = 4 }: { meta: FieldMetadata<string>; label: string; hint?: string; rows?: number }) {
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const { key, ...props } = getTextareaProps(meta, { ariaDescribedBy: hintId });
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      <textarea key={key} {...props} rows={rows} />
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/**
 * The staff form of a catalogue offer (creation and edition). Works without JavaScript; with it,
 * Conform checks the same schema as the server. The code is fixed once the offer exists.
 */
export function OfferForm({
  id,
  intent,
  defaultValue,
  lastResult,
  codeLocked,
  submitLabel,
}: {
  id: string;
  intent: string;
  defaultValue: ReturnType<typeof offerFormDefaults>;
  lastResult: SubmissionResult<string[]> | undefined;
  codeLocked: boolean;
  submitLabel: string;
}) {
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(offerFieldsSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: offerSchema }),
  });
  const { key: kindKey, ...kindProps } = getSelectProps(fields.kind);
  const { key: activeKey, ...activeProps } = getInputProps(fields.active, { type: "checkbox" });
  return (
    <Form method="post" {...getFormProps(form)} className="stack stack-lg">
      <input type="hidden" name="intent" value={intent} />
      <FormMessage errors={form.errors} id={form.errorId} />
      <fieldset className="fieldset stack">
        <legend>Identification</legend>
        <div className="grid">
          <Field
            meta={fields.code}
            label="Code"
            hint={codeLocked ? "Le code d'une offre ne change pas : les recommandations et les commandes s'y réfèrent." : "Minuscules, chiffres et tirets, par exemple formation-accueil-telephonique. Il ne pourra plus changer."}
            inputProps={codeLocked ? { readOnly: true } : undefined}
          />
          <div className="field">
            <label htmlFor={fields.kind.id}>Type d'offre</label>
            <select key={kindKey} {...kindProps}>
              <option value="">Choisir…</option>
              {offerKindNames.map((kind) => (
                <option key={kind} value={kind}>
                  {offerKindLabels[kind]}
                </option>
              ))}
            </select>
            <FieldErrors id={fields.kind.errorId} errors={fields.kind.errors} />
          </div>
        </div>
        <Field meta={fields.title} label="Titre" />
        <Field meta={asText(fields.position)} label="Position dans le catalogue" type="number" hint="Les offres s'affichent par position croissante (0 à 999)." />
      </fieldset>
      <fieldset className="fieldset stack">
        <legend>Présentation aux structures</legend>
        <TextArea meta={fields.description} label="Description" rows={5} />
        <TextArea meta={fields.benefits} label="Ce que l'offre apporte" />
        <TextArea meta={fields.prerequisites} label="Prérequis" hint="Écrivez « Aucun » s'il n'y en a pas." rows={3} />
      </fieldset>
      <fieldset className="fieldset stack">
        <legend>Durée et prix</legend>
        <div className="grid">
          <Field meta={fields.duration} label="Durée" hint="Par exemple « 1 jour (7 heures) »." />
          <Field meta={fields.price} label="Prix (€ HT)" hint="En euros hors taxes, par exemple 1 250 ou 1 250,50. Laissez vide pour une offre sur devis." inputProps={{ inputMode: "decimal" }} />
        </div>
      </fieldset>
      <div className="checkbox">
        <input key={activeKey} {...activeProps} />
        <label htmlFor={fields.active.id}>Offre active : visible dans le catalogue des structures</label>
      </div>
      <div className="cluster">
        <button className="btn" type="submit">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}

/** The form of a training session: new (no `sessionId`) or an existing one. */
export function SessionForm({
  id,
  intent,
  defaultValue,
  lastResult,
  submitLabel,
  legend,
}: {
  id: string;
  intent: "add-session" | "edit-session";
  defaultValue: Partial<ReturnType<typeof sessionFormDefaults>>;
  lastResult: SubmissionResult<string[]> | undefined;
  submitLabel: string;
  legend: string;
}) {
  const editing = intent === "edit-session";
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(editing ? sessionEditFieldsSchema : sessionFieldsSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: editing ? sessionEditSchema : sessionSchema }),
  });
  const { key: remoteKey, ...remoteProps } = getInputProps(fields.remote, { type: "checkbox" });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <input type="hidden" name="intent" value={intent} />
      {editing ? <input type="hidden" name="sessionId" value={defaultValue.sessionId} /> : null}
      <FormMessage errors={form.errors} id={form.errorId} />
      <fieldset className="fieldset stack">
        <legend>{legend}</legend>
        <div className="grid">
          <Field meta={fields.startsOn} label="Premier jour" type="date" />
          <Field meta={fields.endsOn} label="Dernier jour" type="date" hint="Le même jour pour une session d'une journée." />
          <Field meta={asText(fields.seats)} label="Nombre de places" type="number" hint={`De 1 à ${MAX_SEATS}.`} />
        </div>
        <div className="grid">
          <Field meta={fields.place} label="Ville" hint="Par exemple « Lyon » ; inutile pour une session à distance." />
          <div className="checkbox">
            <input key={remoteKey} {...remoteProps} />
            <label htmlFor={fields.remote.id}>{REMOTE_PLACE} (classe virtuelle)</label>
          </div>
        </div>
      </fieldset>
      <div className="cluster">
        <button className="btn btn-secondary" type="submit">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
