import { describe, expect, it } from "vitest";
import ActionReminder from "../../../emails/action-reminder";
import Invitation from "../../../emails/invitation";
import MagicLink from "../../../emails/magic-link";
import AccountInactive from "../../../emails/account-inactive";
import StructureRetention from "../../../emails/structure-retention";
import NewSignIn from "../../../emails/new-sign-in";
import ResetPassword from "../../../emails/reset-password";
import VerifyEmail from "../../../emails/verify-email";
import EnrolmentCancelled from "../../../emails/enrolment-cancelled";
import EnrolmentReceived from "../../../emails/enrolment-received";
import InvoiceIssued from "../../../emails/invoice-issued";
import PaymentReceived from "../../../emails/payment-received";
import OrderUpdate from "../../../emails/order-update";
import ResultsPublished from "../../../emails/results-published";
import DigestConfirm from "../../../emails/digest-confirm";
import PracticeDigest from "../../../emails/practice-digest";
import StaffInvitation from "../../../emails/staff-invitation";
import MembershipRequest from "../../../emails/membership-request";
import MembershipDecision from "../../../emails/membership-decision";
import ProConnectLink from "../../../emails/proconnect-link";
import {
  emailTemplateNames,
  emailTemplates,
  renderEmail,
  type EmailProps,
  type EmailTemplateName,
} from "./templates.server";

/** Same escaping React applies to text content and attribute values. */
function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#x27;");
}

const HTML_TAG = /<\/?[a-z!][^>]*>/i;

