/**
 * The seeded audit referential of the Baromètre Expérience Citoyen: 6 channels, 3 stages,
 * 20 determinants and the audit items a mystery auditor checks anonymously.
 *
 * Pure data, no imports: the seed script, the CSV import and the tests read it.
 * Items are written from the practices of the Qualivilles and Services Publics+ labels
 * (and the former Marianne label), plus AFNOR's own measured facts.
 *
 * Measured items: `thresholds` are sorted by ascending `upTo`; a measured value earns the
 * points of the first threshold whose `upTo` it does not exceed, and 0 above the last one
 * (lower is better: fewer rings, fewer seconds, fewer days, fewer clicks).
 */

export const channels = [
  { code: "telephone", label: "Téléphone", position: 1 },
  { code: "courriel", label: "Courriel", position: 2 },
  { code: "courrier", label: "Courrier postal", position: 3 },
  { code: "site", label: "Site internet", position: 4 },
  { code: "reseaux_sociaux", label: "Réseaux sociaux et avis en ligne", position: 5 },
  { code: "accueil_physique", label: "Accueil physique", position: 6 },
] as const;

export const stages = [
  { code: "acces", label: "Accès", position: 1 },
  { code: "information_orientation", label: "Information et orientation", position: 2 },
  { code: "traitement", label: "Traitement de la demande", position: 3 },
] as const;

export type ChannelCode = (typeof channels)[number]["code"];
export type StageCode = (typeof stages)[number]["code"];

/** Item code prefixes: `<CHANNEL-PREFIX>-<STAGE-PREFIX>-<NN>`, e.g. `TEL-ACC-01`. */
export const channelPrefixes: Record<ChannelCode, string> = {
  telephone: "TEL",
  courriel: "MEL",
  courrier: "COU",
  site: "WEB",
  reseaux_sociaux: "RS",
  accueil_physique: "PHY",
};

export const stagePrefixes: Record<StageCode, string> = {
  acces: "ACC",
  information_orientation: "INF",
  traitement: "TRT",
};

export type SeedDeterminant = { code: string; label: string; description: string };

export const determinants: SeedDeterminant[] = [
  // The eight determinants named in the barometer's public material.
  {
    code: "accessibilite",
    label: "Accessibilité",
    description: "L'usager parvient à joindre la structure ou à s'y rendre, quel que soit le canal choisi et sa situation.",
  },
  {
    code: "reactivite",
    label: "Réactivité",
    description: "La structure répond vite : décroché rapide, délais de réponse courts aux écrits et aux messages en ligne.",
  },
  {
    code: "courtoisie",
    label: "Courtoisie",
    description: "L'usager est salué, remercié et traité avec politesse du premier au dernier échange.",
  },
  {
    code: "personnalisation",
    label: "Personnalisation",
    description: "La réponse tient compte de la personne et de sa situation au lieu d'un discours standard.",
  },
  {
    code: "gestion_attente",
    label: "Gestion de l'attente",
    description: "L'attente est courte, annoncée et rendue supportable : messages d'attente, estimation, organisation de la file.",
  },
  {
    code: "qualite_reponse",
    label: "Qualité de la réponse",
    description: "La demande obtient une réponse, et cette réponse est exacte, complète et utile.",
  },
  {
    code: "efficacite_transfert",
    label: "Efficacité du transfert",
    description: "Quand la demande relève d'un autre service ou organisme, l'usager y est conduit sans perte ni répétition.",
  },
  {
    code: "traitement_reclamations",
    label: "Traitement des réclamations",
    description: "Une insatisfaction exprimée est entendue, reçoit une réponse argumentée et la voie de réclamation est connue.",
  },
  // Twelve further determinants completing the grid.
  {
    code: "lisibilite_ecrits",
    label: "Lisibilité des réponses écrites",
    description: "Les écrits sont faciles à lire : phrases courtes, vocabulaire courant, orthographe soignée, mise en page claire.",
  },
  {
    code: "identification_agent",
    label: "Identification de l'agent",
    description: "L'usager sait à qui il s'adresse : nom, fonction ou service de l'interlocuteur, signature des écrits.",
  },
  {
    code: "information_horaires",
    label: "Information sur les horaires",
    description: "Les jours et heures d'ouverture sont publiés, à jour et cohérents d'un support à l'autre.",
  },
  {
    code: "suivi_demande",
    label: "Suivi de la demande",
    description: "L'usager sait où en est sa demande : accusé de réception, référence, rappel promis tenu, prochaine étape annoncée.",
  },
  {
    code: "accessibilite_numerique",
    label: "Accessibilité numérique",
    description: "Les services en ligne sont utilisables par tous, y compris avec un handicap ou un équipement modeste (RGAA).",
  },
  {
    code: "clarte_site",
    label: "Clarté du site",
    description: "Le site est bien organisé : on y trouve vite l'information et la démarche recherchées.",
  },
  {
    code: "reformulation_besoin",
    label: "Reformulation du besoin",
    description: "L'interlocuteur s'assure d'avoir compris la demande, la reformule et la précise par des questions.",
  },
  {
    code: "confidentialite",
    label: "Confidentialité et discrétion",
    description: "Les données et la situation personnelle de l'usager sont protégées et abordées avec discrétion.",
  },
  {
    code: "confort_locaux",
    label: "Confort des locaux",
    description: "Les lieux d'accueil sont propres, calmes et équipés pour attendre dans de bonnes conditions.",
  },
  {
    code: "signaletique",
    label: "Signalétique et repérage",
    description: "L'usager trouve son chemin jusqu'au bon lieu ou au bon bureau grâce au fléchage, aux plans et aux indications.",
  },
  {
    code: "coordonnees_contact",
    label: "Visibilité des coordonnées",
    description: "Téléphone, adresse postale, adresse électronique et pages officielles sont faciles à trouver et justes.",
  },
  {
    code: "expression_usagers",
    label: "Écoute des usagers",
    description: "La structure recueille l'avis des usagers et rend compte de ses engagements et de ses résultats.",
  },
];

export type Threshold = { upTo: number; points: number };

export type SeedItem = {
  code: string;
  label: string;
  channel: ChannelCode;
  stage: StageCode;
  determinant: string;
  weight: number;
  answerType: "yes_no" | "scale" | "measure";
  unit?: "sonneries" | "secondes" | "jours ouvrés" | "heures" | "clics";
  thresholds?: Threshold[];
  source: "Qualivilles" | "Services Publics+" | "Marianne" | "AFNOR";
};

