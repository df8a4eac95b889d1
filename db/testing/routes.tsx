import { renderToString } from "react-dom/server";
import { isRouteErrorResponse, type RouteObject } from "react-router-dom";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";

/*
 * Routes run as the server runs them, without a browser: tests list the routes they need with the
 * paths Remix derives from the file names. (Remix types a loader's arguments with its own `context`;
 * at run time they are React Router's, hence the cast where the list is built.)
 */

/** Runs the matching loader (and action) and renders the page without JavaScript; a thrown Response comes back as its status and text. */
export async function renderRoute(routes: RouteObject[], request: Request): Promise<{ status: number; html: string }> {
  const handler = createStaticHandler(routes);
  const context = await handler.query(request);
  if (context instanceof Response) return { status: context.status, html: await context.text() };
  const error = Object.values(context.errors ?? {})[0];
  if (isRouteErrorResponse(error)) return { status: error.status, html: String(error.data) };
  if (error) throw error;
  const router = createStaticRouter(handler.dataRoutes, context);
  // React separates adjacent text nodes with empty comments: gone, the text reads as a browser shows it.
  const html = renderToString(<StaticRouterProvider router={router} context={context} hydrate={false} />).replaceAll("<!-- -->", "");
  return { status: context.statusCode, html };
}

/** A resource route's response (CSV, PDF…); a thrown Response (404…) comes back as is. */
export async function routeResponse(routes: RouteObject[], request: Request): Promise<Response> {
  try {
    return (await createStaticHandler(routes).queryRoute(request)) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
