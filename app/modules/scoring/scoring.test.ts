import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CHANNELS,
  STAGES,
  itemPoints,
  scoreStructure,
  type Answer,
  type AnswerValue,
  type Audit,
  type ChannelCode,
  type ReferentialItem,
  type ScoreCard,
  type ScoreWithExplanation,
  type StageCode,
} from "./scoring";

const rings: ReferentialItem = {
  code: "TEL-01",
  label: "Décroché avant la 5e sonnerie",
  channel: "telephone",
  stage: "acces",
  determinant: "accessibilite",
  weight: 1,
  answerType: "measure",
  thresholds: [
    { upTo: 3, points: 1 },
    { upTo: 5, points: 0.5 },
  ],
};
const introduces: ReferentialItem = {
  code: "TEL-02",
  label: "L'agent se présente",
  channel: "telephone",
  stage: "information_orientation",
  determinant: "courtoisie",
  weight: 2,
  answerType: "yes_no",
};
const answerQuality: ReferentialItem = {
  code: "TEL-03",
  label: "Qualité de la réponse apportée",
  channel: "telephone",
  stage: "traitement",
  determinant: "courtoisie",
  weight: 1,
  answerType: "scale",
};

describe("itemPoints", () => {
  it("scores yes/no answers", () => {
    expect(itemPoints(introduces, "oui")).toBe(1);
    expect(itemPoints(introduces, "non")).toBe(0);
    expect(itemPoints(introduces, "na")).toBeNull();
  });

  it("scores the 0–4 scale in quarters", () => {
    expect([0, 1, 2, 3, 4].map((v) => itemPoints(answerQuality, v))).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(itemPoints(answerQuality, "na")).toBeNull();
  });

  it("scores measures by the first threshold reaching the value (bounds included)", () => {
    expect(itemPoints(rings, 0)).toBe(1);
    expect(itemPoints(rings, 3)).toBe(1); // exactly upTo → that threshold
    expect(itemPoints(rings, 3.5)).toBe(0.5);
    expect(itemPoints(rings, 5)).toBe(0.5); // exactly the last upTo
    expect(itemPoints(rings, 5.01)).toBe(0); // beyond every threshold
    expect(itemPoints(rings, 12)).toBe(0);
    expect(itemPoints(rings, "na")).toBeNull();
  });

  it("throws on a value of the wrong type, naming the item", () => {
    expect(() => itemPoints(introduces, 1)).toThrow(/TEL-02/);
    expect(() => itemPoints(introduces, "Oui" as AnswerValue)).toThrow(TypeError);
    expect(() => itemPoints(answerQuality, "oui")).toThrow(/TEL-03/);
    expect(() => itemPoints(answerQuality, 5)).toThrow(TypeError);
    expect(() => itemPoints(answerQuality, 2.5)).toThrow(TypeError);
    expect(() => itemPoints(answerQuality, -1)).toThrow(TypeError);
    expect(() => itemPoints(rings, "non")).toThrow(/TEL-01/);
    expect(() => itemPoints(rings, -1)).toThrow(TypeError);
    expect(() => itemPoints(rings, Number.NaN)).toThrow(TypeError);
    expect(() => itemPoints(rings, Number.POSITIVE_INFINITY)).toThrow(TypeError);
  });

  it("refuses malformed items", () => {
    expect(() => itemPoints({ ...rings, thresholds: undefined }, 2)).toThrow(/seuils/);
    expect(() => itemPoints({ ...rings, thresholds: [] }, 2)).toThrow(/seuils/);
    expect(() => itemPoints({ ...rings, thresholds: [{ upTo: 5, points: 0.5 }, { upTo: 3, points: 1 }] }, 2)).toThrow(/triés/);
    expect(() => itemPoints({ ...rings, thresholds: [{ upTo: 3, points: 0.5 }, { upTo: 5, points: 1 }] }, 2)).toThrow(/croissants/);
    expect(() => itemPoints({ ...rings, thresholds: [{ upTo: 3, points: 1.5 }] }, 2)).toThrow(/\[0, 1\]/);
    expect(() => itemPoints({ ...introduces, weight: 0 }, "oui")).toThrow(/poids/);
    expect(() => itemPoints({ ...introduces, weight: 1.5 }, "oui")).toThrow(/poids/);
  });
});

