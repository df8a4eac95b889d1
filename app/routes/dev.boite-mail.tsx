import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, Outlet, useLoaderData } from "@remix-run/react";
import { env } from "~/env.server";
import { listOutbox } from "~/modules/mail/outbox.server";
import { formatDateTime } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Boîte mail de test | Baromètre Expérience Citoyen" }, { name: "robots", content: "noindex" }];

/** The developer mailbox: every e-mail of the outbox, in demo/development only. */
export async function loader(_: LoaderFunctionArgs) {
  if (!env().DEMO) throw new Response("Page introuvable", { status: 404 });
  const messages = await listOutbox(200);
  return { messages: messages.map((m) => ({ ...m, createdAt: formatDateTime(m.createdAt) })) };
}

export default function DevMailbox() {
  const { messages } = useLoaderData<typeof loader>();
  return (
    <div className="container stack">
      <div className="page-header">
        <h1>Boîte mail de test</h1>
        <p className="lead">En démonstration, les e-mails ne partent pas : ils sont conservés ici.</p>
      </div>
      <Outlet />
      <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-messages">
        <table className="table">
          <caption id="legende-messages">Messages ({messages.length})</caption>
          <thead>
            <tr>
              <th scope="col">Destinataire</th>
              <th scope="col">Objet</th>
              <th scope="col">Date</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr key={m.id}>
                <td>{m.toAddress}</td>
                <td>
                  <Link to={`/dev/boite-mail/${m.id}`}>{m.subject}</Link>
                </td>
                <td>{m.createdAt}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
