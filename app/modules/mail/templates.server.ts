import { render, toPlainText } from "@react-email/render";
import { createElement, type ComponentType } from "react";
import AccountInactive, { subject as accountInactiveSubject } from "../../../emails/account-inactive";
import StructureRetention, { subject as structureRetentionSubject } from "../../../emails/structure-retention";
import ActionReminder, { subject as actionReminderSubject } from "../../../emails/action-reminder";
import { plainTextOptions } from "../../../emails/components/layout";
import Invitation, { subject as invitationSubject } from "../../../emails/invitation";
import MagicLink, { subject as magicLinkSubject } from "../../../emails/magic-link";
import NewSignIn, { subject as newSignInSubject } from "../../../emails/new-sign-in";
import ResetPassword, { subject as resetPasswordSubject } from "../../../emails/reset-password";
import VerifyEmail, { subject as verifyEmailSubject } from "../../../emails/verify-email";
import EnrolmentCancelled, { subject as enrolmentCancelledSubject } from "../../../emails/enrolment-cancelled";
import EnrolmentReceived, { subject as enrolmentReceivedSubject } from "../../../emails/enrolment-received";
import InvoiceIssued, { subject as invoiceIssuedSubject } from "../../../emails/invoice-issued";
import PaymentReceived, { subject as paymentReceivedSubject } from "../../../emails/payment-received";
import ResultsPublished, { subject as resultsPublishedSubject } from "../../../emails/results-published";
import DigestConfirm, { subject as digestConfirmSubject } from "../../../emails/digest-confirm";
import PracticeDigest, { subject as practiceDigestSubject } from "../../../emails/practice-digest";
import OrderUpdate, { subject as orderUpdateSubject } from "../../../emails/order-update";
import StaffInvitation, { subject as staffInvitationSubject } from "../../../emails/staff-invitation";
import MembershipRequest, { subject as membershipRequestSubject } from "../../../emails/membership-request";
import MembershipDecision, { subject as membershipDecisionSubject } from "../../../emails/membership-decision";
import ProConnectLink, { subject as proconnectLinkSubject } from "../../../emails/proconnect-link";

export type EmailTemplate<P extends object> = {
  component: ComponentType<P>;
  subject: (props: P) => string;
};

function defineTemplate<P extends object>(
  component: ComponentType<P>,
  subject: (props: P) => string,
): EmailTemplate<P> {
  return { component, subject };
}

const registry = {
  "verify-email": defineTemplate(VerifyEmail, verifyEmailSubject),
  "magic-link": defineTemplate(MagicLink, magicLinkSubject),
  "reset-password": defineTemplate(ResetPassword, resetPasswordSubject),
  invitation: defineTemplate(Invitation, invitationSubject),
  "new-sign-in": defineTemplate(NewSignIn, newSignInSubject),
  "enrolment-received": defineTemplate(EnrolmentReceived, enrolmentReceivedSubject),
  "invoice-issued": defineTemplate(InvoiceIssued, invoiceIssuedSubject),
  "payment-received": defineTemplate(PaymentReceived, paymentReceivedSubject),
  "enrolment-cancelled": defineTemplate(EnrolmentCancelled, enrolmentCancelledSubject),
  "results-published": defineTemplate(ResultsPublished, resultsPublishedSubject),
  "action-reminder": defineTemplate(ActionReminder, actionReminderSubject),
  "digest-confirm": defineTemplate(DigestConfirm, digestConfirmSubject),
  "practice-digest": defineTemplate(PracticeDigest, practiceDigestSubject),
  "staff-invitation": defineTemplate(StaffInvitation, staffInvitationSubject),
  "order-update": defineTemplate(OrderUpdate, orderUpdateSubject),
  "membership-request": defineTemplate(MembershipRequest, membershipRequestSubject),
  "membership-decision": defineTemplate(MembershipDecision, membershipDecisionSubject),
  "proconnect-link": defineTemplate(ProConnectLink, proconnectLinkSubject),
  "account-inactive": defineTemplate(AccountInactive, accountInactiveSubject),
  "structure-retention": defineTemplate(StructureRetention, structureRetentionSubject),
};

type Registry = typeof registry;

export type EmailTemplateName = keyof Registry;

type EmailPropsMap = {
  [N in EmailTemplateName]: Registry[N] extends EmailTemplate<infer P> ? P : never;
};

export type EmailProps<N extends EmailTemplateName> = EmailPropsMap[N];

export const emailTemplates: { readonly [N in EmailTemplateName]: EmailTemplate<EmailPropsMap[N]> } = registry;

export const emailTemplateNames = Object.keys(emailTemplates) as EmailTemplateName[];

export type RenderedEmail = { subject: string; html: string; text: string };

export async function renderEmail<N extends EmailTemplateName>(
  name: N,
  props: EmailProps<N>,
): Promise<RenderedEmail> {
  const template: EmailTemplate<EmailProps<N>> = emailTemplates[name];
  const element = createElement(template.component, props);
  // One React render: the text version is the same conversion `render(…, { plainText: true })`
  // applies to its own render (the doctype differs, and html-to-text skips it), at half the cost.
  const rawHtml = await render(element);
  const rawText = toPlainText(rawHtml, plainTextOptions);
  // React Email's preview padding can contain NUL characters, which PostgreSQL text refuses.
  const html = stripNul(rawHtml);
  const text = stripNul(rawText);
  return { subject: template.subject(props), html, text };
}

function stripNul(value: string) {
  return value.replace(/\u0000/g, "");
}
