/**
 * Conformity status of the portal with the RGAA, shown on the accessibility statement
 * and in the footer of every page. Change it only after an audit has been carried out:
 * automated scans and keyboard checks alone never justify "partiellement" or "totalement conforme".
 */
export const accessibilityStatus = "non conforme" as const;
export const accessibilityStatusLabel = "Accessibilité : non conforme";

/** The day the statement was last written (ISO date), shown on /accessibilite. */
export const accessibilityStatementDate = "2026-12-06";

/** The contact for accessibility issues, on the statement and the legal notice. */
export const accessibilityContactEmail = "accessibilite@barometre.example";

/**
 * Pages the automated journeys visit, each scanned with axe (WCAG 2.0 and 2.1, levels A and AA).
 * Keep it in step with e2e/: a page goes on this list when a journey opens it.
 */
export const scannedPages: ReadonlyArray<{ label: string; to: string | null }> = [
  { label: "Accueil", to: "/" },
  { label: "Le baromètre et l'inscription", to: "/barometre" },
  { label: "Chiffres clés de chaque édition", to: "/chiffres-cles" },
  { label: "Lauréats par édition et récit de chaque lauréat", to: "/laureats" },
  { label: "Données ouvertes", to: "/donnees" },
  { label: "Bibliothèque des bonnes pratiques, recherche et fiche d'une bonne pratique", to: "/bonnes-pratiques" },
  { label: "Abonnement à la bonne pratique de la semaine, confirmation et désabonnement", to: "/bonnes-pratiques/abonnement" },
  { label: "Création de compte, connexion, lien de connexion et mot de passe oublié", to: "/connexion" },
  { label: "Mon compte et mes sessions", to: null },
  { label: "Création d'une structure et invitation de ses membres", to: null },
  { label: "Espace d'une structure : accueil, inscription à une édition, paiement, facturation", to: null },
  { label: "Espace d'une structure : résultats, plan d'action, offres, membres", to: null },
  { label: "Back-office d'AFNOR", to: null },
  { label: "Déclaration d'accessibilité", to: "/accessibilite" },
  { label: "Mentions légales", to: "/mentions-legales" },
  { label: "Données personnelles", to: "/donnees-personnelles" },
];

/** Steps the journeys perform with the keyboard alone (focus, arrow keys, Tab, Enter). */
export const keyboardChecks = [
  "ouvrir une question de la foire aux questions de la page « Le baromètre »",
  "changer le statut d'une action du plan d'action depuis le tableau, puis la valider",
  "aller de l'accueil aux chiffres clés de 2020, puis aux lauréats 2020, au récit de Villeurbanne et à sa bonne pratique liée",
] as const;