/*
 * Hand-computed example: 3 telephone items (weights 1, 2, 1) over 2 telephone audits.
 *
 *            TEL-01 rings (w1)   TEL-02 introduces (w2)   TEL-03 quality (w1)
 *   audit 1  2 rings → 1          oui → 1                  0 → 0
 *   audit 2  4 rings → 0.5        na  → removed            2 → 0.5
 *
 * global = telephone = (1·1 + 2·1 + 1·0 + 1·0.5 + 1·0.5) / (1 + 2 + 1 + 1 + 1) = 4 / 6 = 66.666… → 66.7
 * stages: acces (1 + 0.5) / 2 = 75 ; information_orientation 2 / 2 = 100 ; traitement (0 + 0.5) / 2 = 25
 * determinants: accessibilite = acces = 75 ; courtoisie (2·1 + 1·0 + 1·0.5) / (2 + 1 + 1) = 2.5 / 4 = 62.5
 * lost points: TEL-03 1 (audit 1) + 0.5 (audit 2) = 1.5 ; TEL-01 0.5 (audit 2) ; TEL-02 0 (its "na" costs nothing)
 */
const audit1: Audit = { id: "a-1", number: 1, channel: "telephone", date: "2024-03-04" };
const audit2: Audit = { id: "a-2", number: 2, channel: "telephone", date: "2024-03-11" };
const phoneItems = [rings, introduces, answerQuality];
const phoneAnswers: Answer[] = [
  { auditId: "a-1", itemCode: "TEL-01", value: 2 },
  { auditId: "a-1", itemCode: "TEL-02", value: "oui" },
  { auditId: "a-1", itemCode: "TEL-03", value: 0 },
  { auditId: "a-2", itemCode: "TEL-01", value: 4 },
  { auditId: "a-2", itemCode: "TEL-02", value: "na" },
  { auditId: "a-2", itemCode: "TEL-03", value: 2 },
];

describe("scoreStructure — hand-computed example", () => {
  const card = scoreStructure(phoneItems, [audit1, audit2], phoneAnswers);

  it("computes the global and per-channel scores", () => {
    expect(card.global.score).toBe(66.7);
    expect(card.global.answered).toBe(5);
    expect(card.channels.telephone).toEqual(card.global);
    for (const channel of CHANNELS.filter((c) => c !== "telephone")) {
      expect(card.channels[channel]).toEqual({ score: null, answered: 0, lostItems: [] });
    }
  });

  it("computes per-stage, per-determinant and per-cell scores", () => {
    expect(card.stages.acces.score).toBe(75);
    expect(card.stages.information_orientation).toEqual({ score: 100, answered: 1, lostItems: [] });
    expect(card.stages.traitement.score).toBe(25);
    expect(Object.keys(card.determinants)).toEqual(["accessibilite", "courtoisie"]);
    expect(card.determinants.accessibilite?.score).toBe(75);
    expect(card.determinants.courtoisie?.score).toBe(62.5);
    expect(card.determinants.courtoisie?.answered).toBe(3);
    expect(card.cells["telephone:acces"].score).toBe(75);
    expect(card.cells["telephone:information_orientation"].score).toBe(100);
    expect(card.cells["telephone:traitement"].score).toBe(25);
    expect(card.cells["courriel:acces"].score).toBeNull();
    expect(Object.keys(card.cells)).toHaveLength(18);
  });

  it("explains the score by the items that lost the most points and their audits", () => {
    expect(card.global.lostItems).toEqual([
      {
        itemCode: "TEL-03",
        label: "Qualité de la réponse apportée",
        lostPoints: 1.5,
        audits: [
          { id: "a-1", number: 1, channel: "telephone", date: "2024-03-04" },
          { id: "a-2", number: 2, channel: "telephone", date: "2024-03-11" },
        ],
      },
      {
        itemCode: "TEL-01",
        label: "Décroché avant la 5e sonnerie",
        lostPoints: 0.5,
        audits: [{ id: "a-2", number: 2, channel: "telephone", date: "2024-03-11" }],
      },
    ]);
    expect(card.determinants.courtoisie?.lostItems.map((l) => [l.itemCode, l.lostPoints])).toEqual([["TEL-03", 1.5]]);
    expect(scoreStructure(phoneItems, [audit1, audit2], phoneAnswers, { topLost: 1 }).global.lostItems.map((l) => l.itemCode)).toEqual([
      "TEL-03",
    ]);
    expect(scoreStructure(phoneItems, [audit1, audit2], phoneAnswers, { topLost: 0 }).global.lostItems).toEqual([]);
  });

  it("breaks ties on lost points by item code and lists audits by date", () => {
    const items = [
      { ...introduces, code: "B", weight: 1 },
      { ...introduces, code: "A", weight: 1 },
    ];
    const audits: Audit[] = [
      { id: "z", number: 2, channel: "telephone", date: "2024-01-01" },
      { id: "y", number: 1, channel: "telephone", date: "2024-02-01" },
    ];
    const answers: Answer[] = [
      { auditId: "y", itemCode: "B", value: "non" },
      { auditId: "z", itemCode: "B", value: "oui" },
      { auditId: "y", itemCode: "A", value: "non" },
      { auditId: "z", itemCode: "A", value: "non" },
    ];
    const lost = scoreStructure(items, audits, answers).global.lostItems;
    expect(lost.map((l) => [l.itemCode, l.lostPoints, l.audits.map((a) => a.id)])).toEqual([
      ["A", 2, ["z", "y"]],
      ["B", 1, ["y"]],
    ]);
  });
});

