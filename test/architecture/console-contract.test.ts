// The console uses the server's contract (server/contract/) instead of copies: see console-contract.ts.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkConsole } from "./console-contract.js";

const CONSOLE = fileURLToPath(new URL("../../admin/src", import.meta.url));
const SERVER = fileURLToPath(new URL("../../server", import.meta.url));
const FIXTURE = fileURLToPath(new URL("./fixtures/console", import.meta.url));

/** Server files outside the contract that the console shares on purpose. */
const SHARED: Record<string, string> = {
  "platform/http/csv-cell.ts": "one rule against CSV injection for the server's downloads and the console's exports; pure",
  "clock/vietnam-time.ts": "one Vietnam wall clock for the server's rules and the console's date fields; a pure core",
  "clock/time-of-day.ts": "one HH:MM parser for opening hours and sending windows, on both sides; a pure core",
};

const describeViolations = (root: string, server: string, shared?: Record<string, string>) =>
  checkConsole(root, server, shared)
    .map((v) => `${v.rule} ${v.file}: ${v.detail}`)
    .sort();

describe("the console and the server share one contract", () => {
  it("finds imports past the contract, schema values in the bundle and copied types in a tree that has them", () => {
    expect(describeViolations(`${FIXTURE}/admin/src`, `${FIXTURE}/server`)).toEqual([
      "bundles-package broken.ts: contract/shapes.ts → typebox",
      "copy broken.ts: Campaign",
      "outside-contract broken.ts: platform/db.ts",
    ]);
  });

  it("holds for the console", () => {
    expect(describeViolations(CONSOLE, SERVER, SHARED)).toEqual([]);
  });
});
