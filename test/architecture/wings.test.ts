// `npm test` keeps the arrows running down (test/architecture/wings.ts): no wing imports one above it
// or beside it, and no two sibling folders import each other. ALLOWED lists the debt left, one reason
// each; an entry that no longer matches fails too, so the list only shrinks.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkImports, sourceFiles, type Violation } from "./wings.js";

const SERVER = fileURLToPath(new URL("../../server", import.meta.url));
const FIXTURE = fileURLToPath(new URL("./fixtures/tree", import.meta.url));

/** "from -> to" of a violation the tree still has, with why it is not fixed yet. */
// Empty since the wings were drawn: messaging announces receipts and unsubscribes through hooks that
// outreach registers, the Weekday type lives with the clock, consent statuses with contacts, and the
// agency scope at the root of agencies/.
const ALLOWED: Record<string, string> = {};

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

describe("vendor error codes", () => {
  it("appear only in their vendor's file: everything above reads the neutral failure kind", () => {
    const vendors = join(SERVER, "messaging/vendors");
    const codes = new Set(readdirSync(vendors).flatMap((file) => readFileSync(join(vendors, file), "utf8").match(/\b\d{5}\b/g) ?? []));
    expect(codes.has("21610")).toBe(true);
    const leaks = sourceFiles(SERVER)
      .filter((file) => !file.startsWith(vendors))
      .flatMap((file) =>
        (readFileSync(file, "utf8").match(/\b\d{5}\b/g) ?? [])
          .filter((n) => codes.has(n))
          .map((n) => `${file.slice(SERVER.length + 1)}: ${n}`),
      );
    expect(leaks).toEqual([]);
  });
});
