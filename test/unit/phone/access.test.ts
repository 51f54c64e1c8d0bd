// The search rule decided with the masking rule (server/phone/access.ts), without I/O.
import { describe, expect, it } from "vitest";
import { phoneAccess, phoneSearch } from "../../../server/phone/access.js";

const full = phoneAccess("full");
const lookup = phoneAccess("lookup");
const masked = phoneAccess("masked");

describe("phone access", () => {
  it("shows numbers in full only at the full level", () => {
    expect(full.show("+84912345678")).toBe("+84912345678");
    expect(lookup.show("+84912345678")).toBe("+84 91x xxx 678");
    expect(masked.show("+84912345678")).toBe("+84 91x xxx 678");
  });

  it("matches part of a number only for those who see numbers in full", () => {
    expect(phoneSearch(full, "q", "912 34", { alsoText: true })).toEqual({ kind: "digits", digits: "91234" });
    expect(phoneSearch(lookup, "q", "912 34", { alsoText: true })).toMatchObject({ kind: "refused", status: 400 });
    expect(phoneSearch(masked, "caller", "912 34", { alsoText: false })).toMatchObject({ kind: "refused", status: 403 });
  });

  it("looks up a complete number, audited behind a mask, in any written form", () => {
    expect(phoneSearch(lookup, "q", "0912.345.678", { alsoText: true })).toEqual({ kind: "exact", e164: "+84912345678", audited: true });
    expect(phoneSearch(full, "q", "84912345678", { alsoText: true })).toEqual({ kind: "exact", e164: "+84912345678", audited: false });
    expect(phoneSearch(masked, "caller", "+84912345678", { alsoText: false })).toMatchObject({ kind: "refused" });
  });

  it("leaves text alone where the filter also searches text, and refuses any value where it does not", () => {
    expect(phoneSearch(lookup, "q", "Nguyễn", { alsoText: true })).toEqual({ kind: "none" });
    expect(phoneSearch(masked, "caller", "abc", { alsoText: false })).toMatchObject({ kind: "refused", reason: "phone_filter_forbidden" });
  });
});
