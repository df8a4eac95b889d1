import { Text } from "@react-email/components";
import { CallToAction, Layout, mutedStyle, paragraphStyle } from "./components/layout";

export type InvoiceIssuedProps = {
  tenantName: string;
  number: string;
  totalTtc: string;
  dueDate: string;
  references: string[];
  invoiceUrl: string;
  billingUrl: string;
  reminder?: "before" | "after" | null;
};

export function subject(props: InvoiceIssuedProps): string {
  if (props.reminder === "before") return `Rappel : facture ${props.number} à régler avant le ${props.dueDate}`;
  if (props.reminder === "after") return `Facture ${props.number} échue le ${props.dueDate}`;
  return `Facture ${props.number} — Baromètre Expérience Citoyen`;
}

export default function InvoiceIssued(props: InvoiceIssuedProps) {
  const intro =
    props.reminder === "before"
      ? `La facture ${props.number} de ${props.tenantName} (${props.totalTtc} TTC) arrive à échéance le ${props.dueDate}.`
      : props.reminder === "after"
        ? `La facture ${props.number} de ${props.tenantName} (${props.totalTtc} TTC) était payable au ${props.dueDate} et n'est pas encore réglée.`
        : `La facture ${props.number} de ${props.tenantName}, d'un montant de ${props.totalTtc} TTC, est émise. Elle est payable par mandat administratif avant le ${props.dueDate}.`;
  return (
    <Layout title={subject(props)} preview={intro} heading={props.reminder ? "Rappel de facture" : "Votre facture"}>
      <Text style={paragraphStyle}>Bonjour,</Text>
      <Text style={paragraphStyle}>{intro}</Text>
      {props.references.length > 0 ? <Text style={paragraphStyle}>{`Références : ${props.references.join(" ; ")}.`}</Text> : null}
      <CallToAction href={props.invoiceUrl} label="Voir la facture" />
      <Text style={mutedStyle}>{`Toutes vos factures et paiements : ${props.billingUrl}`}</Text>
      {props.reminder ? <Text style={mutedStyle}>Si le mandat est déjà parti, merci de ne pas tenir compte de ce message.</Text> : null}
    </Layout>
  );
}

InvoiceIssued.PreviewProps = {
  tenantName: "Ville de Villeurbanne",
  number: "F-2027-0001",
  totalTtc: "4 188,00 €",
  dueDate: "23 décembre 2026",
  references: ["N° d'engagement : EJ-2027-0042", "Code service : FIN-01"],
  invoiceUrl: "https://barometre.example/facture/in_123",
  billingUrl: "https://barometre.example/t/villeurbanne/facturation",
  reminder: null,
} satisfies InvoiceIssuedProps;
