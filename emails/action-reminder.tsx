import { Link, Section, Text } from "@react-email/components";
import type { CSSProperties } from "react";
import { CallToAction, Layout, colors, greeting, mutedStyle, paragraphStyle } from "./components/layout";

export type ActionReminderItem = { title: string; dueDate: string; overdue: boolean; url: string };
export type ActionReminderStructure = { tenantName: string; planUrl: string; actions: ActionReminderItem[] };

export type ActionReminderProps = {
  name: string | null;
  /** The person's actions due within 7 days or late, grouped by structure. */
  structures: ActionReminderStructure[];
  /** Where to go when the actions belong to several structures. */
  spaceUrl: string;
};

const plural = (n: number, singular: string, pluralForm = `${singular}s`) => `${n} ${n > 1 ? pluralForm : singular}`;

function counts(props: ActionReminderProps) {
  const all = props.structures.flatMap((s) => s.actions);
  return { total: all.length, overdue: all.filter((a) => a.overdue).length };
}

export function subject(props: ActionReminderProps): string {
  const { total, overdue } = counts(props);
  if (overdue === total) return `Plan d'action : ${plural(total, "action")} en retard`;
  if (overdue === 0) return `Plan d'action : ${plural(total, "action")} à échéance cette semaine`;
  return `Plan d'action : ${plural(total, "action")} à traiter cette semaine, dont ${overdue} en retard`;
}

const structureStyle: CSSProperties = { ...paragraphStyle, fontWeight: 700, margin: "24px 0 8px" };
const listStyle: CSSProperties = { margin: "0 0 16px", paddingLeft: "24px", color: colors.text };
const itemStyle: CSSProperties = { fontSize: "16px", lineHeight: "24px", margin: "0 0 8px" };
const linkStyle: CSSProperties = { color: colors.brand, textDecoration: "underline" };

export default function ActionReminder(props: ActionReminderProps) {
  const { total, overdue } = counts(props);
  const single = props.structures.length === 1 ? props.structures[0] : undefined;
  return (
    <Layout
      title={subject(props)}
      preview={`${plural(total, "action")} dont vous êtes responsable ${total > 1 ? "arrivent" : "arrive"} à échéance${overdue > 0 ? ` (${overdue} en retard)` : ""}.`}
      heading="Vos actions à échéance"
    >
      <Text style={paragraphStyle}>{greeting(props.name)}</Text>
      <Text style={paragraphStyle}>
        {`Voici les actions du plan d'action dont vous êtes responsable qui arrivent à échéance dans les 7 prochains jours ou sont déjà en retard.`}
      </Text>
      {props.structures.map((structure) => (
        <Section key={structure.planUrl}>
          <Text style={structureStyle}>{structure.tenantName}</Text>
          <ul style={listStyle}>
            {structure.actions.map((action) => (
              <li key={action.url} style={itemStyle}>
                <Link href={action.url} style={linkStyle}>
                  {action.title}
                </Link>
                <br />
                {`Échéance le ${action.dueDate}${action.overdue ? " — en retard" : ""}`}
              </li>
            ))}
          </ul>
        </Section>
      ))}
      <CallToAction href={single ? single.planUrl : props.spaceUrl} label={single ? "Voir le plan d'action" : "Ouvrir mon espace"} />
      <Text style={mutedStyle}>
        Ce récapitulatif vous est envoyé au plus une fois par semaine. Une action marquée comme faite ou abandonnée n'y figure plus ; une échéance
        peut être repoussée depuis la fiche de l'action.
      </Text>
    </Layout>
  );
}

ActionReminder.PreviewProps = {
  name: "Nadia",
  structures: [
    {
      tenantName: "Ville de Villeurbanne",
      planUrl: "https://barometre.example/t/villeurbanne/plan-action",
      actions: [
        {
          title: "Accueil téléphonique : l'agent décroche en citant le nom de la structure",
          dueDate: "16 novembre 2026",
          overdue: true,
          url: "https://barometre.example/t/villeurbanne/plan-action/3f1c7c1e-0d7e-4d4e-9a8b-2f4f0d6d1a01",
        },
        {
          title: "Courriel : délai de réponse",
          dueDate: "27 novembre 2026",
          overdue: false,
          url: "https://barometre.example/t/villeurbanne/plan-action/3f1c7c1e-0d7e-4d4e-9a8b-2f4f0d6d1a02",
        },
      ],
    },
  ],
  spaceUrl: "https://barometre.example/mon-espace",
} satisfies ActionReminderProps;
