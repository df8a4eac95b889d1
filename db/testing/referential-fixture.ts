import type { ReferentialItemInput } from "../../app/modules/referential/csv-format";
import { referentialToCsv } from "../../app/modules/referential/csv-format";
import { channelPrefixes, determinants, referentialItems, stagePrefixes, stages, type ChannelCode } from "../seed/referential-data";

/**
 * A full-size referential for tests: the seeded items first, then generated ones in every
 * channel × stage cell until `count` items (AFNOR's real referential has about 400). Deterministic:
 * the same call gives the same items, with every answer type and all 20 determinants.
 */
export function referentialFixtureItems(count = 400): ReferentialItemInput[] {
  const items: ReferentialItemInput[] = referentialItems.slice(0, count).map((item) => ({
    ...item,
    unit: item.unit ?? null,
    thresholds: item.thresholds ?? null,
    position: 0,
  }));
  const cells = (Object.keys(channelPrefixes) as ChannelCode[]).flatMap((channel) => stages.map((stage) => ({ channel, stage: stage.code })));
  for (let n = 0; items.length < count; n++) {
    const { channel, stage } = cells[n % cells.length]!;
    const round = Math.floor(n / cells.length) + 1;
    const code = `${channelPrefixes[channel]}-${stagePrefixes[stage]}-X${String(round).padStart(2, "0")}`;
    const answerType = (["yes_no", "yes_no", "scale", "measure"] as const)[n % 4]!;
    const measure = answerType === "measure";
    items.push({
      code,
      label: `Critère complémentaire n° ${round} ; « ${channel} », étape ${stage}`,
      channel,
      stage,
      determinant: determinants[n % determinants.length]!.code,
      weight: (n % 3) + 1,
      answerType,
      unit: measure ? "secondes" : null,
      thresholds: measure ? [{ upTo: 10 + round, points: 1 }, { upTo: 30 + round, points: 0.5 }, { upTo: 60.5, points: 0.125 }] : null,
      source: n % 2 ? "AFNOR" : "Services Publics+",
      position: 0,
    });
  }
  return items.map((item, index) => ({ ...item, position: index + 1 }));
}

/** The fixture as the CSV file AFNOR would import (UTF-8 with BOM, semicolons). */
export function referentialFixtureCsv(items = referentialFixtureItems()): Buffer {
  return Buffer.from(referentialToCsv(items), "utf8");
}
