/**
 * ProConnect's button, as the federation asks relying parties to show it: "S'identifier avec
 * ProConnect" with the ProConnect mark, and the link "Qu'est-ce que ProConnect ?". A plain
 * document form: the answer is a redirect to the identity provider, another site.
 */
export function ProConnectButton({ redirectTo, mfa = false }: { redirectTo?: string; mfa?: boolean }) {
  return (
    <div className="proconnect-group">
      <form method="post" action="/connexion/proconnect">
        {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
        {mfa ? <input type="hidden" name="mfa" value="1" /> : null}
        <button type="submit" className="proconnect-button">
          <ProConnectMark />
          <span className="proconnect-button__text">
            <span className="proconnect-button__login">S’identifier avec</span> <span className="proconnect-button__brand">ProConnect</span>
          </span>
        </button>
      </form>
      <p>
        <a href="https://www.proconnect.gouv.fr/" target="_blank" rel="noopener noreferrer">
          Qu’est-ce que ProConnect ?<span className="visually-hidden"> (nouvelle fenêtre)</span>
        </a>
      </p>
    </div>
  );
}

/** The mark (a stylised shield with a person): decoration, the text carries the meaning. */
function ProConnectMark() {
  return (
    <svg className="proconnect-button__mark" aria-hidden="true" focusable="false" viewBox="0 0 32 32" width="32" height="32">
      <path d="M16 2 4 7v8.5C4 23 9.2 28.4 16 30c6.8-1.6 12-7 12-14.5V7L16 2Z" fill="#fff" />
      <path d="M16 4.3 6 8.4v7.1c0 6.3 4.3 10.9 10 12.4 5.7-1.5 10-6.1 10-12.4V8.4L16 4.3Z" fill="#000091" />
      <circle cx="16" cy="12.5" r="3.3" fill="#fff" />
      <path d="M9.8 22.2c1.1-3.1 3.5-4.9 6.2-4.9s5.1 1.8 6.2 4.9c-1.7 1.7-3.8 2.9-6.2 3.5-2.4-.6-4.5-1.8-6.2-3.5Z" fill="#fff" />
      <path d="M23.5 5.5 26 7v3" stroke="#e1000f" strokeWidth="1.6" fill="none" strokeLinecap="round" />
    </svg>
  );
}
