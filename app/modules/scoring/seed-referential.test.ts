import { describe, expect, it } from "vitest";
import { referentialItems } from "../../../db/seed/referential-data";
import { scoreStructure, type Answer, type Audit, type ChannelCode, type ReferentialItem } from "./scoring";

const items: ReferentialItem[] = referentialItems.map((item) => ({ ...item }));
const plan: Record<ChannelCode, number> = { telephone: 4, courriel: 3, courrier: 1, site: 2, reseaux_sociaux: 2, accueil_physique: 1 };

function thirteenAudits(): Audit[] {
  let number = 0;
  return (Object.entries(plan) as [ChannelCode, number][]).flatMap(([channel, count]) =>
    Array.from({ length: count }, () => ({ id: `a${++number}`, number, channel, date: `2027-05-${String(number).padStart(2, "0")}` })),
  );
}

describe("the seeded referential through the scoring rules", () => {
  it("is accepted as is, and perfect answers score 100 everywhere", () => {
    const audits = thirteenAudits();
    const answers: Answer[] = audits.flatMap((audit) =>
      items
        .filter((item) => item.channel === audit.channel)
        .map((item) => ({
          auditId: audit.id,
          itemCode: item.code,
          value: item.answerType === "yes_no" ? "oui" : item.answerType === "scale" ? 4 : 0,
        })),
    );
    const card = scoreStructure(items, audits, answers);
    expect(card.global.score).toBe(100);
    for (const channel of Object.values(card.channels)) expect(channel.score).toBe(100);
    expect(Object.keys(card.determinants)).toHaveLength(20);
  });

  it("explains a lost phone pick-up with the audits it came from", () => {
    const audits = thirteenAudits().filter((a) => a.channel === "telephone");
    const measure = items.find((i) => i.channel === "telephone" && i.answerType === "measure")!;
    const answers: Answer[] = audits.map((audit) => ({ auditId: audit.id, itemCode: measure.code, value: 10_000 }));
    const card = scoreStructure(items, audits, answers);
    expect(card.channels.telephone.score).toBe(0);
    expect(card.channels.telephone.lostItems[0]).toMatchObject({ itemCode: measure.code, audits: expect.arrayContaining([expect.objectContaining({ channel: "telephone" })]) });
  });
});
