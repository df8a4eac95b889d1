import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FieldErrors, FormMessage, Notice } from "~/components/ui/field";
import { requireMembership } from "~/modules/tenancy/guard.server";
import { changeMember, inviteMember, listMembers, revokeInvitation } from "~/modules/tenancy/members.server";
import { decideMembershipRequest, listPendingRequests } from "~/modules/tenancy/membership-requests.server";
import { can, memberRoleDescriptions, memberRoleLabels, memberRoles } from "~/modules/tenancy/permissions";
import { changeRoleSchema, decideRequestSchema, inviteSchema, removeMemberSchema, revokeInvitationSchema } from "~/modules/tenancy/schemas";
import { formatDate, formatDateTime } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Membres | Baromètre Expérience Citoyen" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMembership(request, params.tenant, "members.read");
  const canDecide = can(ctx.role, "members.invite") && !ctx.impersonating;
  const [{ members, pending }, requests] = await Promise.all([listMembers(ctx), canDecide ? listPendingRequests(ctx) : []]);
  return {
    tenantName: ctx.tenant.name,
    me: ctx.user.id,
    canInvite: can(ctx.role, "members.invite"),
    canManage: can(ctx.role, "members.manage"),
    members: members.map((m) => ({ ...m, since: formatDate(m.since), roleLabel: memberRoleLabels[m.role] })),
    pending: pending.map((p) => ({ ...p, expiresAt: formatDateTime(p.expiresAt), roleLabel: memberRoleLabels[p.role] })),
    requests: requests.map((r) => ({ ...r, createdAt: formatDateTime(r.createdAt) })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "invite") {
    const ctx = await requireMembership(request, params.tenant, "members.invite");
    const submission = parseWithZod(formData, { schema: inviteSchema });
    if (submission.status !== "success") return { result: submission.reply(), notice: null };
    const outcome = await inviteMember(ctx, submission.value);
    if (!outcome.ok) return { result: submission.reply({ fieldErrors: { email: [outcome.message] } }), notice: null };
    return { result: submission.reply({ resetForm: true }), notice: { tone: "success" as const, message: outcome.message } };
  }
  if (intent === "approve-request" || intent === "refuse-request") {
    const ctx = await requireMembership(request, params.tenant, "members.invite");
    const parsed = decideRequestSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return { result: undefined, notice: { tone: "error" as const, message: parsed.error.issues[0]?.message ?? "Saisie invalide." } };
    const { requestId } = parsed.data;
    const outcome = await decideMembershipRequest(ctx, parsed.data.intent === "approve-request" ? { requestId, decision: "approve", role: parsed.data.role } : { requestId, decision: "refuse" });
    return { result: undefined, notice: { tone: outcome.ok ? ("success" as const) : ("error" as const), message: outcome.message } };
  }
  const ctx = await requireMembership(request, params.tenant, "members.manage");
  const values = Object.fromEntries(formData);
  if (intent === "change-role") {
    const parsed = changeRoleSchema.safeParse(values);
    if (!parsed.success) return { result: undefined, notice: { tone: "error" as const, message: parsed.error.issues[0]?.message ?? "Saisie invalide." } };
    const outcome = await changeMember(ctx, parsed.data.userId, { role: parsed.data.role });
    return { result: undefined, notice: { tone: outcome.ok ? ("success" as const) : ("error" as const), message: outcome.message } };
  }
  if (intent === "remove") {
    const parsed = removeMemberSchema.safeParse(values);
    if (!parsed.success) return { result: undefined, notice: { tone: "error" as const, message: "Membre inconnu." } };
    const outcome = await changeMember(ctx, parsed.data.userId, "remove");
    if (outcome.ok && parsed.data.userId === ctx.user.id) return redirect("/mon-espace");
    return { result: undefined, notice: { tone: outcome.ok ? ("success" as const) : ("error" as const), message: outcome.message } };
  }
  if (intent === "revoke-invitation") {
    const parsed = revokeInvitationSchema.safeParse(values);
    if (!parsed.success) return { result: undefined, notice: { tone: "error" as const, message: "Invitation inconnue." } };
    const outcome = await revokeInvitation(ctx, parsed.data.invitationId);
    return { result: undefined, notice: { tone: "success" as const, message: outcome.message } };
  }
  return { result: undefined, notice: { tone: "error" as const, message: "Action inconnue." } };
}

