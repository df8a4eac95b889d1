import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ProConnectButton } from "~/components/proconnect-button";
import proconnectStyles from "~/styles/proconnect.css?url";
import { proconnectEnabled } from "~/modules/auth/proconnect-client.server";
import { Field, FormMessage, Notice } from "~/components/ui/field";
import { signUp } from "~/modules/auth/accounts.server";
import { requireAnonymous } from "~/modules/auth/guards.server";
import { PASSWORD_MIN_LENGTH } from "~/modules/auth/password-policy";
import { signupSchema } from "~/modules/auth/schemas";

export const meta: MetaFunction = () => [
  { title: "Créer un compte | Baromètre Expérience Citoyen" },
  { name: "description", content: "Créez votre compte pour inscrire votre structure au Baromètre Expérience Citoyen." },
];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: proconnectStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return { proconnect: proconnectEnabled() };
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: signupSchema });
  if (submission.status !== "success") return { result: submission.reply({ hideFields: ["password"] }), email: null };
  const outcome = await signUp(submission.value);
  if (!outcome.ok) return { result: submission.reply({ formErrors: [outcome.formError], hideFields: ["password"] }), email: null };
  return { result: submission.reply({ resetForm: true }), email: submission.value.email };
}

export default function SignUp() {
  const { proconnect } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "inscription",
    lastResult: actionData?.result,
    constraint: getZodConstraint(signupSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signupSchema }),
  });
  if (actionData?.email) {
    return (
      <div className="container stack">
        <h1>Vérifiez votre boîte mail</h1>
        <Notice>
          Un message vient d'être envoyé à <strong>{actionData.email}</strong>. Cliquez sur le lien qu'il contient pour confirmer votre adresse et
          accéder à votre espace.
        </Notice>
        <p>Rien reçu après quelques minutes ? Vérifiez les courriers indésirables, puis essayez la connexion par lien.</p>
        <p>
          <Link to="/connexion">Aller à la page de connexion</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="container stack">
      <div className="page-header">
        <h1>Créer un compte</h1>
        <p className="lead">Votre compte personnel vous permet ensuite de créer l'espace de votre structure ou de rejoindre celui de vos collègues.</p>
      </div>
      {proconnect ? (
        <section className="card stack" aria-labelledby="titre-proconnect">
          <h2 id="titre-proconnect">Agent public : créez votre compte avec ProConnect</h2>
          <p>Votre compte est créé à la première connexion, avec le nom et l'adresse e-mail de votre administration.</p>
          <ProConnectButton />
        </section>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="card stack">
        <FormMessage errors={form.errors} id={form.errorId} />
        <Field meta={fields.name} label="Prénom et nom" autoComplete="name" />
        <Field meta={fields.email} label="Adresse e-mail professionnelle" type="email" autoComplete="email" hint="Par exemple : qualite@mairie-exemple.fr" />
        <Field
          meta={fields.password}
          label="Mot de passe"
          type="password"
          autoComplete="new-password"
          hint={`Au moins ${PASSWORD_MIN_LENGTH} caractères. Une phrase de passe de plusieurs mots est plus facile à retenir.`}
        />
        <div className="cluster">
          <button className="btn" type="submit" disabled={navigation.state === "submitting"}>
            Créer mon compte
          </button>
        </div>
      </Form>
      <p>
        Déjà un compte ? <Link to="/connexion">Se connecter</Link>
      </p>
    </div>
  );
}
