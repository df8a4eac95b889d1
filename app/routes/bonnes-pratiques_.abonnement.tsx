import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { Field, FormMessage, Notice } from "~/components/ui/field";
import { emailOnlySchema } from "~/modules/auth/schemas";
import { requestSubscription } from "~/modules/practices/digest-subscriptions.server";
import { publicPageHeaders } from "~/modules/public/http-cache";

export const headers = publicPageHeaders;

export const meta: MetaFunction = () => [
  { title: "S'abonner à la bonne pratique de la semaine | Baromètre Expérience Citoyen" },
  { name: "description", content: "Recevez chaque lundi par e-mail la nouvelle bonne pratique d'accueil du Baromètre Expérience Citoyen ; désabonnement en un clic." },
];

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: emailOnlySchema });
  if (submission.status !== "success") return { result: submission.reply(), sent: false };
  const outcome = await requestSubscription(submission.value.email);
  if (!outcome.ok) return { result: submission.reply({ formErrors: [outcome.formError] }), sent: false };
  return { result: submission.reply({ resetForm: true }), sent: true };
}

export default function DigestSubscription() {
  const actionData = useActionData<typeof action>();
  // Validated on the server only (the browser's own e-mail check helps before): a public page
  // that needs no JavaScript, and ships no form schema.
  const [form, fields] = useForm<{ email: string }>({
    id: "abonnement-bonne-pratique",
    lastResult: actionData?.result,
  });
  return (
    <div className="container stack">
      <div className="page-header">
        <h1>La bonne pratique de la semaine</h1>
        <p className="lead">Chaque lundi matin, recevez par e-mail une bonne pratique d'accueil des usagers repérée par le Baromètre. Gratuit, sans compte, désabonnement en un clic.</p>
      </div>
      {actionData?.sent ? (
        <Notice>Confirmez votre abonnement : un lien vient d'être envoyé à cette adresse (sauf si elle est déjà abonnée). Il est valable 48 heures.</Notice>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="card stack">
        <FormMessage errors={form.errors} id={form.errorId} />
        <Field meta={fields.email} label="Adresse e-mail" type="email" autoComplete="email" inputProps={{ required: true }} />
        <p className="muted">Votre adresse ne sert qu'à cet envoi. Voir les <Link to="/donnees-personnelles">données personnelles</Link>.</p>
        <div className="cluster">
          <button className="btn" type="submit">
            M'abonner
          </button>
          <Link to="/bonnes-pratiques">Voir les bonnes pratiques</Link>
        </div>
      </Form>
    </div>
  );
}
