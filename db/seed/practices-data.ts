/**
 * The seeded library of weekly good practices ("Bonne pratique n° 1, n° 2…"), written from the
 * 2022 enrolment campaign's themes and the laureates' actions. Pure data: the seed and the tests
 * read it. Numbers are the array order (1..N, gap-free); the last `SCHEDULED_PRACTICES` are
 * scheduled in the coming weeks, the others published on past Mondays.
 */

export type SeedPractice = {
  title: string;
  summary: string;
  body: string;
  themes: string[];
  determinants: string[];
  channels: string[];
  structureKinds: string[];
  sourceName?: string;
  laureateYear?: number;
};

/** How many of the seeded practices are still to come (scheduled, invisible to the public). */
export const SCHEDULED_PRACTICES = 3;

const allKinds = ["commune", "epci", "departement", "region", "france_services", "service_developpement", "service_social"];
const localKinds = ["commune", "epci", "france_services"];

export const seedPractices: SeedPractice[] = [
  {
    title: "Faire de l'accueil un projet de toute la structure",
    summary: "L'accueil n'est pas l'affaire d'une seule personne : chaque service s'engage sur des règles communes, pilotées par un référent et la direction générale.",
    body: `Dans beaucoup de structures, « l'accueil » désigne l'agent posté derrière la banque d'entrée. Les usagers, eux, jugent l'ensemble : le standard, la réponse du service urbanisme à un courriel, le courrier de l'état civil. Les lauréats du Baromètre ont en commun d'avoir fait de l'accueil un **projet transversal**, porté par la direction générale.

Concrètement : une charte d'accueil courte (dix engagements au plus), signée par chaque chef de service ; un référent accueil par direction, réuni tous les deux mois ; un indicateur par canal suivi en comité de direction. Les engagements portent sur ce que l'usager voit : délai de réponse, nom de l'agent, orientation vers le bon interlocuteur.

Le premier comité sert à partager les résultats du Baromètre, service par service, sans chercher de coupable. Les suivants examinent les actions du plan et les réclamations reçues.`,
    themes: ["organisation"],
    determinants: ["qualite_reponse", "efficacite_transfert", "identification_agent"],
    channels: ["telephone", "courriel", "accueil_physique"],
    structureKinds: allKinds,
  },
  {
    title: "Évaluer en continu plutôt qu'une fois par an",
    summary: "De courtes auto-évaluations mensuelles, appel ou courriel test à l'appui, entretiennent la qualité entre deux éditions du Baromètre.",
    body: `Une mesure annuelle arrive souvent trop tard : le défaut constaté en avril date peut-être de janvier. Les structures les plus régulières organisent une **évaluation continue** légère, en plus des audits mystère du Baromètre.

Chaque mois, un binôme de deux services différents passe cinq appels et envoie trois courriels tests, avec la grille du référentiel (décroché, annonce du nom, délai, réponse complète). Les résultats sont affichés dans un tableau simple, partagé avec les équipes concernées dans la semaine.

L'important est la régularité et le retour rapide, pas l'exhaustivité. Au bout d'un an, la structure dispose de douze points de mesure et voit l'effet de ses actions avant même la publication des résultats.`,
    themes: ["evaluation"],
    determinants: ["reactivite", "qualite_reponse", "suivi_demande"],
    channels: ["telephone", "courriel"],
    structureKinds: allKinds,
  },
  {
    title: "Réunir tous les canaux d'écoute au même endroit",
    summary: "Enquêtes, remontées des élus, réclamations, comptes rendus des conseils d'école et comités d'usagers : un seul registre pour tout ce que disent les usagers.",
    body: `Ce que disent les usagers arrive par de nombreux chemins : enquêtes de satisfaction, permanences des élus, réclamations écrites, conseils d'école, comités d'usagers, avis en ligne. Dispersées, ces remontées ne pèsent rien ; réunies, elles montrent les irritants récurrents.

La bonne pratique consiste à tenir **un registre unique de l'écoute**, même un simple tableur au début : date, canal, sujet, service concerné, suite donnée. Chaque service y dépose ce qu'il reçoit ; le référent qualité en fait une synthèse trimestrielle.

La synthèse est présentée aux élus et aux équipes, et chaque irritant fréquent devient une action du plan, avec un responsable et une échéance.`,
    themes: ["ecoute", "organisation"],
    determinants: ["expression_usagers", "traitement_reclamations"],
    channels: ["reseaux_sociaux", "courrier", "courriel"],
    structureKinds: allKinds,
  },
  {
    title: "Accueil téléphonique : une équipe de renfort volontaire derrière le standard",
    summary: "Aux heures de pointe, des agents volontaires d'autres services prennent les appels du standard téléphonique ; leur effort est reconnu.",
    body: `Le standard téléphonique sature toujours aux mêmes moments : lundi matin, veille de rentrée scolaire, ouverture des inscriptions. L'accueil téléphonique se dégrade alors pour tout le monde : appels perdus, attente, agents épuisés.

Plusieurs collectivités ont constitué une **équipe de renfort volontaire** : une dizaine d'agents d'autres services, formés une demi-journée aux questions fréquentes et à l'outil de téléphonie, qui basculent sur la ligne d'accueil téléphonique quand l'attente dépasse un seuil. Un planning mensuel fixe qui peut être appelé, et quand.

L'effort est **reconnu** : mention dans l'entretien annuel, remerciements publics de la direction, priorité pour certaines formations. Résultat observé : moins d'appels perdus, et des agents de renfort qui connaissent mieux les demandes des usagers.`,
    themes: ["organisation", "equipe"],
    determinants: ["accessibilite", "reactivite", "gestion_attente"],
    channels: ["telephone"],
    structureKinds: allKinds,
  },
  {
    title: "Annoncer son nom et celui de son service à chaque contact",
    summary: "Un usager qui sait à qui il parle fait davantage confiance et peut rappeler la bonne personne.",
    body: `« Mairie, bonjour » ne suffit pas. L'usager veut savoir qui il a en ligne ou en face de lui, pour pouvoir rappeler la même personne et suivre sa demande.

La règle est simple : au décroché, l'agent annonce la structure, son service et son prénom ; dans un courriel, la signature comporte nom, fonction et ligne directe ; au guichet, un badge lisible. Les agents qui le souhaitent peuvent utiliser un nom d'usage.

Le Baromètre mesure ce point sur chaque canal : c'est souvent l'un des gains les plus rapides d'un plan d'action.`,
    themes: ["organisation"],
    determinants: ["identification_agent", "courtoisie"],
    channels: ["telephone", "courriel", "accueil_physique"],
    structureKinds: allKinds,
  },
  {
    title: "Répondre à chaque courriel sous 72 heures, accusé de réception compris",
    summary: "Un accusé de réception immédiat qui annonce le délai, puis une réponse complète dans les trois jours ouvrés.",
    body: `Le courriel est le canal où l'attente est la moins visible : rien n'indique à l'usager que son message a été lu. Les structures bien notées envoient un **accusé de réception** automatique qui annonce le délai de réponse et donne un numéro de suivi.

Les messages arrivent dans une boîte partagée par service, pas dans des boîtes personnelles : un absent ne bloque plus la réponse. Un tableau de bord affiche chaque matin les messages de plus de 48 heures.

Quand la réponse complète demande plus de temps, l'agent envoie une réponse d'attente qui dit pourquoi et jusqu'à quand.`,
    themes: ["ecrits", "organisation"],
    determinants: ["reactivite", "suivi_demande"],
    channels: ["courriel"],
    structureKinds: allKinds,
  },
  {
    title: "Des courriers que l'on comprend du premier coup",
    summary: "Réécrire les modèles de lettres les plus envoyés en langage clair : une idée par phrase, la démarche attendue en premier.",
    body: `Les courriers administratifs sont souvent écrits pour se protéger plutôt que pour être compris. Résultat : des appels au standard pour demander ce que veut dire la lettre.

Choisissez les dix modèles les plus envoyés et réécrivez-les avec trois règles : **ce que l'usager doit faire vient en premier**, une idée par phrase, les références réglementaires en fin de lettre. Faites relire chaque modèle par deux usagers volontaires avant de le diffuser.

Mesurez l'effet : nombre d'appels de demande d'explication avant et après, et note de lisibilité du Baromètre sur le canal courrier.`,
    themes: ["ecrits"],
    determinants: ["lisibilite_ecrits", "qualite_reponse"],
    channels: ["courrier", "courriel"],
    structureKinds: allKinds,
  },
  {
    title: "Transférer un appel sans faire répéter l'usager",
    summary: "Le transfert « à chaud » : l'agent présente la demande à son collègue avant de passer l'appel.",
    body: `Rien n'agace davantage que de raconter trois fois son problème. Un transfert efficace suppose que le collègue sache déjà de quoi il s'agit.

Le transfert **à chaud** consiste à prévenir le collègue, résumer la demande en une phrase, puis passer la communication. Si personne ne répond, l'agent reprend l'usager et propose un rappel à une heure précise, plutôt que de le laisser dans une file d'attente sans fin.

Un annuaire interne à jour, organisé par sujet (« inscription cantine », « permis de construire ») plutôt que par organigramme, rend ces transferts rapides.`,
    themes: ["organisation"],
    determinants: ["efficacite_transfert", "reformulation_besoin"],
    channels: ["telephone"],
    structureKinds: allKinds,
  },
  {
    title: "Traiter chaque réclamation comme une information",
    summary: "Un circuit court pour les réclamations : accusé de réception sous 48 heures, réponse motivée, et analyse des causes.",
    body: `Une réclamation est une information gratuite sur un dysfonctionnement. Encore faut-il qu'elle arrive quelque part et qu'elle reçoive une réponse.

Un formulaire unique (papier, en ligne, au guichet) alimente un registre ; chaque réclamation reçoit un accusé de réception sous 48 heures et une réponse motivée sous quinze jours. La réponse dit ce qui va changer, pas seulement « nous avons pris note ».

Chaque trimestre, les réclamations sont classées par cause : la moitié des irritants tient souvent à trois ou quatre causes, qui deviennent des actions du plan.`,
    themes: ["ecoute"],
    determinants: ["traitement_reclamations", "suivi_demande"],
    channels: ["courrier", "courriel", "accueil_physique"],
    structureKinds: allKinds,
  },
  {
    title: "Villeurbanne : porter la démarche qualité jusqu'aux services en ligne",
    summary: "Lauréate 2020 (mention numérique), Villeurbanne applique aux démarches en ligne les mêmes engagements qu'au guichet.",
    body: `Engagée de longue date dans une démarche qualité labellisée, la Ville de Villeurbanne a choisi de ne pas traiter le numérique à part : **les engagements de l'accueil s'appliquent aussi en ligne** — délai de réponse, clarté de l'information, possibilité de joindre un agent.

Chaque démarche en ligne est testée avant sa mise en service par des agents d'accueil et des usagers volontaires ; les pages les plus consultées sont relues pour le langage clair ; un lien « besoin d'aide ? » mène à un contact humain.

Cette continuité entre guichet et écran a valu à la ville la mention numérique du Baromètre 2020.`,
    themes: ["numerique", "evaluation"],
    determinants: ["clarte_site", "accessibilite_numerique", "qualite_reponse"],
    channels: ["site", "courriel"],
    structureKinds: ["commune", "epci"],
    sourceName: "Ville de Villeurbanne",
    laureateYear: 2020,
  },
  {
    title: "Les Sables d'Olonne : garder les anciennes mairies comme points de service",
    summary: "Après la fusion des communes, les anciennes mairies sont restées des points de service de proximité.",
    body: `Lors de la fusion des communes, la crainte des habitants était simple : devoir faire des kilomètres pour une démarche courante. Les Sables d'Olonne, lauréate 2020 dans la catégorie des villes de 20 000 à 50 000 habitants, ont **maintenu les anciennes mairies comme points de service**.

On y fait les démarches courantes (état civil, inscriptions, dépôt de dossiers) avec des horaires connus et affichés ; les dossiers complexes sont transmis au service central, qui rappelle l'usager.

La proximité ne coûte pas forcément plus cher : les agents sont polyvalents et partagent les mêmes outils que les services centraux.`,
    themes: ["proximite", "organisation"],
    determinants: ["accessibilite", "information_horaires"],
    channels: ["accueil_physique"],
    structureKinds: ["commune", "epci"],
    sourceName: "Ville des Sables d'Olonne",
    laureateYear: 2020,
  },
  {
    title: "Pagny-sur-Moselle : associer les habitants à la vie de la commune",
    summary: "Lauréate 2020 (mention participation citoyenne), la commune de 4 125 habitants fait participer ses habitants aux décisions.",
    body: `Pagny-sur-Moselle, commune de 4 125 habitants, a reçu en 2020 la mention participation citoyenne du Baromètre. Elle montre qu'il n'est pas besoin d'une grande administration pour **associer les habitants**.

Réunions publiques par quartier, commissions extra-municipales ouvertes, questionnaires distribués avec le bulletin municipal : chaque projet important passe par un temps d'écoute, et la commune publie ce qu'elle a retenu — et pourquoi.

L'accueil de la mairie joue un rôle clé : il recueille les remarques au guichet et au téléphone et les transmet aux élus.`,
    themes: ["participation", "ecoute"],
    determinants: ["expression_usagers", "personnalisation"],
    channels: ["accueil_physique", "courrier"],
    structureKinds: ["commune"],
    sourceName: "Commune de Pagny-sur-Moselle",
    laureateYear: 2020,
  },
  {
    title: "Haute-Garonne : repenser l'accueil à partir du parcours de l'usager",
    summary: "Le Département de Haute-Garonne, lauréat 2020, a redessiné son accueil en partant des démarches réelles des usagers.",
    body: `Le Département de Haute-Garonne a **repensé son accueil** en observant d'abord ce que vivent les usagers : où ils entrent, qui ils cherchent, combien de fois ils sont réorientés.

Cette observation a conduit à un accueil unique à l'entrée, une signalétique refaite avec des mots d'usager plutôt que des noms de direction, et des agents d'accueil formés à orienter vers la bonne direction du premier coup.

Le projet a associé les agents d'accueil dès le départ : ce sont eux qui connaissent les questions les plus fréquentes.`,
    themes: ["organisation", "proximite"],
    determinants: ["signaletique", "efficacite_transfert", "confort_locaux"],
    channels: ["accueil_physique"],
    structureKinds: ["departement"],
    sourceName: "Département de la Haute-Garonne",
    laureateYear: 2020,
  },
  {
    title: "Cannes : les citoyens lisent les projets de délibération avant le conseil",
    summary: "L'ordre du jour et les projets de délibération sont publiés avant chaque conseil ; les questions des habitants reçoivent une réponse publique en ligne.",
    body: `La Ville de Cannes, parmi les lauréats 2023, publie **l'ordre du jour et les projets de délibération avant chaque conseil municipal**. Les habitants peuvent poser leurs questions aux élus ; les réponses sont publiées en ligne, visibles de tous.

Ce dispositif répond à une attente forte : comprendre ce qui sera décidé avant que ce ne soit voté. Il suppose des documents lisibles, une page web claire et un circuit interne qui garantit que chaque question reçoit une réponse.

Pour démarrer modestement : publier l'ordre du jour commenté une semaine avant le conseil, et ouvrir une adresse dédiée aux questions.`,
    themes: ["participation", "numerique"],
    determinants: ["expression_usagers", "clarte_site", "lisibilite_ecrits"],
    channels: ["site"],
    structureKinds: ["commune", "epci", "departement", "region"],
    sourceName: "Ville de Cannes",
    laureateYear: 2023,
  },
  {
    title: "Vernon : une matrice des compétences des agents pour planifier les formations",
    summary: "Qui sait faire quoi ? Une matrice multi-compétences rend visibles les savoir-faire des agents et oriente le plan de formation.",
    body: `La Ville de Vernon a construit une **matrice multi-compétences** : pour chaque agent en contact avec le public, les démarches qu'il maîtrise, celles qu'il connaît un peu, celles qu'il ne connaît pas.

La matrice sert à trois choses : organiser les remplacements sans fermer un guichet, repérer les démarches maîtrisées par une seule personne (un risque), et construire le plan de formation à partir des manques réels.

Elle est mise à jour deux fois par an avec les agents eux-mêmes, ce qui valorise aussi les savoir-faire acquis sur le terrain.`,
    themes: ["equipe"],
    determinants: ["qualite_reponse", "personnalisation"],
    channels: ["accueil_physique", "telephone"],
    structureKinds: localKinds,
    sourceName: "Ville de Vernon",
    laureateYear: 2023,
  },
  {
    title: "Isère : la carte des lieux d'aide au numérique",
    summary: "Le Département publie une carte des lieux où l'on peut se faire aider pour une démarche en ligne.",
    body: `Dématérialiser une démarche sans dire où se faire aider, c'est exclure une partie des usagers. Le Département de l'Isère publie une **carte des lieux offrant une aide au numérique** : Maisons France Services, médiathèques, associations, permanences de conseillers numériques.

Chaque lieu indique ses horaires, le type d'aide proposée (accompagnement, accès à un poste, atelier) et s'il faut prendre rendez-vous. La carte est reprise par les communes et citée dans les courriers qui renvoient vers une démarche en ligne.

Pour une commune : recenser les lieux de son territoire et afficher la liste à l'accueil et sur la page de chaque démarche en ligne.`,
    themes: ["numerique", "inclusion", "proximite"],
    determinants: ["accessibilite_numerique", "accessibilite", "information_horaires"],
    channels: ["site", "accueil_physique"],
    structureKinds: ["departement", "commune", "france_services"],
    sourceName: "Département de l'Isère",
    laureateYear: 2023,
  },
  {
    title: "Pays de la Loire : un label pour les acteurs engagés dans l'inclusion",
    summary: "La Région expérimente un label pour les acteurs qui s'engagent pour l'inclusion des personnes en situation de handicap.",
    body: `La Région Pays de la Loire **expérimente un label** destiné aux acteurs qui s'engagent pour l'inclusion des personnes en situation de handicap : accueil adapté, documents faciles à lire et à comprendre, sites accessibles, agents formés.

Un label rend l'engagement visible et vérifiable : il fixe des critères, prévoit une évaluation et se renouvelle. Il donne aussi aux structures un cadre pour progresser étape par étape.

Sans attendre un label, chaque structure peut vérifier trois points : l'accès de plain-pied ou assisté, une boucle magnétique au guichet, et la conformité de son site au RGAA.`,
    themes: ["inclusion"],
    determinants: ["accessibilite", "accessibilite_numerique", "confort_locaux"],
    channels: ["accueil_physique", "site"],
    structureKinds: ["region", "departement", "commune"],
    sourceName: "Région Pays de la Loire",
    laureateYear: 2023,
  },
  {
    title: "Décrocher avant la cinquième sonnerie",
    summary: "Un objectif simple et mesurable pour le standard : des appels pris vite, et un message d'attente quand ce n'est pas possible.",
    body: `Au-delà de cinq sonneries, beaucoup d'usagers raccrochent et ne rappellent pas. L'objectif « décroché avant la cinquième sonnerie » est simple à comprendre et à mesurer avec les statistiques de l'autocommutateur.

Pour le tenir : des plages de présence au standard qui suivent le pic d'appels, un débordement automatique vers un second poste, et un message d'attente qui annonce que l'appel va être pris en charge.

Affichez chaque semaine le taux d'appels décrochés à temps : la visibilité du chiffre suffit souvent à le faire progresser.`,
    themes: ["organisation"],
    determinants: ["reactivite", "gestion_attente"],
    channels: ["telephone"],
    structureKinds: allKinds,
  },
  {
    title: "Des horaires justes partout, y compris les jours fériés",
    summary: "Site, fiche d'établissement en ligne, répondeur et porte d'entrée doivent afficher les mêmes horaires, mis à jour.",
    body: `Un usager qui se déplace devant une porte fermée ne revient pas de bonne humeur. Les horaires doivent être **identiques et à jour** sur la porte, le site, la fiche d'établissement des moteurs de recherche et le message du répondeur.

Désignez un responsable des horaires, avec une liste de tous les endroits où ils apparaissent. Les fermetures exceptionnelles (ponts, jours fériés, congés d'été) sont annoncées deux semaines avant, partout en même temps.

Le répondeur hors horaires donne les horaires d'ouverture et, si possible, un autre moyen de contact.`,
    themes: ["organisation", "numerique"],
    determinants: ["information_horaires", "coordonnees_contact"],
    channels: ["site", "telephone", "reseaux_sociaux"],
    structureKinds: allKinds,
  },
  {
    title: "Répondre aux avis et messages sur les réseaux sociaux",
    summary: "Un avis en ligne sans réponse reste visible des années : répondre à chacun, poliment et avec une solution.",
    body: `Les réseaux sociaux et les avis en ligne sont devenus un canal de contact à part entière. Un message resté sans réponse donne l'image d'une structure qui n'écoute pas.

Fixez un délai de réponse (48 heures ouvrées par exemple), désignez qui répond et avec quelle validation, et préparez des réponses types pour les sujets fréquents. Une réponse publique courte et courtoise renvoie si besoin vers un échange privé pour les données personnelles.

Les sujets récurrents alimentent le registre de l'écoute, comme les réclamations.`,
    themes: ["ecoute", "numerique"],
    determinants: ["reactivite", "courtoisie", "expression_usagers"],
    channels: ["reseaux_sociaux"],
    structureKinds: allKinds,
  },
  {
    title: "La courtoisie, ça s'entraîne : ateliers de mises en situation",
    summary: "Des ateliers courts, entre collègues, sur les situations difficiles : usager pressé, en colère, ou qui ne parle pas bien français.",
    body: `La courtoisie ne se décrète pas dans une charte : elle s'entraîne. Des ateliers d'une heure, entre collègues, rejouent les situations vécues : l'usager pressé, l'usager en colère, celui qui comprend mal le français, l'appel qui dure.

Chaque atelier part d'un cas réel, apporté par un agent ; les participants jouent la scène, puis cherchent ensemble les phrases qui apaisent et celles qui crispent. On en garde une fiche d'une page.

Ces ateliers renforcent aussi la cohésion de l'équipe d'accueil, souvent exposée et peu soutenue.`,
    themes: ["equipe"],
    determinants: ["courtoisie", "reformulation_besoin", "personnalisation"],
    channels: ["accueil_physique", "telephone"],
    structureKinds: allKinds,
  },
  {
    title: "Reformuler la demande avant de répondre",
    summary: "Une phrase de reformulation évite les réponses à côté et montre à l'usager qu'il a été compris.",
    body: `Beaucoup de réponses incomplètes viennent d'une demande mal comprise. La reformulation (« Si je comprends bien, vous souhaitez… ») prend dix secondes et évite un second contact.

Au téléphone comme au guichet, l'agent reformule avant de répondre ; dans un courriel, la réponse commence par rappeler la question. En cas de doute, une question fermée permet de vérifier.

La reformulation est aussi une marque de considération : l'usager se sent écouté.`,
    themes: ["ecrits", "equipe"],
    determinants: ["reformulation_besoin", "qualite_reponse"],
    channels: ["telephone", "accueil_physique", "courriel"],
    structureKinds: allKinds,
  },
  {
    title: "Un espace d'accueil confortable et confidentiel",
    summary: "Sièges, eau, borne de ticket et un espace à l'écart pour les demandes sensibles.",
    body: `L'attente est mieux vécue dans un espace confortable : des sièges en nombre suffisant, un point d'eau, de la documentation à jour, un affichage du temps d'attente estimé.

La **confidentialité** est souvent oubliée : un usager ne devrait pas exposer sa situation sociale devant la file d'attente. Prévoyez un bureau ou un espace isolé, et une ligne au sol qui marque la distance de discrétion.

Faites le tour de votre accueil avec les yeux d'un usager qui vient pour la première fois, idéalement avec une personne en fauteuil roulant.`,
    themes: ["organisation", "inclusion"],
    determinants: ["confort_locaux", "confidentialite", "gestion_attente"],
    channels: ["accueil_physique"],
    structureKinds: allKinds,
  },
  {
    title: "Des coordonnées faciles à trouver sur la page d'accueil du site",
    summary: "Téléphone, adresse, horaires et formulaire de contact à un clic de la page d'accueil.",
    body: `L'auditeur du Baromètre commence souvent par chercher comment contacter la structure. Si le numéro de téléphone est enfoui dans une page « mentions légales », la note d'accès s'en ressent.

Placez en pied de chaque page : adresse, horaires, numéro de téléphone et lien vers le formulaire de contact. Le formulaire demande le strict nécessaire et confirme l'envoi par courriel.

Vérifiez le parcours depuis un téléphone mobile : c'est ainsi que la majorité des usagers consulte le site.`,
    themes: ["numerique"],
    determinants: ["coordonnees_contact", "clarte_site", "accessibilite_numerique"],
    channels: ["site"],
    structureKinds: allKinds,
  },
  {
    title: "Suivre chaque demande jusqu'à sa clôture",
    summary: "Un numéro de suivi, un responsable et une information de l'usager à chaque étape.",
    body: `Une demande qui passe de service en service sans que personne ne la porte finit oubliée. Chaque demande reçoit un **numéro de suivi** et un responsable, même quand plusieurs services interviennent.

L'usager est informé aux étapes clés : prise en charge, transmission, réponse. Un outil partagé, même simple, permet à l'accueil de répondre à « où en est mon dossier ? » sans transférer l'appel.

Un point hebdomadaire sur les demandes de plus de quinze jours évite qu'elles ne s'enlisent.`,
    themes: ["organisation"],
    determinants: ["suivi_demande", "efficacite_transfert"],
    channels: ["courriel", "courrier", "telephone"],
    structureKinds: allKinds,
  },
  // Scheduled (the last SCHEDULED_PRACTICES): invisible to the public until their Monday.
  {
    title: "Un rappel proposé plutôt qu'une longue attente au standard",
    summary: "Quand la file d'attente s'allonge, proposer à l'usager d'être rappelé dans un créneau précis.",
    body: `Attendre dix minutes en musique est la pire expérience d'un appel. Les systèmes de téléphonie récents permettent de **proposer un rappel** : l'usager laisse son numéro et choisit un créneau.

Le rappel doit être tenu : un agent dédié traite la liste des rappels, dans l'ordre, et note le résultat. Un rappel manqué vaut moins qu'une attente.

Commencez par les jours de pointe connus, puis étendez si les rappels sont bien tenus.`,
    themes: ["organisation"],
    determinants: ["gestion_attente", "reactivite"],
    channels: ["telephone"],
    structureKinds: allKinds,
  },
  {
    title: "Personnaliser la réponse écrite : la situation de l'usager d'abord",
    summary: "Partir des modèles, mais toujours reprendre la situation particulière de l'usager dans la réponse.",
    body: `Un modèle de réponse fait gagner du temps ; une réponse qui n'est qu'un modèle fait perdre la confiance de l'usager. La règle : **la première phrase reprend la situation** de l'usager, avec ses mots.

Les modèles sont rédigés avec des zones à compléter obligatoirement (date, démarche, pièce manquante), ce qui empêche l'envoi d'une réponse générique.

Relisez chaque mois cinq réponses tirées au hasard, en équipe : c'est le meilleur moyen de faire vivre les modèles.`,
    themes: ["ecrits"],
    determinants: ["personnalisation", "lisibilite_ecrits"],
    channels: ["courriel", "courrier"],
    structureKinds: allKinds,
  },
  {
    title: "Une Maison France Services qui reçoit sur rendez-vous et sans rendez-vous",
    summary: "Des plages sans rendez-vous pour les demandes simples, des rendez-vous pour les dossiers longs.",
    body: `Les Maisons France Services reçoivent des demandes très différentes : une question de deux minutes ou un dossier de retraite d'une heure. Les mélanger dans la même file d'attente allonge l'attente de tous.

La bonne pratique : des **plages sans rendez-vous** chaque matin pour les demandes courtes, et des **rendez-vous** l'après-midi pour les dossiers longs, pris au guichet, par téléphone ou en ligne. L'agent qui reçoit sans rendez-vous oriente vers un rendez-vous si la demande le justifie.

La Maison des services de Viverols, lauréate 2020 (mention compétence accueil), montre qu'une petite équipe bien organisée peut tenir les deux.`,
    themes: ["organisation", "proximite"],
    determinants: ["gestion_attente", "personnalisation", "accessibilite"],
    channels: ["accueil_physique", "telephone"],
    structureKinds: ["france_services"],
    sourceName: "Maison des services de Viverols",
    laureateYear: 2020,
  },
];

/** The phone reception practice: the expected first hit of "accueil téléphonique" (tests, e2e). */
export const PHONE_PRACTICE_NUMBER = 4;
