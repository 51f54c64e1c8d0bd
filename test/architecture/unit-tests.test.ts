// Unit tests mirror the server's tree: test/unit/<path>/<name>.test.ts tests server/<path>/<name>.ts,
// and a module with several aspects may have <name>.<aspect>.test.ts files beside it. So a module's
// tests are found from its path, and a test's module from its own.
import { existsSync } from "node:fs";
import { basename, dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { sourceFiles } from "./wings.js";

const UNIT = fileURLToPath(new URL("../unit", import.meta.url));
const SERVER = fileURLToPath(new URL("../../server", import.meta.url));

/** The server module a unit test file is named after: "agencies/hours/schedule.is-open.test.ts" → "agencies/hours/schedule.ts". */
function moduleOf(testPath: string): string {
  const name = basename(testPath).split(".")[0] ?? "";
  return join(dirname(testPath), `${name}.ts`);
}

describe("unit tests", () => {
  it("name a module and an aspect by the file name", () => {
    expect(moduleOf("agencies/hours/schedule.is-open.test.ts")).toBe(join("agencies/hours", "schedule.ts"));
    expect(moduleOf("config.test.ts")).toBe("config.ts");
  });

  it("sit at the path of the server module they test", () => {
    const tests = sourceFiles(UNIT)
      .filter((file) => file.endsWith(".test.ts"))
      .map((file) => relative(UNIT, file).split(sep).join("/"));
    expect(tests.length).toBeGreaterThan(0);
    expect(tests.filter((test) => !existsSync(join(SERVER, moduleOf(test))))).toEqual([]);
  });
});
