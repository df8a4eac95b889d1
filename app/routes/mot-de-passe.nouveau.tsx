import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormMessage, Notice } from "~/components/ui/field";
import { resetPassword } from "~/modules/auth/accounts.server";
import { startSessionResponse } from "~/modules/auth/guards.server";
import { peekToken } from "~/modules/auth/one-time-tokens.server";
import { PASSWORD_MIN_LENGTH } from "~/modules/auth/password-policy";
import { resetPasswordSchema } from "~/modules/auth/schemas";

export const meta: MetaFunction = () => [{ title: "Nouveau mot de passe | Baromètre Expérience Citoyen" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return { token, valid: Boolean(await peekToken("password_reset", token)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: resetPasswordSchema });
  if (submission.status !== "success") return { result: submission.reply({ hideFields: ["password", "confirmation"] }) };
  const outcome = await resetPassword(submission.value.token, submission.value.password);
  if (!outcome.ok) return { result: submission.reply({ formErrors: [outcome.formError], hideFields: ["password", "confirmation"] }) };
  return startSessionResponse(request, outcome.token, "/mon-espace?mot-de-passe=1");
}

export default function NewPassword() {
  const { token, valid } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "nouveau-mot-de-passe",
    lastResult: actionData?.result,
    constraint: getZodConstraint(resetPasswordSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetPasswordSchema }),
  });
  if (!valid && !actionData) {
    return (
      <div className="container stack">
        <h1>Nouveau mot de passe</h1>
        <Notice tone="error">Ce lien de réinitialisation n'est plus valable (déjà utilisé ou expiré).</Notice>
        <p>
          <Link to="/mot-de-passe-oublie">Demander un nouveau lien</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="container stack">
      <div className="page-header">
        <h1>Nouveau mot de passe</h1>
        <p className="lead">Après ce changement, toutes vos sessions ouvertes seront fermées.</p>
      </div>
      <Form method="post" {...getFormProps(form)} className="card stack">
        <FormMessage errors={form.errors} id={form.errorId} />
        <input type="hidden" name="token" value={token} />
        <Field meta={fields.password} label="Nouveau mot de passe" type="password" autoComplete="new-password" hint={`Au moins ${PASSWORD_MIN_LENGTH} caractères.`} />
        <Field meta={fields.confirmation} label="Confirmez le mot de passe" type="password" autoComplete="new-password" />
        <div className="cluster">
          <button className="btn" type="submit">
            Enregistrer le mot de passe
          </button>
        </div>
      </Form>
    </div>
  );
}
