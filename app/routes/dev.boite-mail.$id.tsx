import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { env } from "~/env.server";
import { getOutboxMessage } from "~/modules/mail/outbox.server";
import { formatDateTime } from "~/utils/format";

export async function loader({ params }: LoaderFunctionArgs) {
  if (!env().DEMO) throw new Response("Page introuvable", { status: 404 });
  const message = await getOutboxMessage(params.id ?? "");
  if (!message) throw new Response("Message introuvable", { status: 404 });
  return {
    to: message.toAddress,
    subject: message.subject,
    text: message.text,
    createdAt: formatDateTime(message.createdAt),
    links: [...message.text.matchAll(/https?:\/\/[^\s<>"')\]]+/g)].map((m) => m[0]),
  };
}

/** The text version is shown (the HTML would need inline styles our CSP refuses); links are clickable. */
export default function DevMailboxMessage() {
  const message = useLoaderData<typeof loader>();
  return (
    <article className="card stack" aria-labelledby="objet-message">
      <h2 id="objet-message">{message.subject}</h2>
      <p className="muted">
        À {message.to}, le {message.createdAt}
      </p>
      {message.links.length > 0 ? (
        <ul aria-label="Liens du message">
          {message.links.map((link) => (
            <li key={link}>
              <a href={link}>{link}</a>
            </li>
          ))}
        </ul>
      ) : null}
      <pre className="prose mail-text">
        {message.text}
      </pre>
    </article>
  );
}
