import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useParams,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { useEffect, useRef } from "react";
import stylesheet from "~/styles/app.css?url";
import { useNonce } from "~/components/nonce";
import { ImpersonationBanner } from "~/components/impersonation-banner";
import { loadImpersonationBanner } from "~/modules/auth/impersonation.server";
import { loadShell } from "~/modules/auth/shell.server";
import { accessibilityStatusLabel } from "~/modules/public/accessibility";
import { memberRoleLabels } from "~/modules/tenancy/permissions";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const [shell, impersonation] = await Promise.all([loadShell(request), loadImpersonationBanner(request)]);
  return { ...shell, impersonation };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <html lang="fr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#contenu">
          Aller au contenu
        </a>
        <ImpersonationBanner impersonation={data?.impersonation} />
        <SiteHeader data={data} />
        <main id="contenu" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function SiteHeader({ data }: { data: RootData | undefined }) {
  const params = useParams();
  const location = useLocation();
  const menus = useRef<HTMLDivElement>(null);
  // Close any open menu after navigation (the <details> stay open otherwise).
  useEffect(() => {
    menus.current?.querySelectorAll("details[open]").forEach((details) => details.removeAttribute("open"));
  }, [location.key]);
  const current = data?.tenants.find((tenant) => tenant.slug === params.tenant);
  return (
    <header className="site-header">
      {data?.demo ? (
        <div className="banner banner-warning">
          <p>
            Version de démonstration : les paiements sont simulés et les e-mails restent dans la{" "}
            <a href="/dev/boite-mail">boîte mail de test</a>.
          </p>
        </div>
      ) : null}
      <div className="container site-header-inner">
        <Link to="/" className="brand">
          <span className="brand-title">Baromètre Expérience Citoyen</span>
          <span className="brand-subtitle">Accueil et relation aux usagers des services publics</span>
        </Link>
        <nav className="site-nav" aria-label="Navigation principale">
          <ul>
            <li>
              <NavLink to="/" end>
                Accueil
              </NavLink>
            </li>
            <li>
              <NavLink to="/barometre">Le baromètre</NavLink>
            </li>
            <li>
              <NavLink to="/chiffres-cles">Chiffres clés</NavLink>
            </li>
            <li>
              <NavLink to="/laureats">Lauréats</NavLink>
            </li>
            <li>
              <NavLink to="/bonnes-pratiques">Bonnes pratiques</NavLink>
            </li>
            {data?.user ? (
              <li>
                <NavLink to="/mon-espace">Mon espace</NavLink>
              </li>
            ) : null}
            {data?.staffRoles.some((role) => role === "admin" || role === "sales") ? (
              <li>
                <NavLink to="/admin">Back-office</NavLink>
              </li>
            ) : null}
          </ul>
        </nav>
        <div className="header-tools" ref={menus}>
          {data?.user ? (
            <>
              {data.tenants.length > 0 ? (
                <details className="menu">
                  <summary>{current ? current.name : "Mes structures"}</summary>
                  <div className="menu-panel">
                    <ul aria-label="Changer de structure">
                      {data.tenants.map((tenant) => (
                        <li key={tenant.slug}>
                          <Link to={`/t/${tenant.slug}`} aria-current={tenant.slug === params.tenant ? "true" : undefined}>
                            {tenant.name} <span className="muted">({memberRoleLabels[tenant.role]})</span>
                          </Link>
                        </li>
                      ))}
                      <li>
                        <Link to="/structures/nouvelle">Ajouter une structure</Link>
                      </li>
                    </ul>
                  </div>
                </details>
              ) : null}
              <details className="menu">
                <summary>
                  <span className="visually-hidden">Compte de </span>
                  {data.user.name ?? data.user.email}
                </summary>
                <div className="menu-panel">
                  <ul aria-label="Mon compte">
                    <li>
                      <Link to="/compte">Mon compte</Link>
                    </li>
                    <li>
                      <Link to="/compte/sessions">Mes sessions</Link>
                    </li>
                    <li>
                      <Form method="post" action="/deconnexion">
                        <button type="submit">Se déconnecter</button>
                      </Form>
                    </li>
                  </ul>
                </div>
              </details>
            </>
          ) : (
            <>
              <Link className="btn btn-secondary btn-small" to="/connexion">
                Se connecter
              </Link>
              <Link className="btn btn-small" to="/inscription">
                Créer un compte
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}

function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="container">
        <ul className="footer-links">
          <li>
            <Link to="/accessibilite">{accessibilityStatusLabel}</Link>
          </li>
          <li>
            <Link to="/mentions-legales">Mentions légales</Link>
          </li>
          <li>
            <Link to="/donnees-personnelles">Données personnelles</Link>
          </li>
        </ul>
        <p>Baromètre Expérience Citoyen — un programme AFNOR d'évaluation de la relation aux usagers.</p>
      </div>
    </footer>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!isRouteErrorResponse(error)) console.error(error);
  const content: Record<number, { title: string; text: string }> = {
    403: { title: "Accès refusé", text: typeof (error as { data?: unknown })?.data === "string" ? String((error as { data: string }).data) : "Vous n'avez pas les droits nécessaires pour cette page." },
    404: { title: "Page introuvable", text: "La page demandée n'existe pas ou vous n'y avez pas accès. Vérifiez l'adresse ou revenez à l'accueil." },
    429: { title: "Trop de requêtes", text: "Merci de patienter un instant avant de réessayer." },
  };
  const { title, text } = content[status] ?? {
    title: "Erreur inattendue",
    text: "Une erreur est survenue de notre côté. L'équipe technique en est informée ; réessayez dans quelques instants.",
  };
  return (
    <div className="container stack page-header">
      <title>{`${title} | Baromètre Expérience Citoyen`}</title>
      <h1>{title}</h1>
      <p className="lead">{text}</p>
      <p>
        <Link to="/">Revenir à l'accueil</Link>
      </p>
    </div>
  );
}
