/** Catch-all: any unknown URL is a 404 rendered by the root ErrorBoundary inside the shell. */
export async function loader() {
  throw new Response("Page introuvable", { status: 404 });
}

export default function CatchAll() {
  return null;
}
