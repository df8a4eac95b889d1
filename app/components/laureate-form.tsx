import { getFormProps, getSelectProps, getTextareaProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { Field, FieldErrors, FormMessage } from "~/components/ui/field";
import { laureateSchema } from "~/modules/public/laureate-schema";
import { mentionLabels, proposeLaureateSlug } from "~/modules/public/laureates";
import { barometerCategories, barometerCategoryLabels } from "~/modules/tenancy/categories";

export type LaureateFormValues = {
  year: string;
  category: string;
  mention: string;
  name: string;
  slug: string;
  place: string;
  summary: string;
  story: string;
  practiceIds: string[];
  linkedTenantId: string;
  position: string;
};

export type LaureateFormOptions = {
  practices: { id: string; number: number; title: string }[];
  structures: { id: string; name: string; slug: string; withdrawn?: boolean }[];
};

const asText = (meta: unknown) => meta as FieldMetadata<string>;

/**
 * The staff form of a laureate (creation and edition). "Aperçu" shows the public page from the
 * unsaved values, "Enregistrer" saves; publication is a separate action. Works without JavaScript.
 */
export function LaureateForm({
  id,
  defaultValue,
  lastResult,
  options,
}: {
  id: string;
  defaultValue: LaureateFormValues;
  lastResult: SubmissionResult<string[]> | undefined;
  options: LaureateFormOptions;
}) {
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(laureateSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: laureateSchema }),
  });
  const { key: storyKey, ...storyProps } = getTextareaProps(fields.story, { ariaDescribedBy: `${fields.story.id}-hint` });
  const { key: categoryKey, ...categoryProps } = getSelectProps(fields.category);
  const { key: mentionKey, ...mentionProps } = getSelectProps(fields.mention);
  const { key: tenantKey, ...tenantProps } = getSelectProps(fields.linkedTenantId, { ariaDescribedBy: `${fields.linkedTenantId.id}-hint` });
  const proposed = defaultValue.name ? proposeLaureateSlug(defaultValue.name) : "";
  const practiceErrors = Object.values(fields.practiceIds.allErrors).flat();
  return (
    <Form method="post" {...getFormProps(form)} className="stack stack-lg">
      <FormMessage errors={form.errors} id={form.errorId} />
      <fieldset className="fieldset stack">
        <legend>Palmarès</legend>
        <div className="grid">
          <Field meta={asText(fields.year)} label="Année de l'édition" type="number" />
          <div className="field">
            <label htmlFor={fields.category.id}>Catégorie</label>
            <select key={categoryKey} {...categoryProps}>
              <option value="">— Choisir —</option>
              {barometerCategories.map((category) => (
                <option key={category} value={category}>
                  {barometerCategoryLabels[category]}
                </option>
              ))}
            </select>
            <FieldErrors id={fields.category.errorId} errors={fields.category.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.mention.id}>Mention spéciale</label>
            <select key={mentionKey} {...mentionProps}>
              <option value="">Aucune</option>
              {Object.entries(mentionLabels).map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </select>
            <FieldErrors id={fields.mention.errorId} errors={fields.mention.errors} />
          </div>
          <Field meta={asText(fields.position)} label="Ordre dans la catégorie" type="number" hint="0 d'abord ; à égalité, par ordre alphabétique." />
        </div>
      </fieldset>
      <fieldset className="fieldset stack">
        <legend>Lauréat</legend>
        <Field meta={fields.name} label="Nom" hint="Tel que le public le lit, par exemple « Ville de Villeurbanne »." />
        <Field
          meta={fields.slug}
          label="Identifiant de l'adresse (facultatif)"
          hint={
            <>
              Forme l'adresse /laureats/année/identifiant. Laissez vide pour le déduire du nom
              {proposed ? ` : « ${proposed} »` : ""}. Évitez de le changer une fois publié.
            </>
          }
        />
        <Field meta={fields.place} label="Lieu (facultatif)" hint="Commune, département ou région, par exemple « Villeurbanne (Rhône) »." />
        <Field meta={fields.summary} label="Résumé (une ou deux phrases, repris dans les listes et les données ouvertes)" />
        <div className="field">
          <label htmlFor={fields.story.id}>Récit</label>
          <p id={`${fields.story.id}-hint`} className="field-hint">
            En Markdown : paragraphes séparés par une ligne vide, **gras**, listes « - », liens [texte](https://…). Le HTML n'est pas interprété.
          </p>
          <textarea key={storyKey} {...storyProps} rows={12} />
          <FieldErrors id={fields.story.errorId} errors={fields.story.errors} />
        </div>
      </fieldset>
      <fieldset className="fieldset stack stack-sm" aria-describedby={fields.practiceIds.errorId}>
        <legend>Bonnes pratiques liées</legend>
        {options.practices.length === 0 ? <p className="muted">Aucune bonne pratique publiée.</p> : null}
        <div className="checkbox-grid">
          {options.practices.map((practice) => (
            <div className="checkbox" key={practice.id}>
              <input
                type="checkbox"
                id={`${fields.practiceIds.id}-${practice.id}`}
                name={fields.practiceIds.name}
                value={practice.id}
                defaultChecked={defaultValue.practiceIds.includes(practice.id)}
              />
              <label htmlFor={`${fields.practiceIds.id}-${practice.id}`}>
                n° {practice.number} : {practice.title}
              </label>
            </div>
          ))}
        </div>
        <FieldErrors id={fields.practiceIds.errorId} errors={practiceErrors.length ? practiceErrors : undefined} />
      </fieldset>
      <fieldset className="fieldset stack stack-sm">
        <legend>Structure du portail</legend>
        <div className="field">
          <label htmlFor={fields.linkedTenantId.id}>Structure liée (facultatif)</label>
          <p id={`${fields.linkedTenantId.id}-hint`} className="field-hint">
            Seules les structures qui ont donné leur accord pour figurer sur les pages publiques des lauréats sont proposées. Si une structure retire son accord, la fiche
            liée disparaît des pages publiques.
          </p>
          <select key={tenantKey} {...tenantProps}>
            <option value="">Aucune</option>
            {options.structures.map((structure) => (
              <option key={structure.id} value={structure.id}>
                {structure.name} ({structure.slug}){structure.withdrawn ? " — accord retiré" : ""}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.linkedTenantId.errorId} errors={fields.linkedTenantId.errors} />
        </div>
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