export const referentialItems: SeedItem[] = [
  // ── Téléphone · Accès ──────────────────────────────────────────────────────────────
  { code: "TEL-ACC-01", label: "L'appel aboutit dès la première tentative", channel: "telephone", stage: "acces", determinant: "accessibilite", weight: 3, answerType: "yes_no", source: "Qualivilles" },
  { code: "TEL-ACC-02", label: "Appel décroché avant la 5e sonnerie", channel: "telephone", stage: "acces", determinant: "reactivite", weight: 2, answerType: "yes_no", source: "Marianne" },
  { code: "TEL-ACC-03", label: "Nombre de sonneries avant le décroché", channel: "telephone", stage: "acces", determinant: "reactivite", weight: 2, answerType: "measure", unit: "sonneries", thresholds: [{ upTo: 2, points: 1 }, { upTo: 4, points: 0.75 }, { upTo: 5, points: 0.5 }, { upTo: 8, points: 0.2 }], source: "AFNOR" },
  { code: "TEL-ACC-04", label: "Secondes d'attente avant de parler à une personne", channel: "telephone", stage: "acces", determinant: "gestion_attente", weight: 2, answerType: "measure", unit: "secondes", thresholds: [{ upTo: 15, points: 1 }, { upTo: 30, points: 0.75 }, { upTo: 60, points: 0.5 }, { upTo: 120, points: 0.2 }], source: "AFNOR" },
  { code: "TEL-ACC-05", label: "Le serveur vocal propose au plus trois choix par menu", channel: "telephone", stage: "acces", determinant: "accessibilite", weight: 1, answerType: "yes_no", source: "Services Publics+" },
  { code: "TEL-ACC-06", label: "Un message indique que l'appel va être pris en charge", channel: "telephone", stage: "acces", determinant: "gestion_attente", weight: 1, answerType: "yes_no", source: "Marianne" },
  { code: "TEL-ACC-07", label: "Le message ou la musique d'attente est audible et sans coupure", channel: "telephone", stage: "acces", determinant: "gestion_attente", weight: 1, answerType: "yes_no", source: "AFNOR" },
  { code: "TEL-ACC-08", label: "En dehors des heures d'ouverture, un message vocal donne les horaires", channel: "telephone", stage: "acces", determinant: "information_horaires", weight: 2, answerType: "yes_no", source: "Qualivilles" },
  { code: "TEL-ACC-09", label: "L'agent décroche en citant le nom de la structure", channel: "telephone", stage: "acces", determinant: "identification_agent", weight: 1, answerType: "yes_no", source: "Qualivilles" },
  { code: "TEL-ACC-10", label: "La communication n'est pas interrompue pendant l'attente", channel: "telephone", stage: "acces", determinant: "accessibilite", weight: 2, answerType: "yes_no", source: "AFNOR" },

  // ── Téléphone · Information et orientation ─────────────────────────────────────────
  { code: "TEL-INF-01", label: "L'agent annonce son nom ou son service", channel: "telephone", stage: "information_orientation", determinant: "identification_agent", weight: 2, answerType: "yes_no", source: "Marianne" },
  { code: "TEL-INF-02", label: "L'agent accueille l'appelant par une formule de salutation", channel: "telephone", stage: "information_orientation", determinant: "courtoisie", weight: 1, answerType: "yes_no", source: "Qualivilles" },
  { code: "TEL-INF-03", label: "L'agent reformule la demande avant d'y répondre", channel: "telephone", stage: "information_orientation", determinant: "reformulation_besoin", weight: 2, answerType: "yes_no", source: "Services Publics+" },
  { code: "TEL-INF-04", label: "L'agent pose des questions pour préciser le besoin", channel: "telephone", stage: "information_orientation", determinant: "reformulation_besoin", weight: 1, answerType: "yes_no", source: "AFNOR" },
  { code: "TEL-INF-05", label: "Le service compétent est identifié par le premier interlocuteur", channel: "telephone", stage: "information_orientation", determinant: "efficacite_transfert", weight: 2, answerType: "yes_no", source: "Qualivilles" },
  { code: "TEL-INF-06", label: "L'agent annonce le transfert et nomme le service destinataire", channel: "telephone", stage: "information_orientation", determinant: "efficacite_transfert", weight: 1, answerType: "yes_no", source: "Marianne" },
  { code: "TEL-INF-07", label: "Le transfert d'appel aboutit sans que la ligne soit perdue", channel: "telephone", stage: "information_orientation", determinant: "efficacite_transfert", weight: 2, answerType: "yes_no", source: "Qualivilles" },
  { code: "TEL-INF-08", label: "Après le transfert, l'appelant n'a pas à tout réexpliquer", channel: "telephone", stage: "information_orientation", determinant: "efficacite_transfert", weight: 1, answerType: "yes_no", source: "Services Publics+" },
  { code: "TEL-INF-09", label: "Secondes d'attente pendant le transfert", channel: "telephone", stage: "information_orientation", determinant: "gestion_attente", weight: 1, answerType: "measure", unit: "secondes", thresholds: [{ upTo: 20, points: 1 }, { upTo: 45, points: 0.6 }, { upTo: 90, points: 0.3 }], source: "AFNOR" },
  { code: "TEL-INF-10", label: "L'agent demande l'accord de l'appelant avant de le mettre en attente", channel: "telephone", stage: "information_orientation", determinant: "courtoisie", weight: 1, answerType: "yes_no", source: "Qualivilles" },
  { code: "TEL-INF-11", label: "Amabilité du ton de l'agent au téléphone", channel: "telephone", stage: "information_orientation", determinant: "courtoisie", weight: 2, answerType: "scale", source: "AFNOR" },
  { code: "TEL-INF-12", label: "L'agent s'adresse à l'appelant en utilisant son nom", channel: "telephone", stage: "information_orientation", determinant: "personnalisation", weight: 1, answerType: "yes_no", source: "Services Publics+" },

  // ── Téléphone · Traitement de la demande ───────────────────────────────────────────
  { code: "TEL-TRT-01", label: "La demande téléphonique obtient une réponse pendant l'appel ou lors d'un rappel convenu", channel: "telephone", stage: "traitement", determinant: "qualite_reponse", weight: 3, answerType: "yes_no", source: "Services Publics+" },
  { code: "TEL-TRT-02", label: "L'information donnée au téléphone est exacte", channel: "telephone", stage: "traitement", determinant: "qualite_reponse", weight: 3, answerType: "yes_no", source: "Qualivilles" },
  { code: "TEL-TRT-03", label: "La réponse téléphonique est complète : pièces, délais et étapes cités", channel: "telephone", stage: "traitement", determinant: "qualite_reponse", weight: 2, answerType: "yes_no", source: "Marianne" },
  { code: "TEL-TRT-04", label: "Clarté de la réponse donnée au téléphone", channel: "telephone", stage: "traitement", determinant: "qualite_reponse", weight: 2, answerType: "scale", source: "AFNOR" },
  { code: "TEL-TRT-05", label: "L'agent vérifie que l'appelant a bien compris la réponse", channel: "telephone", stage: "traitement", determinant: "reformulation_besoin", weight: 1, answerType: "yes_no", source: "Qualivilles" },
  { code: "TEL-TRT-06", label: "Un rappel est proposé quand la réponse ne peut pas être donnée tout de suite", channel: "telephone", stage: "traitement", determinant: "suivi_demande", weight: 2, answerType: "yes_no", source: "Marianne" },
  { code: "TEL-TRT-07", label: "Heures écoulées avant le rappel promis", channel: "telephone", stage: "traitement", determinant: "suivi_demande", weight: 2, answerType: "measure", unit: "heures", thresholds: [{ upTo: 4, points: 1 }, { upTo: 24, points: 0.7 }, { upTo: 48, points: 0.4 }, { upTo: 72, points: 0.1 }], source: "AFNOR" },
  { code: "TEL-TRT-08", label: "L'agent indique la suite à donner : lien, document ou rendez-vous", channel: "telephone", stage: "traitement", determinant: "suivi_demande", weight: 1, answerType: "yes_no", source: "Services Publics+" },
  { code: "TEL-TRT-09", label: "L'agent demande à l'appelant s'il a une autre question", channel: "telephone", stage: "traitement", determinant: "personnalisation", weight: 1, answerType: "yes_no", source: "Qualivilles" },
  { code: "TEL-TRT-10", label: "L'agent conclut l'appel par une formule de politesse", channel: "telephone", stage: "traitement", determinant: "courtoisie", weight: 1, answerType: "yes_no", source: "Marianne" },
  { code: "TEL-TRT-11", label: "Face à un appelant mécontent, l'agent explique comment faire une réclamation", channel: "telephone", stage: "traitement", determinant: "traitement_reclamations", weight: 2, answerType: "yes_no", source: "Services Publics+" },
  { code: "TEL-TRT-12", label: "L'agent ne demande aucune donnée personnelle inutile à la demande", channel: "telephone", stage: "traitement", determinant: "confidentialite", weight: 1, answerType: "yes_no", source: "AFNOR" },

  // ── Courriel · Accès ───────────────────────────────────────────────────────────────
  { code: "MEL-ACC-01", label: "Une adresse électronique ou un formulaire de contact se trouve sur le site", channel: "courriel", stage: "acces", determinant: "coordonnees_contact", weight: 2, answerType: "yes_no", source: "Qualivilles" },
  { code: "MEL-ACC-02", label: "Le formulaire de contact s'envoie et confirme la bonne réception", channel: "courriel", stage: "acces", determinant: "accessibilite", weight: 2, answerType: "yes_no", source: "Services Publics+" },
  { code: "MEL-ACC-03", label: "Un accusé de réception automatique est reçu après l'envoi du courriel", channel: "courriel", stage: "acces", determinant: "reactivite", weight: 1, answerType: "yes_no", source: "Marianne" },
  { code: "MEL-ACC-04", label: "Heures écoulées avant l'accusé de réception du courriel", channel: "courriel", stage: "acces", determinant: "reactivite", weight: 1, answerType: "measure", unit: "heures", thresholds: [{ upTo: 1, points: 1 }, { upTo: 24, points: 0.6 }, { upTo: 72, points: 0.2 }], source: "AFNOR" },
  { code: "MEL-ACC-05", label: "L'accusé de réception annonce un délai de réponse", channel: "courriel", stage: "acces", determinant: "suivi_demande", weight: 1, answerType: "yes_no", source: "Services Publics+" },
  { code: "MEL-ACC-06", label: "L'accusé de réception donne une référence de dossier", channel: "courriel", stage: "acces", determinant: "suivi_demande", weight: 1, answerType: "yes_no", source: "AFNOR" },
  { code: "MEL-ACC-07", label: "Le courriel envoyé ne revient pas en erreur", channel: "courriel", stage: "acces", determinant: "accessibilite", weight: 2, answerType: "yes_no", source: "Qualivilles" },
  { code: "MEL-ACC-08", label: "Le formulaire de contact ne réclame que les informations nécessaires", channel: "courriel", stage: "acces", determinant: "confidentialite", weight: 1, answerType: "yes_no", source: "Services Publics+" },
  { code: "MEL-ACC-09", label: "Le formulaire de contact signale clairement les champs obligatoires", channel: "courriel", stage: "acces", determinant: "accessibilite_numerique", weight: 1, answerType: "yes_no", source: "AFNOR" },

  // ── Courriel · Information et orientation ──────────────────────────────────────────
  { code: "MEL-INF-01", label: "Le courriel est traité par le service compétent ou transmis à celui-ci", channel: "courriel", stage: "information_orientation", determinant: "efficacite_transfert", weight: 2, answerType: "yes_no", source: "Qualivilles" },
  { code: "MEL-INF-02", label: "L'usager est prévenu quand son courriel est transmis à un autre service", channel: "courriel", stage: "information_orientation", determinant: "efficacite_transfert", weight: 1, answerType: "yes_no", source: "Marianne" },
  { code: "MEL-INF-03", label: "La réponse au courriel indique le service qui traite la demande", channel: "courriel", stage: "information_orientation", determinant: "identification_agent", weight: 1, answerType: "yes_no", source: "Services Publics+" },
  { code: "MEL-INF-04", label: "La réponse au courriel rappelle l'objet de la demande", channel: "courriel", stage: "information_orientation", determinant: "reformulation_besoin", weight: 1, answerType: "yes_no", source: "AFNOR" },
  { code: "MEL-INF-05", label: "La réponse au courriel donne un numéro de téléphone pour aller plus loin", channel: "courriel", stage: "information_orientation", determinant: "coordonnees_contact", weight: 1, answerType: "yes_no", source: "Qualivilles" },
  { code: "MEL-INF-06", label: "La réponse au courriel précise les horaires d'accueil du service concerné", channel: "courriel", stage: "information_orientation", determinant: "information_horaires", weight: 1, answerType: "yes_no", source: "Qualivilles" },
  { code: "MEL-INF-07", label: "L'objet du courriel de réponse est explicite", channel: "courriel", stage: "information_orientation", determinant: "lisibilite_ecrits", weight: 1, answerType: "yes_no", source: "AFNOR" },
  { code: "MEL-INF-08", label: "La réponse au courriel porte le nom et la fonction de son auteur", channel: "courriel", stage: "information_orientation", determinant: "identification_agent", weight: 2, answerType: "yes_no", source: "Marianne" },

  // ── Courriel · Traitement de la demande ────────────────────────────────────────────
  { code: "MEL-TRT-01", label: "Le courriel reçoit une réponse", channel: "courriel", stage: "traitement", determinant: "qualite_reponse", weight: 3, answerType: "yes_no", source: "Services Publics+" },
  { code: "MEL-TRT-02", label: "Réponse au courriel sous 5 jours ouvrés", channel: "courriel", stage: "traitement", determinant: "reactivite", weight: 2, answerType: "yes_no", source: "Marianne" },
  { code: "MEL-TRT-03", label: "Jours ouvrés écoulés avant la réponse au courriel", channel: "courriel", stage: "traitement", determinant: "reactivite", weight: 2, answerType: "measure", unit: "jours ouvrés", thresholds: [{ upTo: 1, points: 1 }, { upTo: 2, points: 0.85 }, { upTo: 5, points: 0.6 }, { upTo: 10, points: 0.25 }], source: "AFNOR" },
  { code: "MEL-TRT-04", label: "La réponse s'ouvre et se ferme par une formule de politesse", channel: "courriel", stage: "traitement", determinant: "courtoisie", weight: 1, answerType: "yes_no", source: "Qualivilles" },
  { code: "MEL-TRT-05", label: "Le contenu de la réponse au courriel est exact", channel: "courriel", stage: "traitement", determinant: "qualite_reponse", weight: 3, answerType: "yes_no", source: "Services Publics+" },
  { code: "MEL-TRT-06", label: "La réponse au courriel traite chacune des questions posées", channel: "courriel", stage: "traitement", determinant: "qualite_reponse", weight: 2, answerType: "yes_no", source: "Qualivilles" },
  { code: "MEL-TRT-07", label: "Lisibilité de la réponse au courriel : phrases courtes, mots courants", channel: "courriel", stage: "traitement", determinant: "lisibilite_ecrits", weight: 2, answerType: "scale", source: "AFNOR" },
  { code: "MEL-TRT-08", label: "La réponse au courriel ne comporte pas de faute d'orthographe", channel: "courriel", stage: "traitement", determinant: "lisibilite_ecrits", weight: 1, answerType: "yes_no", source: "Marianne" },
  { code: "MEL-TRT-09", label: "La réponse au courriel nomme son destinataire", channel: "courriel", stage: "traitement", determinant: "personnalisation", weight: 1, answerType: "yes_no", source: "Qualivilles" },
  { code: "MEL-TRT-10", label: "La réponse au courriel s'appuie sur la situation exposée, pas sur un texte type", channel: "courriel", stage: "traitement", determinant: "personnalisation", weight: 2, answerType: "yes_no", source: "Services Publics+" },
  { code: "MEL-TRT-11", label: "Une réclamation envoyée par courriel reçoit une réponse motivée", channel: "courriel", stage: "traitement", determinant: "traitement_reclamations", weight: 2, answerType: "yes_no", source: "Services Publics+" },
  { code: "MEL-TRT-12", label: "Les liens et pièces jointes de la réponse s'ouvrent sans difficulté", channel: "courriel", stage: "traitement", determinant: "accessibilite_numerique", weight: 1, answerType: "yes_no", source: "AFNOR" },

  // ── Courrier postal · Accès ────────────────────────────────────────────────────────
  { code: "COU-ACC-01", label: "L'adresse postale complète de la structure figure sur le site", channel: "courrier", stage: "acces", determinant: "coordonnees_contact", weight: 2, answerType: "yes_no", source: "Qualivilles" },
  { code: "COU-ACC-02", label: "Le courrier envoyé n'est pas retourné à l'expéditeur", channel: "courrier", stage: "acces", determinant: "accessibilite", weight: 2, answerType: "yes_no", source: "AFNOR" },
  { code: "COU-ACC-03", label: "Un accusé de réception du courrier est envoyé à l'usager", channel: "courrier", stage: "acces", determinant: "reactivite", weight: 1, answerType: "yes_no", source: "Marianne" },
  { code: "COU-ACC-04", label: "Jours ouvrés écoulés avant l'accusé de réception du courrier", channel: "courrier", stage: "acces", determinant: "reactivite", weight: 1, answerType: "measure", unit: "jours ouvrés", thresholds: [{ upTo: 3, points: 1 }, { upTo: 8, points: 0.5 }, { upTo: 15, points: 0.2 }], source: "AFNOR" },
  { code: "COU-ACC-05", label: "L'accusé de réception du courrier nomme le service chargé du dossier", channel: "courrier", stage: "acces", determinant: "suivi_demande", weight: 1, answerType: "yes_no", source: "Services Publics+" },
  { code: "COU-ACC-06", label: "L'accusé de réception du courrier donne un contact pour suivre le dossier", channel: "courrier", stage: "acces", determinant: "suivi_demande", weight: 1, answerType: "yes_no", source: "Qualivilles" },
  { code: "COU-ACC-07", label: "L'accusé de réception rappelle les délais et voies de recours quand ils s'appliquent", channel: "courrier", stage: "acces", determinant: "traitement_reclamations", weight: 1, answerType: "yes_no", source: "Marianne" },
  { code: "COU-ACC-08", label: "L'adresse postale est identique sur le site et sur les documents remis", channel: "courrier", stage: "acces", determinant: "coordonnees_contact", weight: 1, answerType: "yes_no", source: "AFNOR" },

  // ── Courrier postal · Information et orientation ───────────────────────────────────
  { code: "COU-INF-01", label: "La lettre de réponse porte les coordonnées du service qui suit le dossier", channel: "courrier", stage: "information_orientation", determinant: "identification_agent", weight: 1, answerType: "yes_no", source: "Marianne" },
  { code: "COU-INF-02", label: "La lettre de réponse mentionne le nom de l'agent à contacter", channel: "courrier", stage: "information_orientation", determinant: "identification_agent", weight: 1, answerType: "yes_no", source: "Qualivilles" },
  { code: "COU-INF-03", label: "La lettre de réponse rappelle la date ou l'objet du courrier reçu", channel: "courrier", stage: "information_orientation", determinant: "reformulation_besoin", weight: 1, answerType: "yes_no", source: "AFNOR" },
  { code: "COU-INF-04", label: "Si la demande relève d'un autre organisme, la lettre le dit et donne ses coordonnées", channel: "courrier", stage: "information_orientation", determinant: "efficacite_transfert", weight: 2, answerType: "yes_no", source: "Services Publics+" },
  { code: "COU-INF-05", label: "L'usager est informé quand son courrier est transmis à un autre service", channel: "courrier", stage: "information_orientation", determinant: "efficacite_transfert", weight: 1, answerType: "yes_no", source: "Marianne" },
  { code: "COU-INF-06", label: "La lettre de réponse indique les horaires et le lieu d'accueil du service", channel: "courrier", stage: "information_orientation", determinant: "information_horaires", weight: 1, answerType: "yes_no", source: "Qualivilles" },
  { code: "COU-INF-07", label: "La lettre de réponse propose un autre moyen de contact pour poursuivre l'échange", channel: "courrier", stage: "information_orientation", determinant: "coordonnees_contact", weight: 1, answerType: "yes_no", source: "Services Publics+" },

  // ── Courrier postal · Traitement de la demande ─────────────────────────────────────
  { code: "COU-TRT-01", label: "Le courrier reçoit une réponse écrite", channel: "courrier", stage: "traitement", determinant: "qualite_reponse", weight: 3, answerType: "yes_no", source: "Qualivilles" },
  { code: "COU-TRT-02", label: "Réponse au courrier sous 15 jours ouvrés", channel: "courrier", stage: "traitement", determinant: "reactivite", weight: 2, answerType: "yes_no", source: "Marianne" },
  { code: "COU-TRT-03", label: "Jours ouvrés écoulés avant la réponse au courrier", channel: "courrier", stage: "traitement", determinant: "reactivite", weight: 2, answerType: "measure", unit: "jours ouvrés", thresholds: [{ upTo: 5, points: 1 }, { upTo: 10, points: 0.75 }, { upTo: 15, points: 0.5 }, { upTo: 30, points: 0.2 }], source: "AFNOR" },
  { code: "COU-TRT-04", label: "Le contenu de la lettre de réponse est exact", channel: "courrier", stage: "traitement", determinant: "qualite_reponse", weight: 3, answerType: "yes_no", source: "Services Publics+" },
  { code: "COU-TRT-05", label: "Clarté de la lettre de réponse", channel: "courrier", stage: "traitement", determinant: "lisibilite_ecrits", weight: 2, answerType: "scale", source: "AFNOR" },
  { code: "COU-TRT-06", label: "La lettre s'ouvre par une formule d'appel et se termine par une formule de politesse", channel: "courrier", stage: "traitement", determinant: "courtoisie", weight: 1, answerType: "yes_no", source: "Qualivilles" },
  { code: "COU-TRT-07", label: "La lettre est signée par un responsable identifié", channel: "courrier", stage: "traitement", determinant: "identification_agent", weight: 1, answerType: "yes_no", source: "Marianne" },
  { code: "COU-TRT-08", label: "La lettre de réponse tient compte des détails de la situation décrite", channel: "courrier", stage: "traitement", determinant: "personnalisation", weight: 2, answerType: "yes_no", source: "Services Publics+" },
  { code: "COU-TRT-09", label: "Une lettre de réclamation reçoit une réponse exposant les mesures prises", channel: "courrier", stage: "traitement", determinant: "traitement_reclamations", weight: 2, answerType: "yes_no", source: "Qualivilles" },
  { code: "COU-TRT-10", label: "La lettre a un en-tête et une mise en page aérée", channel: "courrier", stage: "traitement", determinant: "lisibilite_ecrits", weight: 1, answerType: "yes_no", source: "AFNOR" },

  // ── Site internet · Accès ──────────────────────────────────────────────────────────
  { code: "WEB-ACC-01", label: "Le site officiel apparaît en tête d'une recherche sur le nom de la structure", channel: "site", stage: "acces", determinant: "accessibilite", weight: 1, answerType: "yes_no", source: "AFNOR" },
  { code: "WEB-ACC-02", label: "Les horaires d'ouverture figurent sur la page d'accueil du site", channel: "site", stage: "acces", determinant: "information_horaires", weight: 2, answerType: "yes_no", source: "Qualivilles" },
  { code: "WEB-ACC-03", label: "Nombre de clics pour trouver les horaires d'ouverture", channel: "site", stage: "acces", determinant: "information_horaires", weight: 1, answerType: "measure", unit: "clics", thresholds: [{ upTo: 1, points: 1 }, { upTo: 2, points: 0.75 }, { upTo: 3, points: 0.5 }, { upTo: 5, points: 0.2 }], source: "AFNOR" },
  { code: "WEB-ACC-04", label: "Nombre de clics pour trouver un moyen de contacter la structure", channel: "site", stage: "acces", determinant: "coordonnees_contact", weight: 1, answerType: "measure", unit: "clics", thresholds: [{ upTo: 1, points: 1 }, { upTo: 2, points: 0.7 }, { upTo: 4, points: 0.3 }], source: "AFNOR" },
  { code: "WEB-ACC-05", label: "La page d'accueil affiche le niveau de conformité à l'accessibilité", channel: "site", stage: "acces", determinant: "accessibilite_numerique", weight: 1, answerType: "yes_no", source: "Services Publics+" },
  { code: "WEB-ACC-06", label: "Le site reste lisible et utilisable sur un téléphone mobile", channel: "site", stage: "acces", determinant: "accessibilite_numerique", weight: 2, answerType: "yes_no", source: "Services Publics+" },
  { code: "WEB-ACC-07", label: "Un moteur de recherche interne est disponible sur le site", channel: "site", stage: "acces", determinant: "clarte_site", weight: 1, answerType: "yes_no", source: "Qualivilles" },
  { code: "WEB-ACC-08", label: "Le site s'ouvre en HTTPS sans avertissement de sécurité", channel: "site", stage: "acces", determinant: "confidentialite", weight: 1, answerType: "yes_no", source: "AFNOR" },
  { code: "WEB-ACC-09", label: "Les rubriques du menu principal portent des intitulés compréhensibles", channel: "site", stage: "acces", determinant: "clarte_site", weight: 1, answerType: "yes_no", source: "Qualivilles" },
  { code: "WEB-ACC-10", label: "Secondes de chargement de la page d'accueil", channel: "site", stage: "acces", determinant: "accessibilite_numerique", weight: 1, answerType: "measure", unit: "secondes", thresholds: [{ upTo: 2, points: 1 }, { upTo: 4, points: 0.6 }, { upTo: 8, points: 0.2 }], source: "AFNOR" },

  // ── Site internet · Information et orientation ─────────────────────────────────────
  { code: "WEB-INF-01", label: "Les démarches les plus demandées sont accessibles depuis la page d'accueil", channel: "site", stage: "information_orientation", determinant: "clarte_site", weight: 2, answerType: "yes_no", source: "Qualivilles" },
  { code: "WEB-INF-02", label: "Nombre de clics pour atteindre la page d'une démarche courante", channel: "site", stage: "information_orientation", determinant: "clarte_site", weight: 1, answerType: "measure", unit: "clics", thresholds: [{ upTo: 2, points: 1 }, { upTo: 3, points: 0.7 }, { upTo: 5, points: 0.3 }], source: "AFNOR" },
  { code: "WEB-INF-03", label: "La page d'une démarche liste les pièces à fournir", channel: "site", stage: "information_orientation", determinant: "qualite_reponse", weight: 2, answerType: "yes_no", source: "Services Publics+" },
  { code: "WEB-INF-04", label: "La page d'une démarche nomme le service compétent et donne ses coordonnées", channel: "site", stage: "information_orientation", determinant: "efficacite_transfert", weight: 1, answerType: "yes_no", source: "Qualivilles" },
  { code: "WEB-INF-05", label: "Les horaires de chaque lieu d'accueil, annexes comprises, sont publiés", channel: "site", stage: "information_orientation", determinant: "information_horaires", weight: 1, answerType: "yes_no", source: "Qualivilles" },
  { code: "WEB-INF-06", label: "Les fermetures exceptionnelles et les horaires d'été sont annoncés sur le site", channel: "site", stage: "information_orientation", determinant: "information_horaires", weight: 1, answerType: "yes_no", source: "Marianne" },
  { code: "WEB-INF-07", label: "La dernière actualité publiée date de moins de trois mois", channel: "site", stage: "information_orientation", determinant: "qualite_reponse", weight: 1, answerType: "yes_no", source: "AFNOR" },
  { code: "WEB-INF-08", label: "Un plan ou une carte situe les lieux d'accueil", channel: "site", stage: "information_orientation", determinant: "signaletique", weight: 1, answerType: "yes_no", source: "Qualivilles" },
  { code: "WEB-INF-09", label: "Les liens vers Service-Public.fr et les sites nationaux fonctionnent", channel: "site", stage: "information_orientation", determinant: "efficacite_transfert", weight: 1, answerType: "yes_no", source: "Services Publics+" },
  { code: "WEB-INF-10", label: "Les documents à télécharger sont dans un format lisible sans logiciel payant", channel: "site", stage: "information_orientation", determinant: "accessibilite_numerique", weight: 1, answerType: "yes_no", source: "AFNOR" },
  { code: "WEB-INF-11", label: "Un fil d'Ariane indique où l'on se trouve dans le site", channel: "site", stage: "information_orientation", determinant: "clarte_site", weight: 1, answerType: "yes_no", source: "AFNOR" },
  { code: "WEB-INF-12", label: "Les images qui portent une information ont une alternative textuelle", channel: "site", stage: "information_orientation", determinant: "accessibilite_numerique", weight: 1, answerType: "yes_no", source: "Services Publics+" },

  // ── Site internet · Traitement de la demande ───────────────────────────────────────
  { code: "WEB-TRT-01", label: "La démarche testée peut être menée entièrement en ligne", channel: "site", stage: "traitement", determinant: "qualite_reponse", weight: 2, answerType: "yes_no", source: "Services Publics+" },
  { code: "WEB-TRT-02", label: "L'envoi d'une démarche en ligne déclenche une confirmation avec récapitulatif", channel: "site", stage: "traitement", determinant: "suivi_demande", weight: 2, answerType: "yes_no", source: "Services Publics+" },
  { code: "WEB-TRT-03", label: "Un espace personnel ou un numéro de suivi montre l'avancement de la démarche", channel: "site", stage: "traitement", determinant: "suivi_demande", weight: 1, answerType: "yes_no", source: "AFNOR" },
  { code: "WEB-TRT-04", label: "La foire aux questions répond à la question testée", channel: "site", stage: "traitement", determinant: "qualite_reponse", weight: 3, answerType: "yes_no", source: "Qualivilles" },
  { code: "WEB-TRT-05", label: "Clarté des explications données en ligne", channel: "site", stage: "traitement", determinant: "clarte_site", weight: 2, answerType: "scale", source: "AFNOR" },
  { code: "WEB-TRT-06", label: "Le site offre un moyen de signaler un problème ou de déposer une réclamation", channel: "site", stage: "traitement", determinant: "traitement_reclamations", weight: 2, answerType: "yes_no", source: "Services Publics+" },
  { code: "WEB-TRT-07", label: "Le site invite l'usager à noter la page ou la démarche", channel: "site", stage: "traitement", determinant: "expression_usagers", weight: 1, answerType: "yes_no", source: "Services Publics+" },
  { code: "WEB-TRT-08", label: "Les engagements de service et les résultats de satisfaction sont publiés sur le site", channel: "site", stage: "traitement", determinant: "expression_usagers", weight: 1, answerType: "yes_no", source: "Services Publics+" },
  { code: "WEB-TRT-09", label: "Les formulaires en ligne se remplissent au clavier seul", channel: "site", stage: "traitement", determinant: "accessibilite_numerique", weight: 1, answerType: "yes_no", source: "AFNOR" },
  { code: "WEB-TRT-10", label: "La page de contact annonce le délai de réponse habituel", channel: "site", stage: "traitement", determinant: "reactivite", weight: 1, answerType: "yes_no", source: "Marianne" },
  { code: "WEB-TRT-11", label: "Le site signale un lieu d'aide aux démarches en ligne (France Services, médiateur numérique)", channel: "site", stage: "traitement", determinant: "accessibilite", weight: 1, answerType: "yes_no", source: "Services Publics+" },

  // ── Réseaux sociaux et avis en ligne · Accès ───────────────────────────────────────
  { code: "RS-ACC-01", label: "Le site renvoie vers les comptes officiels de la structure sur les réseaux sociaux", channel: "reseaux_sociaux", stage: "acces", determinant: "coordonnees_contact", weight: 1, answerType: "yes_no", source: "AFNOR" },
  { code: "RS-ACC-02", label: "La page Facebook officielle se reconnaît à son nom, son logo et son lien vers le site", channel: "reseaux_sociaux", stage: "acces", determinant: "coordonnees_contact", weight: 1, answerType: "yes_no", source: "Services Publics+" },
  { code: "RS-ACC-03", label: "La page Facebook permet d'écrire en message privé", channel: "reseaux_sociaux", stage: "acces", determinant: "accessibilite", weight: 2, answerType: "yes_no", source: "AFNOR" },
  { code: "RS-ACC-04", label: "La fiche Google de l'établissement existe et affiche des horaires", channel: "reseaux_sociaux", stage: "acces", determinant: "information_horaires", weight: 1, answerType: "yes_no", source: "Services Publics+" },
  { code: "RS-ACC-05", label: "Les horaires de la fiche Google concordent avec ceux du site", channel: "reseaux_sociaux", stage: "acces", determinant: "information_horaires", weight: 1, answerType: "yes_no", source: "AFNOR" },
  { code: "RS-ACC-06", label: "La page précise quand les messages reçus sont lus et traités", channel: "reseaux_sociaux", stage: "acces", determinant: "gestion_attente", weight: 1, answerType: "yes_no", source: "Services Publics+" },
  { code: "RS-ACC-07", label: "Une réponse automatique accuse réception du message privé", channel: "reseaux_sociaux", stage: "acces", determinant: "gestion_attente", weight: 1, answerType: "yes_no", source: "AFNOR" },
  { code: "RS-ACC-08", label: "La page Facebook a publié au cours du dernier mois", channel: "reseaux_sociaux", stage: "acces", determinant: "reactivite", weight: 1, answerType: "yes_no", source: "AFNOR" },
  { code: "RS-ACC-09", label: "Le compte X (ex-Twitter) de la structure a publié au cours du dernier mois", channel: "reseaux_sociaux", stage: "acces", determinant: "reactivite", weight: 1, answerType: "yes_no", source: "AFNOR" },

  // ── Réseaux sociaux et avis en ligne · Information et orientation ──────────────────
  { code: "RS-INF-01", label: "La réponse au message privé oriente vers le service ou la page utile", channel: "reseaux_sociaux", stage: "information_orientation", determinant: "efficacite_transfert", weight: 2, answerType: "yes_no", source: "Services Publics+" },
  { code: "RS-INF-02", label: "La réponse en ligne contient un lien vers la démarche concernée", channel: "reseaux_sociaux", stage: "information_orientation", determinant: "efficacite_transfert", weight: 1, answerType: "yes_no", source: "AFNOR" },
  { code: "RS-INF-03", label: "La réponse publiée sur le réseau social est signée (prénom, initiales ou service)", channel: "reseaux_sociaux", stage: "information_orientation", determinant: "identification_agent", weight: 1, answerType: "yes_no", source: "Services Publics+" },
  { code: "RS-INF-04", label: "Une question personnelle posée en public est redirigée vers un message privé", channel: "reseaux_sociaux", stage: "information_orientation", determinant: "confidentialite", weight: 2, answerType: "yes_no", source: "Services Publics+" },
  { code: "RS-INF-05", label: "La réponse en ligne reprend la question pour montrer qu'elle est comprise", channel: "reseaux_sociaux", stage: "information_orientation", determinant: "reformulation_besoin", weight: 1, answerType: "yes_no", source: "AFNOR" },
  { code: "RS-INF-06", label: "La réponse en ligne indique un téléphone ou une adresse pour aller plus loin", channel: "reseaux_sociaux", stage: "information_orientation", determinant: "coordonnees_contact", weight: 1, answerType: "yes_no", source: "Qualivilles" },
  { code: "RS-INF-07", label: "Le ton de la réponse en ligne est courtois et adapté au réseau", channel: "reseaux_sociaux", stage: "information_orientation", determinant: "courtoisie", weight: 1, answerType: "yes_no", source: "AFNOR" },

  // ── Réseaux sociaux et avis en ligne · Traitement de la demande ────────────────────
  { code: "RS-TRT-01", label: "Un message privé Facebook reçoit une réponse", channel: "reseaux_sociaux", stage: "traitement", determinant: "qualite_reponse", weight: 3, answerType: "yes_no", source: "Services Publics+" },
  { code: "RS-TRT-02", label: "Heures écoulées avant la réponse au message privé", channel: "reseaux_sociaux", stage: "traitement", determinant: "reactivite", weight: 2, answerType: "measure", unit: "heures", thresholds: [{ upTo: 4, points: 1 }, { upTo: 24, points: 0.75 }, { upTo: 48, points: 0.5 }, { upTo: 120, points: 0.2 }], source: "AFNOR" },
  { code: "RS-TRT-03", label: "Un avis Google négatif reçoit une réponse argumentée", channel: "reseaux_sociaux", stage: "traitement", determinant: "traitement_reclamations", weight: 2, answerType: "yes_no", source: "Services Publics+" },
  { code: "RS-TRT-04", label: "Un avis Google positif reçoit un remerciement", channel: "reseaux_sociaux", stage: "traitement", determinant: "courtoisie", weight: 1, answerType: "yes_no", source: "Services Publics+" },
  { code: "RS-TRT-05", label: "Heures écoulées avant la réponse à un avis en ligne", channel: "reseaux_sociaux", stage: "traitement", determinant: "reactivite", weight: 1, answerType: "measure", unit: "heures", thresholds: [{ upTo: 24, points: 1 }, { upTo: 72, points: 0.6 }, { upTo: 168, points: 0.3 }], source: "AFNOR" },
  { code: "RS-TRT-06", label: "L'information donnée en réponse sur le réseau social est exacte", channel: "reseaux_sociaux", stage: "traitement", determinant: "qualite_reponse", weight: 3, answerType: "yes_no", source: "Services Publics+" },
  { code: "RS-TRT-07", label: "Une question posée en commentaire public reçoit une réponse", channel: "reseaux_sociaux", stage: "traitement", determinant: "reactivite", weight: 2, answerType: "yes_no", source: "AFNOR" },
  { code: "RS-TRT-08", label: "La réponse à un avis négatif propose une solution ou un contact", channel: "reseaux_sociaux", stage: "traitement", determinant: "traitement_reclamations", weight: 2, answerType: "yes_no", source: "Services Publics+" },
  { code: "RS-TRT-09", label: "La réponse à un avis s'adresse à son auteur de façon personnalisée", channel: "reseaux_sociaux", stage: "traitement", determinant: "personnalisation", weight: 1, answerType: "yes_no", source: "AFNOR" },
  { code: "RS-TRT-10", label: "La réponse en ligne est écrite sans faute ni abréviation", channel: "reseaux_sociaux", stage: "traitement", determinant: "lisibilite_ecrits", weight: 1, answerType: "yes_no", source: "AFNOR" },
  { code: "RS-TRT-11", label: "Pertinence de la réponse au message privé", channel: "reseaux_sociaux", stage: "traitement", determinant: "qualite_reponse", weight: 2, answerType: "scale", source: "AFNOR" },

  // ── Accueil physique · Accès ───────────────────────────────────────────────────────
  { code: "PHY-ACC-01", label: "Les horaires d'ouverture sont affichés à l'entrée du bâtiment", channel: "accueil_physique", stage: "acces", determinant: "information_horaires", weight: 2, answerType: "yes_no", source: "Qualivilles" },
  { code: "PHY-ACC-02", label: "Le lieu d'accueil est ouvert aux heures annoncées", channel: "accueil_physique", stage: "acces", determinant: "accessibilite", weight: 3, answerType: "yes_no", source: "Marianne" },
  { code: "PHY-ACC-03", label: "L'entrée est praticable en fauteuil roulant", channel: "accueil_physique", stage: "acces", determinant: "accessibilite", weight: 2, answerType: "yes_no", source: "Marianne" },
  { code: "PHY-ACC-04", label: "Un fléchage guide vers l'accueil depuis la rue ou le parking", channel: "accueil_physique", stage: "acces", determinant: "signaletique", weight: 1, answerType: "yes_no", source: "Qualivilles" },
  { code: "PHY-ACC-05", label: "Une place de stationnement réservée aux personnes handicapées est proche de l'entrée", channel: "accueil_physique", stage: "acces", determinant: "accessibilite", weight: 1, answerType: "yes_no", source: "Qualivilles" },
  { code: "PHY-ACC-06", label: "Secondes d'attente avant d'être reçu au guichet", channel: "accueil_physique", stage: "acces", determinant: "gestion_attente", weight: 2, answerType: "measure", unit: "secondes", thresholds: [{ upTo: 120, points: 1 }, { upTo: 300, points: 0.75 }, { upTo: 600, points: 0.5 }, { upTo: 1200, points: 0.2 }], source: "AFNOR" },
  { code: "PHY-ACC-07", label: "L'espace d'attente dispose de sièges en nombre suffisant", channel: "accueil_physique", stage: "acces", determinant: "confort_locaux", weight: 1, answerType: "yes_no", source: "Qualivilles" },
  { code: "PHY-ACC-08", label: "Les locaux d'accueil sont propres et rangés", channel: "accueil_physique", stage: "acces", determinant: "confort_locaux", weight: 1, answerType: "yes_no", source: "Marianne" },
  { code: "PHY-ACC-09", label: "L'ordre de passage est organisé (ticket, file balisée ou appel)", channel: "accueil_physique", stage: "acces", determinant: "gestion_attente", weight: 1, answerType: "yes_no", source: "Services Publics+" },
  { code: "PHY-ACC-10", label: "Un panneau visible dès l'entrée signale le point d'accueil", channel: "accueil_physique", stage: "acces", determinant: "signaletique", weight: 1, answerType: "yes_no", source: "Qualivilles" },
  { code: "PHY-ACC-11", label: "L'espace d'accueil est calme, éclairé et tempéré", channel: "accueil_physique", stage: "acces", determinant: "confort_locaux", weight: 1, answerType: "yes_no", source: "AFNOR" },
  { code: "PHY-ACC-12", label: "Un coin adapté permet d'attendre avec de jeunes enfants", channel: "accueil_physique", stage: "acces", determinant: "confort_locaux", weight: 1, answerType: "yes_no", source: "Qualivilles" },

  // ── Accueil physique · Information et orientation ──────────────────────────────────
  { code: "PHY-INF-01", label: "L'agent d'accueil salue l'usager dès son arrivée", channel: "accueil_physique", stage: "information_orientation", determinant: "courtoisie", weight: 1, answerType: "yes_no", source: "Qualivilles" },
  { code: "PHY-INF-02", label: "L'agent d'accueil porte un badge ou une plaque indiquant son nom ou sa fonction", channel: "accueil_physique", stage: "information_orientation", determinant: "identification_agent", weight: 1, answerType: "yes_no", source: "Marianne" },
  { code: "PHY-INF-03", label: "L'agent d'accueil reformule la demande pour s'assurer de l'avoir comprise", channel: "accueil_physique", stage: "information_orientation", determinant: "reformulation_besoin", weight: 1, answerType: "yes_no", source: "Services Publics+" },
  { code: "PHY-INF-04", label: "L'usager est dirigé vers le bon bureau ou le bon service", channel: "accueil_physique", stage: "information_orientation", determinant: "efficacite_transfert", weight: 2, answerType: "yes_no", source: "Qualivilles" },
  { code: "PHY-INF-05", label: "L'agent accompagne l'usager ou lui décrit précisément le trajet", channel: "accueil_physique", stage: "information_orientation", determinant: "signaletique", weight: 1, answerType: "yes_no", source: "Qualivilles" },
  { code: "PHY-INF-06", label: "Les bureaux et services portent des panneaux lisibles", channel: "accueil_physique", stage: "information_orientation", determinant: "signaletique", weight: 1, answerType: "yes_no", source: "Marianne" },
  { code: "PHY-INF-07", label: "Un espace permet de parler à l'écart des autres usagers", channel: "accueil_physique", stage: "information_orientation", determinant: "confidentialite", weight: 1, answerType: "yes_no", source: "Services Publics+" },
  { code: "PHY-INF-08", label: "Des dépliants d'information à jour sont en libre-service", channel: "accueil_physique", stage: "information_orientation", determinant: "qualite_reponse", weight: 1, answerType: "yes_no", source: "Qualivilles" },
  { code: "PHY-INF-09", label: "La durée d'attente prévisible est annoncée à l'usager", channel: "accueil_physique", stage: "information_orientation", determinant: "gestion_attente", weight: 1, answerType: "yes_no", source: "Services Publics+" },
  { code: "PHY-INF-10", label: "Un poste informatique en libre-service permet de faire ses démarches en ligne", channel: "accueil_physique", stage: "information_orientation", determinant: "accessibilite_numerique", weight: 1, answerType: "yes_no", source: "Services Publics+" },
  { code: "PHY-INF-11", label: "Amabilité de l'agent d'accueil", channel: "accueil_physique", stage: "information_orientation", determinant: "courtoisie", weight: 2, answerType: "scale", source: "AFNOR" },

  // ── Accueil physique · Traitement de la demande ────────────────────────────────────
  { code: "PHY-TRT-01", label: "La demande faite au guichet obtient une réponse", channel: "accueil_physique", stage: "traitement", determinant: "qualite_reponse", weight: 3, answerType: "yes_no", source: "Qualivilles" },
  { code: "PHY-TRT-02", label: "La réponse donnée au guichet est exacte", channel: "accueil_physique", stage: "traitement", determinant: "qualite_reponse", weight: 3, answerType: "yes_no", source: "Services Publics+" },
  { code: "PHY-TRT-03", label: "Clarté des explications données au guichet", channel: "accueil_physique", stage: "traitement", determinant: "qualite_reponse", weight: 2, answerType: "scale", source: "AFNOR" },
  { code: "PHY-TRT-04", label: "L'agent remet un document ou écrit les informations utiles", channel: "accueil_physique", stage: "traitement", determinant: "suivi_demande", weight: 1, answerType: "yes_no", source: "Qualivilles" },
  { code: "PHY-TRT-05", label: "Un rendez-vous est proposé si la demande ne peut pas être traitée sur place", channel: "accueil_physique", stage: "traitement", determinant: "suivi_demande", weight: 2, answerType: "yes_no", source: "Services Publics+" },
  { code: "PHY-TRT-06", label: "Un registre, une urne ou un questionnaire permet de donner son avis sur l'accueil", channel: "accueil_physique", stage: "traitement", determinant: "expression_usagers", weight: 1, answerType: "yes_no", source: "Qualivilles" },
  { code: "PHY-TRT-07", label: "La marche à suivre pour une réclamation est affichée dans l'espace d'accueil", channel: "accueil_physique", stage: "traitement", determinant: "traitement_reclamations", weight: 1, answerType: "yes_no", source: "Marianne" },
  { code: "PHY-TRT-08", label: "L'agent prend congé de l'usager avec courtoisie", channel: "accueil_physique", stage: "traitement", determinant: "courtoisie", weight: 1, answerType: "yes_no", source: "Qualivilles" },
  { code: "PHY-TRT-09", label: "L'agent adapte ses explications à la situation de l'usager", channel: "accueil_physique", stage: "traitement", determinant: "personnalisation", weight: 2, answerType: "yes_no", source: "Services Publics+" },
  { code: "PHY-TRT-10", label: "Les engagements de service et les résultats de satisfaction sont affichés à l'accueil", channel: "accueil_physique", stage: "traitement", determinant: "expression_usagers", weight: 1, answerType: "yes_no", source: "Services Publics+" },
];