describe("scoreStructure — rounding and the global score", () => {
  const mailIn5Days: ReferentialItem = {
    code: "MEL-01",
    label: "Réponse au courriel sous 5 jours ouvrés",
    channel: "courriel",
    stage: "traitement",
    determinant: "reactivite",
    weight: 3,
    answerType: "yes_no",
  };
  const replyDelay: ReferentialItem = {
    code: "MEL-02",
    label: "Délai de réponse (jours ouvrés)",
    channel: "courriel",
    stage: "traitement",
    determinant: "reactivite",
    weight: 1,
    answerType: "measure",
    thresholds: [
      { upTo: 1, points: 1 },
      { upTo: 5, points: 0.29 },
    ],
  };
  const mailAudit: Audit = { id: "m-1", number: 3, channel: "courriel", date: "2024-03-06" };

  it("rounds half up on the tenth, exactly (x.x5 → up)", () => {
    const score = (a: AnswerValue, b: AnswerValue) =>
      scoreStructure(
        [mailIn5Days, { ...replyDelay, answerType: "scale", thresholds: undefined }],
        [mailAudit],
        [
          { auditId: "m-1", itemCode: "MEL-01", value: a },
          { auditId: "m-1", itemCode: "MEL-02", value: b },
        ],
      ).global.score;
    // (3·1 + 1·0.25) / 4 = 81.25 → 81.3 ; (3·0 + 1·0.75) / 4 = 18.75 → 18.8 ; (3·0 + 1·0.5) / 4 = 12.5
    expect(score("oui", 1)).toBe(81.3);
    expect(score("non", 3)).toBe(18.8);
    expect(score("non", 2)).toBe(12.5);
    // (3·0 + 1·1) / 4 = 25 ; with the scale item not applicable: 3 / 3 = 100
    expect(score("non", 4)).toBe(25);
    expect(score("oui", "na")).toBe(100);
    expect(score("na", "na")).toBeNull();
  });

  it("rounds 1/3 down and does not fall into binary floating-point traps", () => {
    const oneThird = scoreStructure(
      [introduces, { ...answerQuality, answerType: "yes_no" }],
      [audit1],
      [
        { auditId: "a-1", itemCode: "TEL-02", value: "non" }, // w2 → 0
        { auditId: "a-1", itemCode: "TEL-03", value: "oui" }, // w1 → 1
      ],
    );
    expect(oneThird.global.score).toBe(33.3); // 1 / 3 = 33.33…
    // MEL-01 non (w3 → 0) + MEL-02 4 days (w1 → 0.29): 100 × 0.29 / 4 = 7.25 → 7.3
    // (in binary floating point 100 * 0.29 / 4 is 7.249999…, which a naive Math.round would give as 7.2)
    const card = scoreStructure(
      [mailIn5Days, replyDelay],
      [mailAudit],
      [
        { auditId: "m-1", itemCode: "MEL-01", value: "non" },
        { auditId: "m-1", itemCode: "MEL-02", value: 4 },
      ],
    );
    expect(card.global.score).toBe(7.3);
    expect(card.global.lostItems.map((l) => [l.itemCode, l.lostPoints])).toEqual([
      ["MEL-01", 3],
      ["MEL-02", 0.71],
    ]);
  });

  it("computes the global score over all answers, not as the mean of channel scores", () => {
    /*
     * Phone example above (num 4, den 6) + one e-mail audit: MEL-01 non (3·0), MEL-02 4 days (1·0.29).
     * telephone 66.7 ; courriel 0.29 / 4 = 7.25 → 7.3 ; global (4 + 0.29) / (6 + 4) = 42.9
     * (the mean of the two channel scores would be 37).
     */
    const card = scoreStructure(
      [...phoneItems, mailIn5Days, replyDelay],
      [audit1, audit2, mailAudit],
      [...phoneAnswers, { auditId: "m-1", itemCode: "MEL-01", value: "non" }, { auditId: "m-1", itemCode: "MEL-02", value: 4 }],
    );
    expect(card.channels.telephone.score).toBe(66.7);
    expect(card.channels.courriel.score).toBe(7.3);
    expect(card.global.score).toBe(42.9);
    expect(card.global.answered).toBe(7);
    // traitement: TEL-03 (0 + 0.5) + MEL-01 0 + MEL-02 0.29 over 1 + 1 + 3 + 1 = 0.79 / 6 = 13.1666… → 13.2
    expect(card.stages.traitement.score).toBe(13.2);
    expect(card.determinants.reactivite?.score).toBe(7.3);
    expect(card.global.lostItems[0]).toEqual({
      itemCode: "MEL-01",
      label: "Réponse au courriel sous 5 jours ouvrés",
      lostPoints: 3,
      audits: [{ id: "m-1", number: 3, channel: "courriel", date: "2024-03-06" }],
    });
  });
});

