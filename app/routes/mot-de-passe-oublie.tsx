import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { Field, FormMessage, Notice } from "~/components/ui/field";
import { requestPasswordReset } from "~/modules/auth/accounts.server";
import { emailOnlySchema } from "~/modules/auth/schemas";

export const meta: MetaFunction = () => [{ title: "Mot de passe oublié | Baromètre Expérience Citoyen" }];

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: emailOnlySchema });
  if (submission.status !== "success") return { result: submission.reply(), sent: false };
  const outcome = await requestPasswordReset(submission.value.email);
  if (!outcome.ok) return { result: submission.reply({ formErrors: [outcome.formError] }), sent: false };
  return { result: submission.reply({ resetForm: true }), sent: true };
}

export default function ForgottenPassword() {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "mot-de-passe-oublie",
    lastResult: actionData?.result,
    constraint: getZodConstraint(emailOnlySchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: emailOnlySchema }),
  });
  return (
    <div className="container stack">
      <div className="page-header">
        <h1>Mot de passe oublié</h1>
        <p className="lead">Indiquez votre adresse : vous recevrez un lien pour choisir un nouveau mot de passe, valable une heure.</p>
      </div>
      {actionData?.sent ? <Notice>Si un compte existe pour cette adresse, un lien de réinitialisation vient de lui être envoyé.</Notice> : null}
      <Form method="post" {...getFormProps(form)} className="card stack">
        <FormMessage errors={form.errors} id={form.errorId} />
        <Field meta={fields.email} label="Adresse e-mail" type="email" autoComplete="email" />
        <div className="cluster">
          <button className="btn" type="submit">
            Recevoir le lien
          </button>
          <Link to="/connexion">Retour à la connexion</Link>
        </div>
      </Form>
    </div>
  );
}
