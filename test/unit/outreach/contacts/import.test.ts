import { describe, expect, it } from "vitest";
import { mergeContact } from "../../../../server/outreach/contacts/import.js";

describe("merging rows of one number", () => {
  const base = { phone: "+84912345678", tags: [], attributes: {}, consent: "unknown" as const };
  it("never lets a later row undo a refusal", () => {
    const merged = mergeContact(
      { ...base, consent: "refused", consentSource: "a" },
      { ...base, consent: "granted", consentSource: "b", name: "N" },
    );
    expect(merged).toMatchObject({ consent: "refused", consentSource: "a", name: "N" });
  });
});