describe("scoreStructure — bad data", () => {
  const audits = [audit1, audit2];
  it("throws on an answer to an unknown item or audit, naming it", () => {
    expect(() => scoreStructure(phoneItems, audits, [{ auditId: "a-1", itemCode: "TEL-99", value: "oui" }])).toThrow(/TEL-99/);
    expect(() => scoreStructure(phoneItems, audits, [{ auditId: "a-9", itemCode: "TEL-02", value: "oui" }])).toThrow(/a-9/);
  });

  it("throws when the item's channel differs from the audit's channel", () => {
    const mail: Audit = { id: "m-1", number: 3, channel: "courriel", date: "2024-03-06" };
    expect(() => scoreStructure(phoneItems, [...audits, mail], [{ auditId: "m-1", itemCode: "TEL-02", value: "oui" }])).toThrow(
      /TEL-02.*m-1/,
    );
  });

  it("throws on duplicates and on values of the wrong type", () => {
    const twice: Answer[] = [
      { auditId: "a-1", itemCode: "TEL-02", value: "oui" },
      { auditId: "a-1", itemCode: "TEL-02", value: "non" },
    ];
    expect(() => scoreStructure(phoneItems, audits, twice)).toThrow(/deux fois/);
    expect(() => scoreStructure([...phoneItems, rings], audits, [])).toThrow(/TEL-01/);
    expect(() => scoreStructure(phoneItems, [...audits, audit1], [])).toThrow(/a-1/);
    expect(() => scoreStructure(phoneItems, audits, [{ auditId: "a-1", itemCode: "TEL-03", value: "oui" }])).toThrow(/TEL-03/);
    expect(() => scoreStructure(phoneItems, audits, [], { topLost: -1 })).toThrow(/topLost/);
  });

  it("scores an empty structure as null everywhere", () => {
    const card = scoreStructure(phoneItems, [], []);
    expect(allGroups(card).every(([, g]) => g.score === null && g.answered === 0)).toBe(true);
  });
});

/* ---------------------------------------------------------------- property tests */

type Structure = { items: ReferentialItem[]; audits: Audit[]; answers: Answer[] };

const DETERMINANTS = ["accessibilite", "reactivite", "courtoisie", "personnalisation", "gestion_attente", "qualite_reponse", "efficacite_transfert"];

const thresholdsArb = fc
  .uniqueArray(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 4 })
  .chain((ups) =>
    fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: ups.length, maxLength: ups.length }).map((raw) => {
      const upTos = [...ups].sort((a, b) => a - b);
      const points = raw.map((p) => p / 1000).sort((a, b) => b - a);
      points[0] = 1; // the best measure earns full points
      return upTos.map((upTo, i) => ({ upTo, points: points[i] ?? 0 }));
    }),
  );

