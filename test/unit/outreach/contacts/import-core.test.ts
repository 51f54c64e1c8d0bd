import { describe, expect, it } from "vitest";
import { optOutKeyword } from "../../../../server/outreach/consent/opt-outs/keywords.js";
import { csvEvents, detectDelimiter } from "../../../../server/outreach/contacts/csv-source.js";
import { mergeContact } from "../../../../server/outreach/contacts/import.js";
import { guessMapping, parseConsent } from "../../../../server/outreach/contacts/mapping.js";
import { PhoneSet } from "../../../../server/outreach/contacts/phone-set.js";

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

describe("CSV reading", () => {
  it("detects the delimiter outside quotes", () => {
    expect(detectDelimiter("a;b;c")).toBe(";");
    expect(detectDelimiter('"a;b",c,d')).toBe(",");
  });

  it("reads BOM, semicolons, quoted fields and numbers rows by their first line", async () => {
    const events = [];
    for await (const e of csvEvents([Buffer.from('\ufeffA;B\n1;"x\ny"\n'), Buffer.from('2;"z"\n"3;w\n')])) events.push(e);
    expect(events).toEqual([
      { kind: "header", delimiter: ";", columns: ["A", "B"] },
      { kind: "row", row: 2, fields: ["1", "x\ny"], raw: '1;"x\ny"' },
      { kind: "row", row: 4, fields: ["2", "z"], raw: '2;"z"' },
      expect.objectContaining({ kind: "malformed", row: 5 }),
    ]);
  });
});

describe("merging and the phone set", () => {
  const base = { phone: "+84912345678", tags: [], attributes: {}, consent: "unknown" as const };
  it("never lets a later row undo a refusal", () => {
    const merged = mergeContact(
      { ...base, consent: "refused", consentSource: "a" },
      { ...base, consent: "granted", consentSource: "b", name: "N" },
    );
    expect(merged).toMatchObject({ consent: "refused", consentSource: "a", name: "N" });
  });
  it("remembers numbers compactly", () => {
    const set = new PhoneSet();
    for (let i = 0; i < 100_000; i++) expect(set.add(`+849${String(i).padStart(8, "0")}`)).toBe(true);
    expect(set.add("+84900000042")).toBe(false);
    expect(set.size).toBe(100_000);
  });
  it("guesses columns and consent answers", () => {
    expect(guessMapping(["SĐT", "Họ và tên", "Xã/Phường"])).toEqual({ phone: "SĐT", name: "Họ và tên", commune: "Xã/Phường" });
    expect(["Có", "đồng ý", "x", "Không", "từ chối", "", "?"].map(parseConsent)).toEqual([
      "granted",
      "granted",
      "granted",
      "refused",
      "refused",
      "unknown",
      "unrecognised",
    ]);
  });
});