export default function Members() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "invitation-membre",
    lastResult: actionData?.result,
    constraint: getZodConstraint(inviteSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteSchema }),
    defaultValue: { role: "member" },
  });
  return (
    <div className="stack">
      <h1>Membres de {data.tenantName}</h1>
      {actionData?.notice ? <Notice tone={actionData.notice.tone}>{actionData.notice.message}</Notice> : null}
      {data.requests.length > 0 ? (
        <div className="table-wrapper">
          <table className="table">
            <caption>Demandes d'accès en attente ({data.requests.length})</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Adresse e-mail</th>
                <th scope="col">SIRET ProConnect</th>
                <th scope="col">Reçue le</th>
                <th scope="col">Décision</th>
              </tr>
            </thead>
            <tbody>
              {data.requests.map((r) => (
                <tr key={r.id}>
                  <td>{r.name ?? "—"}</td>
                  <td>{r.email}</td>
                  <td>{r.siret}</td>
                  <td>{r.createdAt}</td>
                  <td>
                    <div className="cluster">
                      <Form method="post" className="cluster">
                        <input type="hidden" name="intent" value="approve-request" />
                        <input type="hidden" name="requestId" value={r.id} />
                        <label className="visually-hidden" htmlFor={`request-role-${r.id}`}>
                          Rôle accordé à {r.name ?? r.email}
                        </label>
                        <select id={`request-role-${r.id}`} name="role" defaultValue="viewer">
                          {memberRoles.map((role) => (
                            <option key={role} value={role}>
                              {memberRoleLabels[role]}
                            </option>
                          ))}
                        </select>
                        <button className="btn btn-small" type="submit">
                          Accepter<span className="visually-hidden"> la demande de {r.name ?? r.email}</span>
                        </button>
                      </Form>
                      <Form method="post">
                        <input type="hidden" name="intent" value="refuse-request" />
                        <input type="hidden" name="requestId" value={r.id} />
                        <button className="btn btn-secondary btn-danger btn-small" type="submit">
                          Refuser<span className="visually-hidden"> la demande de {r.name ?? r.email}</span>
                        </button>
                      </Form>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="table-wrapper">
        <table className="table">
          <caption>Membres ({data.members.length})</caption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Adresse e-mail</th>
              <th scope="col">Rôle</th>
              <th scope="col">Depuis le</th>
              {data.canManage ? <th scope="col">Actions</th> : null}
            </tr>
          </thead>
          <tbody>
            {data.members.map((member) => (
              <tr key={member.userId}>
                <td>{member.name ?? "—"}</td>
                <td>{member.email}</td>
                <td>{member.roleLabel}</td>
                <td>{member.since}</td>
                {data.canManage ? (
                  <td>
                    <div className="cluster">
                      <Form method="post" className="cluster">
                        <input type="hidden" name="intent" value="change-role" />
                        <input type="hidden" name="userId" value={member.userId} />
                        <label className="visually-hidden" htmlFor={`role-${member.userId}`}>
                          Rôle de {member.name ?? member.email}
                        </label>
                        <select id={`role-${member.userId}`} name="role" defaultValue={member.role}>
                          {memberRoles.map((role) => (
                            <option key={role} value={role}>
                              {memberRoleLabels[role]}
                            </option>
                          ))}
                        </select>
                        <button className="btn btn-secondary btn-small" type="submit">
                          Changer<span className="visually-hidden"> le rôle de {member.name ?? member.email}</span>
                        </button>
                      </Form>
                      <Form method="post">
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="userId" value={member.userId} />
                        <button className="btn btn-secondary btn-danger btn-small" type="submit">
                          {member.userId === data.me ? "Quitter la structure" : "Retirer"}
                          <span className="visually-hidden"> {member.name ?? member.email}</span>
                        </button>
                      </Form>
                    </div>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {data.pending.length > 0 ? (
        <div className="table-wrapper">
          <table className="table">
            <caption>Invitations en attente ({data.pending.length})</caption>
            <thead>
              <tr>
                <th scope="col">Adresse e-mail</th>
                <th scope="col">Rôle</th>
                <th scope="col">Expire le</th>
                {data.canManage ? <th scope="col">Action</th> : null}
              </tr>
            </thead>
            <tbody>
              {data.pending.map((invitation) => (
                <tr key={invitation.id}>
                  <td>{invitation.email}</td>
                  <td>{invitation.roleLabel}</td>
                  <td>{invitation.expiresAt}</td>
                  {data.canManage ? (
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="revoke-invitation" />
                        <input type="hidden" name="invitationId" value={invitation.id} />
                        <button className="btn btn-secondary btn-small" type="submit">
                          Annuler<span className="visually-hidden"> l'invitation de {invitation.email}</span>
                        </button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {data.canInvite ? (
        <Form method="post" {...getFormProps(form)} className="card stack">
          <h2>Inviter un collègue</h2>
          <FormMessage errors={form.errors} id={form.errorId} />
          <input type="hidden" name="intent" value="invite" />
          <Field meta={fields.email} label="Adresse e-mail" type="email" autoComplete="off" />
          <div className="field">
            <label htmlFor={fields.role.id}>Rôle</label>
            <select {...getSelectProps(fields.role)} key={fields.role.key}>
              {memberRoles.map((role) => (
                <option key={role} value={role}>
                  {memberRoleLabels[role]} — {memberRoleDescriptions[role]}
                </option>
              ))}
            </select>
            <FieldErrors id={fields.role.errorId} errors={fields.role.errors} />
          </div>
          <div className="cluster">
            <button className="btn" type="submit">
              Envoyer l'invitation
            </button>
          </div>
        </Form>
      ) : (
        <p className="muted">Seuls les responsables de la structure peuvent inviter de nouveaux membres.</p>
      )}
    </div>
  );
}