const cases: { [N in EmailTemplateName]: { props: EmailProps<N>; url: string; expected: string[] } } = {
  "account-inactive": {
    props: { name: "Éloïse Martin", deletionDate: "15 mars 2027", signInUrl: "https://portail.test/connexion" },
    url: "https://portail.test/connexion",
    expected: ["Bonjour Éloïse Martin,", "votre compte sera supprimé le", "15 mars 2027", "résultats, plan d’action, factures", "vous connecter une fois avant cette date"],
  },
  "structure-retention": {
    props: {
      name: "Éloïse Martin",
      audience: "owner",
      structureName: "Commune de Saint-Aubin",
      neverTookPart: false,
      lastParticipation: "12 mars 2022",
      deletionDate: "14 avril 2027",
      enrolUrl: "https://portail.test/t/saint-aubin/inscription",
      exportUrl: "https://portail.test/t/saint-aubin/donnees",
      contactEmail: "barometre@afnor.example",
    },
    url: "https://portail.test/t/saint-aubin/inscription",
    expected: ["Bonjour Éloïse Martin,", "depuis le 12 mars 2022", "sera supprimé le", "14 avril 2027", "factures seront conservées dix ans", "https://portail.test/t/saint-aubin/donnees"],
  },
  "proconnect-link": {
    props: { name: "Éloïse Martin", organizationLabel: "Commune de Villeurbanne", url: "https://portail.test/connexion/proconnect/lier?token=p-123", expiresInMinutes: 15 },
    url: "https://portail.test/connexion/proconnect/lier?token=p-123",
    expected: ["Bonjour Éloïse Martin,", "ProConnect (Commune de Villeurbanne)", "valable 15 minutes", "rien ne sera associé à votre compte"],
  },
  "staff-invitation": {
    props: { inviterName: "Hélène Dubois", rolesLabel: "Ventes, Audit", url: "https://portail.test/mot-de-passe/nouveau?token=s-321", expiresInMinutes: 72 * 60 },
    url: "https://portail.test/mot-de-passe/nouveau?token=s-321",
    expected: ["Hélène Dubois", "rôles : Ventes, Audit", "valable 72 heures"],
  },
  "verify-email": {
    props: { name: "Éloïse Martin", url: "https://portail.test/verifier?jeton=v-123" },
    url: "https://portail.test/verifier?jeton=v-123",
    expected: ["Bonjour Éloïse Martin,", "24\u00a0heures"],
  },
  "magic-link": {
    props: { url: "https://portail.test/connexion?jeton=m-456", expiresInMinutes: 15 },
    url: "https://portail.test/connexion?jeton=m-456",
    expected: ["valable 15 minutes", "Si vous n’avez pas demandé ce lien"],
  },
  "reset-password": {
    props: { url: "https://portail.test/mot-de-passe?jeton=r-789", expiresInMinutes: 60 },
    url: "https://portail.test/mot-de-passe?jeton=r-789",
    expected: ["valable 1 heure", "toutes vos sessions ouvertes seront fermées"],
  },
  invitation: {
    props: {
      inviterName: "Hélène Dubois",
      tenantName: "Mairie de Besançon",
      roleLabel: "Administrateur",
      url: "https://portail.test/invitations?jeton=i-000",
      expiresAt: "lundi 15 septembre 2025 à 18\u00a0h\u00a000",
    },
    url: "https://portail.test/invitations?jeton=i-000",
    expected: ["Hélène Dubois", "Mairie de Besançon", "Administrateur", "expire le lundi 15 septembre 2025 à 18\u00a0h\u00a000"],
  },
  "new-sign-in": {
    props: {
      name: null,
      when: "mardi 9 septembre 2025 à 14\u00a0h\u00a032",
      device: "Firefox sur Windows",
      ip: "203.0.113.42",
      sessionsUrl: "https://portail.test/compte/sessions",
    },
    url: "https://portail.test/compte/sessions",
    expected: ["Bonjour,", "Firefox sur Windows", "203.0.113.42", "mardi 9 septembre 2025 à 14\u00a0h\u00a032"],
  },
  "enrolment-received": {
    props: { ...EnrolmentReceived.PreviewProps, enrolmentUrl: "https://portail.test/t/lambersart/inscription" },
    url: "https://portail.test/t/lambersart/inscription",
    expected: ["Ville de Lambersart", "2 490,00 € HT", "mandat administratif"],
  },
  "invoice-issued": {
    props: { ...InvoiceIssued.PreviewProps, invoiceUrl: "https://portail.test/facture/in_1", reminder: "after" },
    url: "https://portail.test/facture/in_1",
    expected: ["F-2027-0001", "n'est pas encore réglée", "EJ-2027-0042"],
  },
  "order-update": {
    props: { ...OrderUpdate.PreviewProps, url: "https://portail.test/t/lambersart/offres" },
    url: "https://portail.test/t/lambersart/offres",
    expected: ["CMD-2026-0001", "1 140,00 € TTC", "mandat administratif"],
  },
  "payment-received": {
    props: { ...PaymentReceived.PreviewProps, billingUrl: "https://portail.test/t/lambersart/facturation" },
    url: "https://portail.test/t/lambersart/facturation",
    expected: ["2 988,00 €", "carte bancaire", "inscription est confirmée"],
  },
  "enrolment-cancelled": {
    props: { ...EnrolmentCancelled.PreviewProps, reason: "doublon", billingUrl: "https://portail.test/t/x/facturation" },
    url: "https://portail.test/t/x/facturation",
    expected: ["est annulée", "Aucune somme ne reste due"],
  },
  "results-published": {
    props: { ...ResultsPublished.PreviewProps, resultsUrl: "https://portail.test/t/villeurbanne/resultats" },
    url: "https://portail.test/t/villeurbanne/resultats",
    expected: ["Ville de Villeurbanne", "score global", "Bonjour Nadia,"],
  },
  "action-reminder": {
    props: {
      name: "Karim",
      structures: [
        {
          tenantName: "Ville de Lambersart",
          planUrl: "https://portail.test/t/lambersart/plan-action",
          actions: [
            { title: "Courrier : délai de réponse", dueDate: "20 novembre 2026", overdue: true, url: "https://portail.test/t/lambersart/plan-action/a-1" },
            { title: "Site : horaires à jour", dueDate: "27 novembre 2026", overdue: false, url: "https://portail.test/t/lambersart/plan-action/a-2" },
          ],
        },
        {
          tenantName: "CCAS de Lambersart",
          planUrl: "https://portail.test/t/ccas-lambersart/plan-action",
          actions: [{ title: "Accueil : signalétique", dueDate: "25 novembre 2026", overdue: false, url: "https://portail.test/t/ccas-lambersart/plan-action/a-3" }],
        },
      ],
      spaceUrl: "https://portail.test/mon-espace",
    },
    url: "https://portail.test/t/lambersart/plan-action/a-1",
    expected: ["Bonjour Karim,", "Ville de Lambersart", "CCAS de Lambersart", "Courrier : délai de réponse", "Échéance le 20 novembre 2026 — en retard", "Ouvrir mon espace"],
  },
  "digest-confirm": {
    props: { url: "https://portail.test/bonnes-pratiques/abonnement/confirmer?jeton=c-1", expiresInMinutes: 48 * 60 },
    url: "https://portail.test/bonnes-pratiques/abonnement/confirmer?jeton=c-1",
    expected: ["Confirmer mon abonnement", "valable 48 heures", "chaque lundi"],
  },
  "practice-digest": {
    props: { ...PracticeDigest.PreviewProps, unsubscribeUrl: "https://portail.test/bonnes-pratiques/desabonnement?jeton=d-1" },
    url: "https://portail.test/bonnes-pratiques/desabonnement?jeton=d-1",
    expected: ["N° 12 — Rappeler dans la journée", "Déterminants : Joignabilité, Réactivité", "À lire aussi", "N° 9 — Annoncer le délai", "Se désabonner"],
  },
  "membership-request": {
    props: { ...MembershipRequest.PreviewProps, url: "https://portail.test/t/villeurbanne/membres" },
    url: "https://portail.test/t/villeurbanne/membres",
    expected: ["Camille Léger", "camille.leger@mairie-villeurbanne.fr", "Ville de Villeurbanne", "SIRET 21690266800013", "Voir la demande"],
  },
  "membership-decision": {
    props: { ...MembershipDecision.PreviewProps, decision: "refused", roleLabel: null, url: "https://portail.test/compte/rejoindre" },
    url: "https://portail.test/compte/rejoindre",
    expected: ["Bonjour Camille Léger,", "a refusé votre demande", "Voir mes demandes"],
  },
};

