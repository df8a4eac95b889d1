import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FieldErrors, FormMessage, Notice } from "~/components/ui/field";
import { requireStaff } from "~/modules/auth/guards.server";
import { inviteStaffSchema, setStaffRolesSchema, staffRoleLabels, staffRoleNames } from "~/modules/auth/staff-roles";
import { inviteStaff, listStaff, setStaffRoles } from "~/modules/auth/staff.server";

export const meta: MetaFunction = () => [{ title: "Équipe AFNOR | Back-office | Baromètre Expérience Citoyen" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, ["admin"]);
  return { staff: await listStaff(), currentUserId: user.id };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireStaff(request, ["admin"]);
  const formData = await request.formData();
  if (formData.get("intent") === "invite") {
    const submission = parseWithZod(formData, { schema: inviteStaffSchema });
    if (submission.status !== "success") return { invite: submission.reply(), notice: null };
    const outcome = await inviteStaff(user, submission.value);
    if (!outcome.ok) return { invite: submission.reply({ formErrors: [outcome.message] }), notice: null };
    return { invite: submission.reply({ resetForm: true }), notice: { tone: "success" as const, message: outcome.message } };
  }
  const submission = parseWithZod(formData, { schema: setStaffRolesSchema });
  if (submission.status !== "success") return { invite: null, notice: { tone: "error" as const, message: Object.values(submission.error ?? {}).flat()[0] ?? "Saisie invalide." } };
  const outcome = await setStaffRoles(user.id, submission.value.userId, submission.value.roles);
  return { invite: null, notice: { tone: outcome.ok ? ("success" as const) : ("error" as const), message: outcome.message } };
}

export default function StaffTeam() {
  const { staff, currentUserId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "inviter",
    lastResult: actionData?.invite,
    constraint: getZodConstraint(inviteStaffSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteStaffSchema }),
  });
  return (
    <div className="stack">
      <h1>Équipe AFNOR</h1>
      {actionData?.notice ? <Notice tone={actionData.notice.tone}>{actionData.notice.message}</Notice> : null}
      <p>
        <a href="/admin/equipe.csv" download>
          Exporter en CSV
        </a>
      </p>
      <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-equipe">
        <table className="table">
          <caption id="legende-equipe">Membres de l’équipe ({staff.length})</caption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Adresse e-mail</th>
              <th scope="col">Rôles</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((member) => (
              <tr key={member.id}>
                <td>
                  {member.name ?? "—"}
                  {member.hasPassword ? null : <span className="muted"> (invitation en attente)</span>}
                </td>
                <td>{member.email}</td>
                <td>
                  <Form method="post" className="cluster">
                    <input type="hidden" name="intent" value="set-roles" />
                    <input type="hidden" name="userId" value={member.id} />
                    <fieldset className="cluster">
                      <legend className="visually-hidden">Rôles de {member.email}</legend>
                      {staffRoleNames.map((role) => (
                        <label key={role}>
                          <input
                            type="checkbox"
                            name="roles"
                            value={role}
                            defaultChecked={member.roles.includes(role)}
                            // Server-side rule too: an admin cannot remove their own admin role.
                            disabled={role === "admin" && member.id === currentUserId}
                          />{" "}
                          {staffRoleLabels[role]}
                        </label>
                      ))}
                      {member.id === currentUserId ? <input type="hidden" name="roles" value="admin" /> : null}
                    </fieldset>
                    <button className="btn btn-secondary btn-small" type="submit">
                      Enregistrer<span className="visually-hidden"> les rôles de {member.email}</span>
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Form method="post" {...getFormProps(form)} className="card stack">
        <h2>Inviter un membre de l’équipe</h2>
        <p className="muted">Une personne sans compte reçoit un lien pour choisir son mot de passe ; un compte existant reçoit simplement les rôles cochés.</p>
        <FormMessage errors={form.errors} id={form.errorId} />
        <input type="hidden" name="intent" value="invite" />
        <Field meta={fields.email} label="Adresse e-mail" type="email" autoComplete="off" />
        <fieldset aria-describedby={fields.roles.errorId}>
          <legend>Rôles</legend>
          {staffRoleNames.map((role) => (
            <label key={role} className="cluster">
              <input type="checkbox" name={fields.roles.name} value={role} defaultChecked={role === "sales"} /> {staffRoleLabels[role]}
            </label>
          ))}
          <FieldErrors id={fields.roles.errorId} errors={fields.roles.errors} />
        </fieldset>
        <div className="cluster">
          <button className="btn" type="submit">
            Inviter
          </button>
        </div>
      </Form>
    </div>
  );
}
