import { AsyncLocalStorage } from "node:async_hooks";

export type RequestContext = {
  requestId: string;
  cspNonce: string;
  ip: string | null;
  userAgent: string | null;
  userId?: string;
  tenant?: string;
};

/* Shared through globalThis so the Express server and the Remix bundle use one store. */
const key = Symbol.for("experience-citoyen.request-context");
type G = typeof globalThis & { [key]?: AsyncLocalStorage<RequestContext> };
const g = globalThis as G;
export const requestContext: AsyncLocalStorage<RequestContext> = (g[key] ??= new AsyncLocalStorage<RequestContext>());

/** Lets guards attach who and which tenant to the request's log line. */
export function annotateRequest(fields: Partial<Pick<RequestContext, "userId" | "tenant">>) {
  const store = requestContext.getStore();
  if (store) Object.assign(store, fields);
}

export function clientMeta() {
  const store = requestContext.getStore();
  return { ipAddress: store?.ip ?? null, userAgent: store?.userAgent ?? null };
}
