import type { ReferentialItemInput } from "./csv-format";

export type ReferentialDiff = {
  /** Codes, in the order of the incoming file (removed: in the stored order). */
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: number;
};

const comparedFields = ["label", "channel", "stage", "determinant", "weight", "answerType", "unit", "source", "position"] as const;

function sameThresholds(a: ReferentialItemInput["thresholds"], b: ReferentialItemInput["thresholds"]) {
  const left = a ?? [];
  const right = b ?? [];
  return left.length === right.length && left.every((t, i) => t.upTo === right[i]!.upTo && t.points === right[i]!.points);
}

export function sameItem(a: ReferentialItemInput, b: ReferentialItemInput) {
  return comparedFields.every((field) => a[field] === b[field]) && sameThresholds(a.thresholds, b.thresholds);
}

/** What importing `incoming` (the whole referential) would do to the stored items. */
export function diffReferential(stored: readonly ReferentialItemInput[], incoming: readonly ReferentialItemInput[]): ReferentialDiff {
  const byCode = new Map(stored.map((item) => [item.code, item]));
  const incomingCodes = new Set(incoming.map((item) => item.code));
  const diff: ReferentialDiff = { added: [], changed: [], removed: [], unchanged: 0 };
  for (const item of incoming) {
    const before = byCode.get(item.code);
    if (!before) diff.added.push(item.code);
    else if (sameItem(before, item)) diff.unchanged += 1;
    else diff.changed.push(item.code);
  }
  for (const item of stored) if (!incomingCodes.has(item.code)) diff.removed.push(item.code);
  return diff;
}

export function hasChanges(diff: ReferentialDiff) {
  return diff.added.length + diff.changed.length + diff.removed.length > 0;
}
