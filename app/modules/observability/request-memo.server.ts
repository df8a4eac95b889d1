import { requestContext } from "./request-context.server";

/**
 * The key of the per-request memos (signed-in user, "voir comme", membership). Remix hands each
 * loader its own copy of the Request, so keyed by the Request alone the root, layout and page
 * loaders each read them again: reads (GET, HEAD) share the HTTP request's context instead.
 * A mutation keeps its own Request as key, so the loaders that run after an action (on a fresh GET
 * Request, same context) read the state the action left, never one memoized before it.
 */
export function requestMemoKey(request: Request): object {
  if (request.method !== "GET" && request.method !== "HEAD") return request;
  return requestContext.getStore() ?? request;
}
