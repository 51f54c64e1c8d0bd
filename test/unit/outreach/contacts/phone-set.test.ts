import { describe, expect, it } from "vitest";
import { PhoneSet } from "../../../../server/outreach/contacts/phone-set.js";

describe("the phone set", () => {
  it("remembers numbers compactly", () => {
    const set = new PhoneSet();
    for (let i = 0; i < 100_000; i++) expect(set.add(`+849${String(i).padStart(8, "0")}`)).toBe(true);
    expect(set.add("+84900000042")).toBe(false);
    expect(set.size).toBe(100_000);
  });
});
