import { describe, expect, it } from "vitest";
import { csvEvents, detectDelimiter } from "../../../../server/outreach/contacts/csv-source.js";

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