const itemSpecArb = fc.record({
  channel: fc.constantFrom<ChannelCode>(...CHANNELS),
  stage: fc.constantFrom<StageCode>(...STAGES),
  determinant: fc.constantFrom(...DETERMINANTS),
  weight: fc.integer({ min: 1, max: 5 }),
  answerType: fc.constantFrom<ReferentialItem["answerType"]>("yes_no", "scale", "measure"),
  thresholds: thresholdsArb,
});

const itemsArb: fc.Arbitrary<ReferentialItem[]> = fc.array(itemSpecArb, { minLength: 5, maxLength: 30 }).map((specs) =>
  specs.map(({ thresholds, ...spec }, i) => ({
    code: `I${String(i).padStart(2, "0")}`,
    label: `Item ${i}`,
    ...spec,
    ...(spec.answerType === "measure" ? { thresholds } : {}),
  })),
);

function valueArb(item: ReferentialItem): fc.Arbitrary<AnswerValue> {
  switch (item.answerType) {
    case "yes_no":
      return fc.constantFrom<AnswerValue>("oui", "non", "na");
    case "scale":
      return fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constant<AnswerValue>("na"));
    case "measure":
      return fc.oneof(
        fc.integer({ min: 0, max: 40 }),
        fc.double({ min: 0, max: 40, noNaN: true, noDefaultInfinity: true }),
        fc.constant<AnswerValue>("na"),
      );
  }
}

const structureArb: fc.Arbitrary<Structure> = itemsArb.chain((items) => {
  const usedChannels = [...new Set(items.map((i) => i.channel))];
  const auditsArb = fc
    .array(fc.record({ channel: fc.constantFrom(...usedChannels), day: fc.integer({ min: 0, max: 60 }) }), { minLength: 1, maxLength: 13 })
    .map((specs) =>
      specs.map(
        ({ channel, day }, i): Audit => ({
          id: `audit-${String.fromCharCode(97 + ((i * 7) % 26))}${i}`,
          number: i + 1,
          channel,
          date: new Date(Date.UTC(2024, 2, 1 + day)).toISOString().slice(0, 10),
        }),
      ),
    );
  return auditsArb.chain((audits) => {
    const pairs = audits.flatMap((audit) => items.filter((item) => item.channel === audit.channel).map((item) => ({ audit, item })));
    const answerArbs = pairs.map(({ audit, item }) =>
      fc.option(
        valueArb(item).map((value): Answer => ({ auditId: audit.id, itemCode: item.code, value })),
        { nil: undefined, freq: 4 },
      ),
    );
    return fc.tuple(...answerArbs).map((maybe) => ({ items, audits, answers: maybe.filter((a): a is Answer => a !== undefined) }));
  });
});

function allGroups(card: ScoreCard): [string, ScoreWithExplanation][] {
  return [
    ["global", card.global],
    ...Object.entries(card.channels).map(([k, v]): [string, ScoreWithExplanation] => [`channel ${k}`, v]),
    ...Object.entries(card.stages).map(([k, v]): [string, ScoreWithExplanation] => [`stage ${k}`, v]),
    ...Object.entries(card.determinants).map(([k, v]): [string, ScoreWithExplanation] => [`determinant ${k}`, v]),
    ...Object.entries(card.cells).map(([k, v]): [string, ScoreWithExplanation] => [`cell ${k}`, v]),
  ];
}

function score(s: Structure): ScoreCard {
  return scoreStructure(s.items, s.audits, s.answers);
}

/** A strictly better value when there is one, else the same value. */
function improve(item: ReferentialItem, value: AnswerValue, step: number): AnswerValue {
  if (value === "na") return value;
  switch (item.answerType) {
    case "yes_no":
      return value === "non" ? "oui" : value;
    case "scale":
      return typeof value === "number" ? Math.min(4, value + 1 + (step % 4)) : value;
    case "measure":
      return typeof value === "number" ? Math.max(0, value - 1 - (step % 10) - (step % 3) / 3) : value;
  }
}

function best(item: ReferentialItem): AnswerValue {
  return item.answerType === "yes_no" ? "oui" : item.answerType === "scale" ? 4 : 0;
}

