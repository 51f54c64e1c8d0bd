// Every model holding a citizen's number or data about them is in the registry of personal-data
// holders (server/privacy/holders/registry.ts) or excused with a reason; a new table of personal data
// cannot slip past a data-subject request unnoticed (docs/privacy-requests.md).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EXCUSED, HOLDERS } from "../../server/privacy/holders/registry.js";
import { registryProblems } from "./personal-data-registry.js";

const schema = readFileSync(new URL("../../prisma/schema.prisma", import.meta.url), "utf8");
const holders = HOLDERS.map((h) => h.model);
const excused = EXCUSED.map((e) => e.model);

describe("the registry of personal-data holders", () => {
  it("names every model with personal data, and only models that exist", () => {
    expect(registryProblems(schema, holders, excused)).toEqual([]);
  });

  it("gives each holder a kind of its own and each excused model a reason", () => {
    expect(new Set(HOLDERS.map((h) => h.kind)).size).toBe(HOLDERS.length);
    for (const e of EXCUSED) expect(e.reason.length, e.model).toBeGreaterThan(20);
  });

  it("fails on a model with a phone field that is in neither list, and on a relation to a holder", () => {
    const fixture = `${schema}
model Petition {
  id          Int    @id
  senderPhone String
}
model PetitionVote {
  id     Int  @id
  callId Int
  call   Call @relation(fields: [callId], references: [id])
}`;
    expect(registryProblems(fixture, holders, excused)).toEqual([
      "Petition (fields senderPhone) is neither a holder nor excused",
      "PetitionVote (relation to Call) is neither a holder nor excused",
    ]);
  });

  it("fails when the registry names a model the schema does not have", () => {
    expect(registryProblems(schema, [...holders, "Voicemail"], excused)).toEqual(["Voicemail is no model of the schema"]);
  });
});
