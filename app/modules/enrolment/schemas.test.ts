import { describe, expect, it } from "vitest";
import { orderSchema } from "../offers/order-schema";
import { enrolmentSchema } from "./schemas";

/** The buyer's Chorus Pro statements ("Notre structure exige…") on the enrolment and order forms. */
const enrolment = {
  billingContactName: "Direction des finances",
  billingContactEmail: "finances@villeurbanne.example",
  billingAddress: "Hôtel de ville, place Lazare Goujon, 69100 Villeurbanne",
  paymentPath: "invoice",
  engagementNumber: "EJ-2027-000123",
  acceptTerms: "on",
  termsVersion: "2027-01",
};

const messages = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [String(issue.path[0]), issue.message]));

describe("Chorus Pro requirements declared by the buyer", () => {
  it("are optional and stored as booleans", () => {
    const parsed = enrolmentSchema.parse(enrolment);
    expect(parsed).toMatchObject({ serviceCodeRequired: false, engagementRequired: false });
    expect(enrolmentSchema.parse({ ...enrolment, serviceCodeRequired: "on", chorusServiceCode: "DIR-FIN-01", engagementRequired: "on" })).toMatchObject({
      serviceCodeRequired: true,
      engagementRequired: true,
      chorusServiceCode: "DIR-FIN-01",
    });
  });

  it("make the service code required when ticked, with a French message next to the field", () => {
    const result = enrolmentSchema.safeParse({ ...enrolment, serviceCodeRequired: "on", chorusServiceCode: "  " });
    expect(messages(result)).toEqual({ chorusServiceCode: "Votre structure exige un code service sur Chorus Pro : indiquez-le, il figurera sur la facture." });
  });

  it("make the engagement number required when ticked, even when paying by card", () => {
    const result = enrolmentSchema.safeParse({ ...enrolment, paymentPath: "card", engagementNumber: "", engagementRequired: "on" });
    expect(messages(result)).toEqual({ engagementNumber: "Votre structure exige un numéro d'engagement sur Chorus Pro : indiquez-le, il figurera sur la facture." });
    // Not ticked: paying on invoice still asks for it (one message, not two).
    expect(messages(enrolmentSchema.safeParse({ ...enrolment, engagementNumber: "" }))).toEqual({
      engagementNumber: "Le paiement sur facture demande le numéro d'engagement juridique fourni par votre service financier.",
    });
  });

  it("refuses a checkbox value other than the browser's", () => {
    expect(messages(enrolmentSchema.safeParse({ ...enrolment, serviceCodeRequired: "oui" }))).toEqual({ serviceCodeRequired: "Cochez la case ou laissez-la vide." });
  });

  it("apply to an order, not to a quote request", () => {
    const order = { ...enrolment, intent: "order", trainees: "1", sites: "1", serviceCodeRequired: "on" };
    expect(messages(orderSchema.safeParse(order))).toEqual({ chorusServiceCode: "Votre structure exige un code service sur Chorus Pro : indiquez-le, il figurera sur la facture." });
    expect(orderSchema.safeParse({ ...order, intent: "quote" }).success).toBe(true);
  });
});
