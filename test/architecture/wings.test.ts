// `npm test` keeps the arrows running down (test/architecture/wings.ts): no wing imports one above it
// or beside it, and no two sibling folders import each other. ALLOWED lists the debt left, one reason
// each; an entry that no longer matches fails too, so the list only shrinks.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkImports, type Violation } from "./wings.js";

const SERVER = fileURLToPath(new URL("../../server", import.meta.url));
const FIXTURE = fileURLToPath(new URL("./fixtures/tree", import.meta.url));

/** "from -> to" of a violation the tree still has, with why it is not fixed yet. */
const ALLOWED: Record<string, string> = {
  "clock/vietnam-time.ts -> agencies/hours/types.ts": "the Weekday type still lives with opening hours",
  "agencies/tree/routes.ts -> clock/vietnam-time.ts": "reported as a pair with the Weekday import above",
  "messaging/messages.ts -> outreach/campaigns/receipts.ts": "receipts still update campaign recipients directly",
  "messaging/messages.ts -> outreach/consent/opt-outs/suppress.ts": "a carrier's unsubscribe still calls the opt-out code",
  "agencies/hours/overrides-routes.ts -> agencies/tree/scope.ts": "hours overrides use the tree's scope, the tree reads hours",
  "outreach/contacts/routes.ts -> outreach/segments/audience.ts": "the consent statuses are declared with segments",
};

const key = (v: Violation) => `${v.from} -> ${v.to}`;

describe("imports only run down", () => {
  it("finds upward, sideways and mutual imports in a tree that has them", () => {
    expect(
      checkImports(FIXTURE)
        .map((v) => `${v.rule} ${key(v)}`)
        .sort(),
    ).toEqual([
      "mutual outreach/contacts/routes.ts -> outreach/segments/audience.ts",
      "sideways hotline/campaign-link.ts -> outreach/segments/audience.ts",
      "upward platform/db.ts -> hotline/voice.ts",
    ]);
  });

  it("holds for the server, apart from the listed debt", () => {
    const violations = checkImports(SERVER);
    expect(violations.filter((v) => !(key(v) in ALLOWED)).map((v) => `${v.rule} ${key(v)}`)).toEqual([]);
    const found = new Set(violations.map(key));
    expect(Object.keys(ALLOWED).filter((k) => !found.has(k))).toEqual([]);
  });
});
