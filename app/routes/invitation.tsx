import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "~/utils/zod";
import { Field, FormMessage, Notice } from "~/components/ui/field";
import { getAuthenticated, startSessionResponse } from "~/modules/auth/guards.server";
import { passwordWeakness } from "~/modules/auth/password-policy";
import { memberRoleLabels } from "~/modules/tenancy/permissions";
import { acceptInvitation, findInvitation } from "~/modules/tenancy/members.server";
import { formatDateTime } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Invitation | Baromètre Expérience Citoyen" }];

const newAccountSchema = z
  .object({
    token: z.string().max(100),
    name: z.string({ error: "Indiquez vos prénom et nom." }).trim().min(2, "Indiquez vos prénom et nom.").max(120),
    password: z.string({ error: "Choisissez un mot de passe." }),
  })
  .superRefine((value, ctx) => {
    const weakness = passwordWeakness(value.password);
    if (weakness) ctx.addIssue({ code: "custom", path: ["password"], message: weakness });
  });

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const invitation = await findInvitation(token);
  const auth = await getAuthenticated(request);
  if (!invitation) return { token, invitation: null, signedInAs: auth?.user.email ?? null };
  return {
    token,
    signedInAs: auth?.user.email ?? null,
    invitation: {
      email: invitation.email,
      tenantName: invitation.tenantName,
      role: memberRoleLabels[invitation.role],
      expiresAt: formatDateTime(invitation.expiresAt),
      hasAccount: invitation.hasAccount,
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const auth = await getAuthenticated(request);
  if (auth) {
    const token = z.string().max(100).safeParse(formData.get("token"));
    const outcome = await acceptInvitation(token.success ? token.data : "", { userId: auth.user.id, email: auth.user.email });
    if (!outcome.ok) return { result: undefined, error: outcome.message };
    return redirect(`/t/${outcome.tenantSlug}?bienvenue=1`);
  }
  const submission = parseWithZod(formData, { schema: newAccountSchema });
  if (submission.status !== "success") return { result: submission.reply({ hideFields: ["password"] }), error: null };
  const outcome = await acceptInvitation(submission.value.token, { newAccount: { name: submission.value.name, password: submission.value.password } });
  if (!outcome.ok || !outcome.sessionToken) return { result: submission.reply({ formErrors: [outcome.ok ? "Erreur inattendue." : outcome.message], hideFields: ["password"] }), error: null };
  return startSessionResponse(request, outcome.sessionToken, `/t/${outcome.tenantSlug}?bienvenue=1`);
}

export default function Invitation() {
  const { token, invitation, signedInAs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "invitation",
    lastResult: actionData?.result,
    constraint: getZodConstraint(newAccountSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newAccountSchema }),
  });
  if (!invitation) {
    return (
      <div className="container stack">
        <h1>Invitation</h1>
        <Notice tone="error">Cette invitation n'est plus valable (déjà acceptée, annulée ou expirée). Demandez-en une nouvelle à la personne qui vous a invité.</Notice>
      </div>
    );
  }
  const here = `/invitation?token=${encodeURIComponent(token)}`;
  return (
    <div className="container stack">
      <div className="page-header">
        <h1>Rejoindre {invitation.tenantName}</h1>
        <p className="lead">
          Vous êtes invité·e comme <strong>{invitation.role}</strong> à l'adresse <strong>{invitation.email}</strong>. Invitation valable jusqu'au{" "}
          {invitation.expiresAt}.
        </p>
      </div>
      {actionData?.error ? <Notice tone="error">{actionData.error}</Notice> : null}
      {signedInAs ? (
        <Form method="post" className="stack">
          <input type="hidden" name="token" value={token} />
          <p>Vous êtes connecté·e avec {signedInAs}.</p>
          <div className="cluster">
            <button className="btn" type="submit">
              Accepter l'invitation
            </button>
          </div>
        </Form>
      ) : invitation.hasAccount ? (
        <p>
          Un compte existe pour cette adresse :{" "}
          <Link className="btn" to={`/connexion?redirectTo=${encodeURIComponent(here)}`}>
            Se connecter pour accepter
          </Link>
        </p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="card stack">
          <h2>Créer votre compte</h2>
          <FormMessage errors={form.errors} id={form.errorId} />
          <input type="hidden" name="token" value={token} />
          <Field meta={fields.name} label="Prénom et nom" autoComplete="name" />
          <Field meta={fields.password} label="Mot de passe" type="password" autoComplete="new-password" hint="Au moins 12 caractères." />
          <div className="cluster">
            <button className="btn" type="submit">
              Créer mon compte et rejoindre la structure
            </button>
          </div>
        </Form>
      )}
    </div>
  );
}