describe("scoreStructure — properties", () => {
  it("every score is null or within [0, 100], with one decimal at most", () => {
    fc.assert(
      fc.property(structureArb, (s) => {
        for (const [, group] of allGroups(score(s))) {
          if (group.score === null) {
            expect(group.answered).toBe(0);
            continue;
          }
          expect(group.score).toBeGreaterThanOrEqual(0);
          expect(group.score).toBeLessThanOrEqual(100);
          expect(Math.round(group.score * 10) / 10).toBe(group.score);
          expect(group.lostItems.length).toBeLessThanOrEqual(5);
        }
      }),
    );
  });

  it("a better answer never lowers any score", () => {
    fc.assert(
      fc.property(structureArb, fc.nat(), fc.nat(), (s, pick, step) => {
        fc.pre(s.answers.length > 0);
        const index = pick % s.answers.length;
        const answer = s.answers[index]!;
        const item = s.items.find((i) => i.code === answer.itemCode)!;
        const answers = s.answers.map((a, i) => (i === index ? { ...a, value: improve(item, a.value, step) } : a));
        const before = new Map(allGroups(score(s)));
        for (const [key, after] of allGroups(score({ ...s, answers }))) {
          const previous = before.get(key)!;
          expect(after.answered, key).toBe(previous.answered);
          if (previous.score === null) expect(after.score, key).toBeNull();
          else expect(after.score!, key).toBeGreaterThanOrEqual(previous.score);
        }
      }),
    );
  });

  it("the order of items, audits and answers never matters (and inputs are not mutated)", () => {
    const withShuffles = structureArb.chain((s) =>
      fc.tuple(
        fc.constant(s),
        fc.shuffledSubarray(s.items, { minLength: s.items.length, maxLength: s.items.length }),
        fc.shuffledSubarray(s.audits, { minLength: s.audits.length, maxLength: s.audits.length }),
        fc.shuffledSubarray(s.answers, { minLength: s.answers.length, maxLength: s.answers.length }),
      ),
    );
    fc.assert(
      fc.property(withShuffles, ([s, items, audits, answers]) => {
        const copy = structuredClone(s);
        const reference = score(s);
        expect(s).toEqual(copy);
        const shuffled = scoreStructure(items, audits, answers);
        expect(shuffled).toStrictEqual(reference);
        expect(JSON.stringify(shuffled)).toBe(JSON.stringify(reference)); // same key order too
      }),
    );
  });

  it("adding a not-applicable answer changes no score", () => {
    fc.assert(
      fc.property(structureArb, fc.nat(), fc.nat(), (s, pick, position) => {
        const answered = new Set(s.answers.map((a) => `${a.auditId}\u0000${a.itemCode}`));
        const free = s.audits.flatMap((audit) =>
          s.items
            .filter((item) => item.channel === audit.channel && !answered.has(`${audit.id}\u0000${item.code}`))
            .map((item) => ({ auditId: audit.id, itemCode: item.code })),
        );
        let audits = s.audits;
        let extra: Answer;
        const slot = free[pick % Math.max(1, free.length)];
        if (slot) {
          extra = { ...slot, value: "na" };
        } else {
          // every pair answered: a new audit holding only a "na" answer must change nothing either
          const item = s.items[pick % s.items.length]!;
          audits = [...s.audits, { id: "extra-audit", number: 99, channel: item.channel, date: "2024-06-30" }];
          extra = { auditId: "extra-audit", itemCode: item.code, value: "na" };
        }
        const at = position % (s.answers.length + 1);
        const answers = [...s.answers.slice(0, at), extra, ...s.answers.slice(at)];
        expect(scoreStructure(s.items, audits, answers)).toStrictEqual(score(s));
      }),
    );
  });

  it("answering oui / 4 / the best measure everywhere scores 100 in every non-null group", () => {
    fc.assert(
      fc.property(structureArb, fc.boolean(), (s, keepNa) => {
        const byCode = new Map(s.items.map((i) => [i.code, i]));
        const answers = s.answers.map((a) => (keepNa && a.value === "na" ? a : { ...a, value: best(byCode.get(a.itemCode)!) }));
        const groups = allGroups(scoreStructure(s.items, s.audits, answers));
        for (const [key, group] of groups) {
          if (group.score !== null) expect(group.score, key).toBe(100);
          expect(group.lostItems, key).toEqual([]);
        }
        expect(groups.some(([, g]) => g.score === 100)).toBe(answers.some((a) => a.value !== "na"));
      }),
    );
  });
});
