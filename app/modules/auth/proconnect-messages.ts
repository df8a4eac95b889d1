/** Why a ProConnect sign-in was refused, in French, and the HTTP status of the page saying so. */
export type FailureReason = "disabled" | "unavailable" | "state" | "denied" | "code" | "token" | "claims" | "mfa" | "conflict" | "rate-limited";

export const failureMessages: Record<FailureReason, string> = {
  disabled: "La connexion avec ProConnect n'est pas disponible sur ce portail.",
  unavailable: "ProConnect ne répond pas pour le moment. Réessayez dans quelques minutes ou connectez-vous par e-mail.",
  state:
    "Cette réponse de ProConnect n'est pas reconnue : la connexion a expiré, a déjà été utilisée ou a été commencée dans un autre navigateur. Recommencez la connexion.",
  denied: "La connexion avec ProConnect a été annulée ou refusée par votre fournisseur d'identité.",
  code: "ProConnect a refusé le code de connexion (déjà utilisé ou expiré). Recommencez la connexion.",
  token:
    "La réponse de ProConnect n'a pas pu être vérifiée (jeton expiré, mal signé ou destiné à un autre service). Par sécurité, la connexion est refusée. Recommencez la connexion.",
  claims: "ProConnect n'a pas transmis les informations nécessaires (adresse e-mail, nom). Contactez votre administration ou connectez-vous par e-mail.",
  mfa: "Votre compte fait partie de l'équipe AFNOR : il doit se connecter avec une authentification à deux facteurs. Votre connexion ProConnect n'en a pas utilisé, elle est donc refusée.",
  conflict: "Cette identité ProConnect est déjà associée à un autre compte du portail.",
  "rate-limited": "Trop de demandes de liaison pour ce compte : patientez quelques minutes avant de réessayer.",
};

export const failureStatus: Record<FailureReason, number> = {
  disabled: 404,
  unavailable: 503,
  state: 400,
  denied: 400,
  code: 400,
  token: 400,
  claims: 400,
  mfa: 403,
  conflict: 409,
  "rate-limited": 429,
};
