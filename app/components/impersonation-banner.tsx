import { Form } from "@remix-run/react";

export type ImpersonationBannerData = { tenantName: string; until: string } | null;

/** Shown on every page while an admin consults a structure's space ("voir comme"). */
export function ImpersonationBanner({ impersonation }: { impersonation: ImpersonationBannerData | undefined }) {
  if (!impersonation) return null;
  return (
    <section className="banner" aria-labelledby="voir-comme-titre">
      <div className="container cluster">
        <h2 id="voir-comme-titre" className="visually-hidden">
          Mode « voir comme »
        </h2>
        <p>
          Vous consultez l’espace de <strong>{impersonation.tenantName}</strong> en lecture seule, jusqu’à {impersonation.until} (heure de Paris).
        </p>
        <Form method="post" action="/voir-comme/fin">
          <button type="submit" className="btn btn-small">
            Terminer
          </button>
        </Form>
      </div>
    </section>
  );
}
