import { describe, expect, it } from "vitest";
import { deserializeAnswer, parseAnswerValue, serializeAnswer } from "./answer-value";

const yesNo = { code: "TEL-ACC-01", answerType: "yes_no" as const };
const scale = { code: "MEL-TRT-02", answerType: "scale" as const };
const measure = { code: "TEL-ACC-02", answerType: "measure" as const };

describe("answer values", () => {
  it("reads yes/no answers in their usual spellings", () => {
    expect(parseAnswerValue(yesNo, " Oui ")).toEqual({ ok: true, value: "oui" });
    expect(parseAnswerValue(yesNo, "N")).toEqual({ ok: true, value: "non" });
    expect(parseAnswerValue(yesNo, "Sans objet")).toEqual({ ok: true, value: "na" });
    expect(parseAnswerValue(yesNo, "peut-être")).toEqual({ ok: false, message: "« peut-être » n'est pas une réponse valable pour TEL-ACC-01 : oui, non ou na." });
  });
  it("reads a 0–4 scale", () => {
    expect(parseAnswerValue(scale, "3")).toEqual({ ok: true, value: 3 });
    expect(parseAnswerValue(scale, "5").ok).toBe(false);
    expect(parseAnswerValue(scale, "2,5").ok).toBe(false);
  });
  it("reads measures with a French decimal comma", () => {
    expect(parseAnswerValue(measure, "12,5")).toEqual({ ok: true, value: 12.5 });
    expect(parseAnswerValue(measure, "1 200")).toEqual({ ok: true, value: 1200 });
    expect(parseAnswerValue(measure, "-3").ok).toBe(false);
  });
  it("round-trips through storage", () => {
    for (const value of ["oui", "non", "na", 0, 4, 12.5] as const) expect(deserializeAnswer(serializeAnswer(value))).toEqual(value);
  });
});
