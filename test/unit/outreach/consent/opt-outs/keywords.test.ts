import { describe, expect, it } from "vitest";
import { optOutKeyword } from "../../../../../server/outreach/consent/opt-outs/keywords.js";

describe("opt-out keywords", () => {
  it.each([
    ["TC", "TC"],
    ["từ chối", "TUCHOI"],
    ["TU CHOI", "TUCHOI"],
    ["Hủy", "HUY"],
    ["  stop  ", "STOP"],
  ])("%j → %s", (body, keyword) => expect(optOutKeyword(body)).toBe(keyword));
  it.each(["", "hello", "TCQC", "chối"])("%j is none", (body) => expect(optOutKeyword(body)).toBeUndefined());
});