describe("renderEmail", () => {
  it("covers every registered template", () => {
    expect(Object.keys(cases).sort()).toEqual([...emailTemplateNames].sort());
  });

  for (const name of emailTemplateNames) {
    describe(name, () => {
      const { props, url, expected } = cases[name];

      it("renders French HTML containing the URL and the subject", async () => {
        const email = await renderEmail(name, props as never);
        expect(email.subject.length).toBeGreaterThan(0);
        expect(email.subject).not.toMatch(/[\r\n]/);
        expect(email.html).toMatch(/^<!DOCTYPE html/i);
        expect(email.html).toContain('lang="fr"');
        expect(email.html).toContain(`href="${escapeHtml(url)}"`);
        expect(email.html).toContain(escapeHtml(email.subject));
        expect(email.html).toContain("Baromètre Expérience Citoyen");
        expect(email.html).toContain("Message envoyé automatiquement");
        expect(email.html).not.toMatch(/<img/i);
        for (const fragment of expected) expect(email.html).toContain(escapeHtml(fragment));
      });

      it("renders a plain-text version with the URL and no HTML", async () => {
        const email = await renderEmail(name, props as never);
        expect(email.text).toContain(url);
        expect(email.text).not.toMatch(HTML_TAG);
        expect(email.text).toContain("Baromètre Expérience Citoyen");
        expect(email.text).toContain("Merci de ne pas y répondre.");
        for (const fragment of expected) expect(email.text).toContain(fragment);
        // No mojibake / entity leftovers.
        expect(email.text).not.toMatch(/&[a-z#0-9]+;|Ã|Â/i);
      });

      it("keeps accents intact", async () => {
        const email = await renderEmail(name, props as never);
        for (const output of [email.html, email.text]) {
          expect(output).toContain("é");
          expect(output).toContain("à");
          expect(output).not.toMatch(/Ã|Â|&eacute;|&agrave;|&#233;|&#xe9;/i);
        }
      });
    });
  }

  it("renders each template's PreviewProps", async () => {
    const previews = {
      "verify-email": VerifyEmail.PreviewProps,
      "magic-link": MagicLink.PreviewProps,
      "reset-password": ResetPassword.PreviewProps,
      invitation: Invitation.PreviewProps,
      "new-sign-in": NewSignIn.PreviewProps,
      "enrolment-received": EnrolmentReceived.PreviewProps,
      "invoice-issued": InvoiceIssued.PreviewProps,
      "payment-received": PaymentReceived.PreviewProps,
      "enrolment-cancelled": EnrolmentCancelled.PreviewProps,
      "results-published": ResultsPublished.PreviewProps,
      "action-reminder": ActionReminder.PreviewProps,
      "digest-confirm": DigestConfirm.PreviewProps,
      "practice-digest": PracticeDigest.PreviewProps,
      "staff-invitation": StaffInvitation.PreviewProps,
      "order-update": OrderUpdate.PreviewProps,
      "membership-request": MembershipRequest.PreviewProps,
      "membership-decision": MembershipDecision.PreviewProps,
      "proconnect-link": ProConnectLink.PreviewProps,
      "account-inactive": AccountInactive.PreviewProps,
      "structure-retention": StructureRetention.PreviewProps,
    } satisfies { [N in EmailTemplateName]: EmailProps<N> };
    for (const name of emailTemplateNames) {
      const email = await renderEmail(name, previews[name] as never);
      expect(email.html).toContain('lang="fr"');
      expect(email.subject).toBe(emailTemplates[name].subject(previews[name] as never));
    }
  });

  it("escapes special characters in HTML but keeps them raw in text and subject", async () => {
    const url = "https://portail.test/invitations?jeton=a&b=<c>";
    const email = await renderEmail("invitation", {
      inviterName: "Jean d'Arc",
      tenantName: "Mairie <Saint-Étienne> & Cie\n Bcc: pirate@example.com",
      roleLabel: "Lecteur",
      url,
      expiresAt: "15 septembre 2025",
    });
    expect(email.subject).toBe("Jean d'Arc vous invite à rejoindre «\u00a0Mairie <Saint-Étienne> & Cie Bcc: pirate@example.com\u00a0»");
    expect(email.html).not.toContain("<Saint-Étienne>");
    expect(email.html).toContain("&lt;Saint-Étienne&gt; &amp; Cie");
    expect(email.html).toContain(`href="${escapeHtml(url)}"`);
    expect(email.text).toContain(url);
    expect(email.text).toContain("<Saint-Étienne> & Cie");
  });

  it("formats durations in French", async () => {
    const one = await renderEmail("magic-link", { url: "https://portail.test/c", expiresInMinutes: 1 });
    expect(one.text).toContain("valable 1 minute ");
    const ninety = await renderEmail("reset-password", { url: "https://portail.test/r", expiresInMinutes: 90 });
    expect(ninety.text).toContain("valable 1\u00a0h\u00a030");
  });

  it("omits the IP line when the address is unknown and greets by name", async () => {
    const email = await renderEmail("new-sign-in", {
      name: "Zoé",
      when: "hier",
      device: "Safari sur iPhone",
      ip: null,
      sessionsUrl: "https://portail.test/compte/sessions",
    });
    expect(email.text).toContain("Bonjour Zoé,");
    expect(email.text).not.toContain("Adresse IP");
  });
});

describe("action reminder subject", () => {
  const action = (overdue: boolean) => ({ title: "Action", dueDate: "27 novembre 2026", overdue, url: "https://portail.test/a" });
  const props = (...overdue: boolean[]) => ({ name: null, spaceUrl: "https://portail.test/mon-espace", structures: [{ tenantName: "Ville", planUrl: "https://portail.test/p", actions: overdue.map(action) }] });

  it("says how many actions are due and how many are late", async () => {
    expect((await renderEmail("action-reminder", props(false))).subject).toBe("Plan d'action : 1 action à échéance cette semaine");
    expect((await renderEmail("action-reminder", props(false, false, false))).subject).toBe("Plan d'action : 3 actions à échéance cette semaine");
    expect((await renderEmail("action-reminder", props(true, true))).subject).toBe("Plan d'action : 2 actions en retard");
    expect((await renderEmail("action-reminder", props(true, false, false))).subject).toBe("Plan d'action : 3 actions à traiter cette semaine, dont 1 en retard");
  });

  it("links to the structure's plan when all actions are in one structure", async () => {
    const email = await renderEmail("action-reminder", props(false));
    expect(email.text).toContain("Voir le plan d'action : https://portail.test/p");
    expect(email.text).not.toContain("mon-espace");
  });
});
