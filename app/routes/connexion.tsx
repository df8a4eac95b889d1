import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ProConnectButton } from "~/components/proconnect-button";
import { Field, FormMessage, Notice } from "~/components/ui/field";
import proconnectStyles from "~/styles/proconnect.css?url";
import { loginWithPassword, requestMagicLink } from "~/modules/auth/accounts.server";
import { requireAnonymous, startSessionResponse } from "~/modules/auth/guards.server";
import { emailOnlySchema, loginSchema, safeRedirect } from "~/modules/auth/schemas";
import { demoAccounts } from "~/modules/auth/demo-accounts.server";
import { proconnectEnabled } from "~/modules/auth/proconnect-client.server";

export const meta: MetaFunction = () => [
  { title: "Se connecter | Baromètre Expérience Citoyen" },
  { name: "description", content: "Connectez-vous à l'espace de votre structure sur le portail du Baromètre Expérience Citoyen." },
];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: proconnectStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const url = new URL(request.url);
  return { redirectTo: safeRedirect(url.searchParams.get("redirectTo")), demo: demoAccounts(), proconnect: proconnectEnabled() };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  if (formData.get("intent") === "magic-link") {
    const submission = parseWithZod(formData, { schema: emailOnlySchema });
    if (submission.status !== "success") return { form: "magic" as const, result: submission.reply(), sent: false };
    const outcome = await requestMagicLink(submission.value.email);
    if (!outcome.ok) return { form: "magic" as const, result: submission.reply({ formErrors: [outcome.formError] }), sent: false };
    return { form: "magic" as const, result: submission.reply({ resetForm: true }), sent: true };
  }
  const submission = parseWithZod(formData, { schema: loginSchema });
  if (submission.status !== "success") return { form: "password" as const, result: submission.reply({ hideFields: ["password"] }), sent: false };
  const outcome = await loginWithPassword(submission.value);
  if (!outcome.ok) return { form: "password" as const, result: submission.reply({ formErrors: [outcome.formError], hideFields: ["password"] }), sent: false };
  return startSessionResponse(request, outcome.token, submission.value.redirectTo);
}

export default function Login() {
  const { redirectTo, demo, proconnect } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const [form, fields] = useForm({
    id: "connexion",
    lastResult: actionData?.form === "password" ? actionData.result : undefined,
    constraint: getZodConstraint(loginSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
    defaultValue: { redirectTo },
  });
  const [magicForm, magicFields] = useForm({
    id: "lien-magique",
    lastResult: actionData?.form === "magic" ? actionData.result : undefined,
    constraint: getZodConstraint(emailOnlySchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: emailOnlySchema }),
  });
  return (
    <div className="container stack">
      <div className="page-header">
        <h1>Se connecter</h1>
        <p className="lead">Accédez à l'espace de votre structure : inscription, résultats, plan d'action.</p>
      </div>
      {proconnect ? (
        <section className="card stack" aria-labelledby="titre-proconnect">
          <h2 id="titre-proconnect">Avec ProConnect</h2>
          <p>Agent public : utilisez l'identité de votre administration, sans mot de passe propre au portail.</p>
          <ProConnectButton redirectTo={redirectTo} />
        </section>
      ) : null}
      <div className="grid">
        <section className="card stack" aria-labelledby="titre-mot-de-passe">
          <h2 id="titre-mot-de-passe">Avec votre mot de passe</h2>
          <Form method="post" {...getFormProps(form)} className="stack">
            <FormMessage errors={form.errors} id={form.errorId} />
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <Field meta={fields.email} label="Adresse e-mail" type="email" autoComplete="email" />
            <Field meta={fields.password} label="Mot de passe" type="password" autoComplete="current-password" />
            <div className="cluster">
              <button className="btn" type="submit" disabled={busy}>
                Se connecter
              </button>
              <Link to="/mot-de-passe-oublie">Mot de passe oublié ?</Link>
            </div>
          </Form>
        </section>
        <section className="card stack" aria-labelledby="titre-lien">
          <h2 id="titre-lien">Par un lien reçu par e-mail</h2>
          <p>Recevez un lien de connexion à usage unique, valable 15 minutes.</p>
          {actionData?.form === "magic" && actionData.sent ? (
            <Notice>Si un compte existe pour cette adresse, un lien de connexion vient de lui être envoyé.</Notice>
          ) : null}
          <Form method="post" {...getFormProps(magicForm)} className="stack">
            <FormMessage errors={magicForm.errors} id={magicForm.errorId} />
            <input type="hidden" name="intent" value="magic-link" />
            <Field meta={magicFields.email} label="Adresse e-mail" type="email" autoComplete="email" />
            <button className="btn btn-secondary" type="submit" disabled={busy}>
              Recevoir un lien de connexion
            </button>
          </Form>
        </section>
      </div>
      <p>
        Pas encore de compte ? <Link to="/inscription">Créer un compte</Link>
      </p>
      {demo ? (
        <section className="card card-muted stack" aria-labelledby="titre-demo">
          <h2 id="titre-demo">Comptes de démonstration</h2>
          <p>
            Mot de passe commun : <code>{demo.password}</code>
          </p>
          <ul>
            {demo.accounts.map((account) => (
              <li key={account.email}>
                <code>{account.email}</code> — {account.description}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
