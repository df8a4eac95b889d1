import { getFormProps, getSelectProps, getTextareaProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { Field, FieldErrors, FormMessage } from "~/components/ui/field";
import { actionSchema, actionStatusLabels, priorityLabels } from "~/modules/action-plan/rules";
import { channelLabels } from "~/modules/editions/audit-plan";

export type Assignee = { id: string; name: string | null; email: string };

/** The schema's HTML constraints (required, maxlength…): derived once, not on every render. */
const constraint = getZodConstraint(actionSchema);

type Defaults = { title?: string; description?: string; status?: string; priority?: string; ownerUserId?: string | null; dueOn?: string | null; channel?: string | null };

/** The fields of an action, to create one (plan page) or edit it (its own page). Works without JavaScript. */
export function ActionForm({
  id,
  intent,
  submitLabel,
  lastResult,
  members,
  defaultValue,
}: {
  id: string;
  intent: string;
  submitLabel: string;
  lastResult: SubmissionResult<string[]> | undefined;
  members: Assignee[];
  defaultValue?: Defaults;
}) {
  const [form, fields] = useForm({
    id,
    lastResult,
    constraint,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: actionSchema }),
    shouldRevalidate: "onInput",
    defaultValue: {
      title: defaultValue?.title ?? "",
      description: defaultValue?.description ?? "",
      status: defaultValue?.status ?? "a_faire",
      priority: defaultValue?.priority ?? "moyenne",
      ownerUserId: defaultValue?.ownerUserId ?? "",
      dueOn: defaultValue?.dueOn ?? "",
      channel: defaultValue?.channel ?? "",
    },
  });
  const select = (field: { id: string }, label: string, options: [string, string][]) => {
    const meta = field as FieldMetadata<string | undefined>;
    const { key, ...props } = getSelectProps(meta);
    return (
      <div className="field">
        <label htmlFor={meta.id}>{label}</label>
        <select key={key} {...props}>
          {options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
        <FieldErrors id={meta.errorId} errors={meta.errors} />
      </div>
    );
  };
  const { key: descriptionKey, ...descriptionProps } = getTextareaProps(fields.description);
  return (
    <Form method="post" className="stack stack-sm" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={intent} />
      <FormMessage errors={form.errors} id={form.errorId} />
      <Field meta={fields.title} label="Titre de l'action" />
      <div className="field">
        <label htmlFor={fields.description.id}>Description (facultatif)</label>
        <textarea key={descriptionKey} {...descriptionProps} rows={4} />
        <FieldErrors id={fields.description.errorId} errors={fields.description.errors} />
      </div>
      <div className="grid">
        {select(fields.status, "Statut", Object.entries(actionStatusLabels))}
        {select(fields.priority, "Priorité", Object.entries(priorityLabels))}
        {select(fields.ownerUserId, "Responsable", [["", "Personne"], ...members.map((m): [string, string] => [m.id, m.name ?? m.email])])}
        {select(fields.channel, "Canal visé", [["", "Tous les canaux"], ...Object.entries(channelLabels)])}
        <Field meta={fields.dueOn} label="Échéance" type="date" />
      </div>
      <p>
        <button className="btn" type="submit">
          {submitLabel}
        </button>
      </p>
    </Form>
  );
}
