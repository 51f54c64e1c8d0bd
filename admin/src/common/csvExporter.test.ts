import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { recordsToCsv } from "./csvExporter";

const FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", "-1+1", "@SUM(1,2)", "\t=1+1", "\r=1+1"];

/** Cells as a spreadsheet reads them. */
const cells = (csv: string): string[][] => parse(csv, { bom: true });

describe("the console's CSV export", () => {
  it("neutralises every cell a spreadsheet would run as a formula, in nested fields and lists too", () => {
    const records = FORMULAS.map((formula, id) => ({ id, name: formula, attributes: { note: formula }, tags: [formula, "ok"] }));
    const [header, ...rows] = cells(recordsToCsv(records));
    expect(header).toEqual(["id", "name", "attributes.note", "tags"]);
    for (const [i, row] of rows.entries()) {
      const formula = FORMULAS[i] as string;
      expect(row).toEqual([String(i), `'${formula}`, `'${formula}`, `'${formula}, ok`]);
    }
  });

  it("keeps ordinary values, numbers and empty fields as they are", () => {
    const csv = recordsToCsv([{ id: 1, name: "Nguyễn Văn A", phone: "+84912345678", balance: -5, note: null }]);
    expect(csv.startsWith("\ufeff")).toBe(true);
    expect(cells(csv)).toEqual([
      ["id", "name", "phone", "balance", "note"],
      ["1", "Nguyễn Văn A", "'+84912345678", "-5", ""],
    ]);
  });

  it("is the exporter of every list in the console", () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith(".tsx")) files.push(path);
      }
    };
    walk(join(__dirname, ".."));
    // Each react-admin <List> names its exporter first: react-admin's default writes formulas as they are.
    const usesList = (source: string) => /import\s*\{[^}]*\bList\b[^}]*\}\s*from\s*"react-admin"/.test(source);
    const lists = files.flatMap((file) => {
      const source = readFileSync(file, "utf8");
      return usesList(source) ? [...source.matchAll(/<List\b\s*[^\s>]*/g)].map((match) => ({ file, tag: match[0] })) : [];
    });
    expect(lists.length).toBeGreaterThan(10);
    expect(lists.filter(({ tag }) => !/^<List\s+exporter=\{(csvExporter|false)\}$/.test(tag))).toEqual([]);
  });
});
