import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "~/utils/zod";
import { Notice } from "~/components/ui/field";
import { requireUser } from "~/modules/auth/guards.server";
import { invalidateAllUserSessions, invalidateUserSession, listUserSessions, serializeBlankSessionCookie } from "~/modules/auth/session.server";
import { describeDevice, formatDateTime } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Mes sessions | Baromètre Expérience Citoyen" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, session } = await requireUser(request);
  const sessions = await listUserSessions(user.id);
  return {
    sessions: sessions.map((s) => ({
      id: s.id,
      current: s.id === session.id,
      device: describeDevice(s.userAgent),
      ip: s.ipAddress,
      createdAt: formatDateTime(s.createdAt),
      lastSeen: formatDateTime(s.lastVerifiedAt),
    })),
  };
}

const schema = z.discriminatedUnion("intent", [
  // Session ids are base32 tokens: anything else (a NUL byte, 1 Mio…) never reaches the database.
  z.object({ intent: z.literal("revoke"), sessionId: z.string().regex(/^[a-z2-7]{1,64}$/, "Session introuvable.") }),
  z.object({ intent: z.literal("revoke-others") }),
  z.object({ intent: z.literal("revoke-all") }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const { user, session } = await requireUser(request);
  const parsed = schema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { message: "Action inconnue.", tone: "error" as const };
  switch (parsed.data.intent) {
    case "revoke": {
      const done = await invalidateUserSession(user.id, parsed.data.sessionId);
      if (!done) throw new Response("Session introuvable", { status: 404 });
      if (parsed.data.sessionId === session.id) return redirect("/connexion", { headers: { "Set-Cookie": serializeBlankSessionCookie() } });
      return { message: "La session a été fermée.", tone: "success" as const };
    }
    case "revoke-others":
      await invalidateAllUserSessions(user.id, session.id);
      return { message: "Toutes vos autres sessions ont été fermées.", tone: "success" as const };
    case "revoke-all":
      await invalidateAllUserSessions(user.id);
      return redirect("/connexion", { headers: { "Set-Cookie": serializeBlankSessionCookie() } });
  }
}

export default function Sessions() {
  const { sessions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="container stack">
      <div className="page-header">
        <h1>Mes sessions</h1>
        <p className="lead">Les appareils connectés à votre compte. Fermez une session que vous ne reconnaissez pas, puis changez de mot de passe.</p>
      </div>
      {actionData ? <Notice tone={actionData.tone}>{actionData.message}</Notice> : null}
      <div className="table-wrapper">
        <table className="table">
          <caption>Sessions ouvertes ({sessions.length})</caption>
          <thead>
            <tr>
              <th scope="col">Appareil</th>
              <th scope="col">Adresse IP</th>
              <th scope="col">Ouverte le</th>
              <th scope="col">Dernière activité</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id}>
                <td>
                  {s.device} {s.current ? <span className="badge badge-info">cette session</span> : null}
                </td>
                <td>{s.ip ?? "—"}</td>
                <td>{s.createdAt}</td>
                <td>{s.lastSeen}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="sessionId" value={s.id} />
                    <button className="btn btn-secondary btn-small" type="submit">
                      Fermer<span className="visually-hidden"> la session {s.device} ouverte le {s.createdAt}</span>
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="cluster">
        <Form method="post">
          <input type="hidden" name="intent" value="revoke-others" />
          <button className="btn btn-secondary" type="submit">
            Fermer toutes les autres sessions
          </button>
        </Form>
        <Form method="post">
          <input type="hidden" name="intent" value="revoke-all" />
          <button className="btn btn-danger" type="submit">
            Me déconnecter partout
          </button>
        </Form>
      </div>
    </div>
  );
}
