import { getFormProps, getTextareaProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { Field, FieldErrors, FormMessage } from "~/components/ui/field";
import {
  practiceChannelLabels,
  practiceDeterminantLabels,
  practiceKindLabels,
  practiceSchema,
  practiceThemeLabels,
} from "~/modules/practices/practice-schema";

export type PracticeFormDefaults = {
  number: string;
  title: string;
  summary: string;
  body: string;
  themes: string[];
  determinants: string[];
  channels: string[];
  structureKinds: string[];
  sourceName: string;
  laureateYear: string;
  illustrationUrl: string;
  illustrationAlt: string;
  publishOn: string;
};

const asText = (meta: unknown) => meta as FieldMetadata<string>;

function Checkboxes({ meta, legend, options, checked }: { meta: FieldMetadata<string[] | undefined>; legend: string; options: Record<string, string>; checked: string[] }) {
  const errors = Object.values(meta.allErrors).flat();
  return (
    <fieldset className="fieldset stack stack-sm" aria-describedby={meta.errorId}>
      <legend>{legend}</legend>
      <div className="checkbox-grid">
        {Object.entries(options).map(([code, label]) => (
          <div className="checkbox" key={code}>
            <input type="checkbox" id={`${meta.id}-${code}`} name={meta.name} value={code} defaultChecked={checked.includes(code)} />
            <label htmlFor={`${meta.id}-${code}`}>{label}</label>
          </div>
        ))}
      </div>
      <FieldErrors id={meta.errorId} errors={errors.length ? errors : undefined} />
    </fieldset>
  );
}

/**
 * The staff form of a good practice (creation and edition). Two buttons: "Aperçu" renders the
 * Markdown without saving, "Enregistrer" saves. Works without JavaScript.
 */
export function PracticeForm({
  id,
  defaultValue,
  lastResult,
  numberLocked,
  proposedDate,
}: {
  id: string;
  defaultValue: PracticeFormDefaults;
  lastResult: SubmissionResult<string[]> | undefined;
  numberLocked: boolean;
  proposedDate: string;
}) {
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(practiceSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: practiceSchema }),
  });
  const { key: bodyKey, ...bodyProps } = getTextareaProps(fields.body, { ariaDescribedBy: `${fields.body.id}-hint` });
  return (
    <Form method="post" {...getFormProps(form)} className="stack stack-lg">
      <FormMessage errors={form.errors} id={form.errorId} />
      <fieldset className="fieldset stack">
        <legend>Contenu</legend>
        <Field
          meta={asText(fields.number)}
          label="Numéro"
          type="number"
          hint={numberLocked ? "Le numéro d'une bonne pratique ne change pas." : "Le prochain numéro libre : les numéros se suivent sans trou."}
          inputProps={numberLocked ? { readOnly: true } : undefined}
        />
        <Field meta={fields.title} label="Titre" />
        <Field meta={fields.summary} label="Résumé (une ou deux phrases, repris dans les listes et l'e-mail)" />
        <div className="field">
          <label htmlFor={fields.body.id}>Texte</label>
          <p id={`${fields.body.id}-hint`} className="field-hint">
            En Markdown : paragraphes séparés par une ligne vide, **gras**, listes « - », liens [texte](https://…). Le HTML n'est pas interprété.
          </p>
          <textarea key={bodyKey} {...bodyProps} rows={16} />
          <FieldErrors id={fields.body.errorId} errors={fields.body.errors} />
        </div>
      </fieldset>
      <Checkboxes meta={fields.determinants} legend="Déterminants" options={practiceDeterminantLabels} checked={defaultValue.determinants} />
      <Checkboxes meta={fields.channels} legend="Canaux" options={practiceChannelLabels} checked={defaultValue.channels} />
      <Checkboxes meta={fields.themes} legend="Thèmes" options={practiceThemeLabels} checked={defaultValue.themes} />
      <Checkboxes meta={fields.structureKinds} legend="Types de structure concernés" options={practiceKindLabels} checked={defaultValue.structureKinds} />
      <fieldset className="fieldset stack">
        <legend>Source et illustration</legend>
        <div className="grid">
          <Field meta={fields.sourceName} label="Structure à l'origine (facultatif)" />
          <Field meta={asText(fields.laureateYear)} label="Année de lauréat (facultatif)" type="number" />
        </div>
        <div className="grid">
          <Field meta={fields.illustrationUrl} label="Adresse de l'illustration (facultatif)" hint="Un chemin sur ce site, par exemple /illustrations/accueil.jpg" />
          <Field meta={fields.illustrationAlt} label="Texte alternatif de l'illustration" />
        </div>
      </fieldset>
      <fieldset className="fieldset stack">
        <legend>Publication</legend>
        <Field
          meta={fields.publishOn}
          label="Date de publication (à 9 h, heure de Paris)"
          type="date"
          hint={`Laissez vide pour garder un brouillon. Prochain lundi libre : ${proposedDate}.`}
        />
      </fieldset>
      <div className="cluster">
        <button type="submit" name="intent" value="save" className="btn">
          Enregistrer
        </button>
        <button type="submit" name="intent" value="preview" className="btn-secondary" formNoValidate>
          Aperçu
        </button>
      </div>
    </Form>
  );
}
