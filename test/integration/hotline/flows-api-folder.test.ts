// The ivr-flows folder is found from tsx (server/hotline/flows/) and from the compiled build
// (dist/server/hotline/flows/), whatever the working directory.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { flowsFolder } from "../../../server/hotline/flows/folder.js";
import { ROOT } from "../../helpers/processes.js";

const FOLDER = join(ROOT, "ivr-flows");

describe("flowsFolder", () => {
  it("uses the working directory when it is the project root", () => {
    expect(flowsFolder(ROOT, "/nowhere/server/hotline/flows/folder.ts")).toBe(FOLDER);
  });

  it("walks up from the module, in the sources and in dist, when run from elsewhere", () => {
    expect(flowsFolder("/tmp", join(ROOT, "server/hotline/flows/folder.ts"))).toBe(FOLDER);
    expect(flowsFolder("/tmp", join(ROOT, "dist/server/hotline/flows/folder.js"))).toBe(FOLDER);
  });
});
