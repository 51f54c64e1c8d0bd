// The import's merge in SQL (staging table + COPY, import-staging.ts) against the rules written in
// TypeScript (mergeContact): a file repeating numbers, with refusals, grants, tags and attributes in
// every order, must give the contacts that folding its rows with mergeContact gives.
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ContactRow, mergeContact, runContactImport } from "../../../server/outreach/contacts/import.js";
import { createDb, type Db } from "../../../server/platform/db/client.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDb(database.url);
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

async function importRows(lines: string[], listId?: number) {
  const mapping = { phone: "SĐT", name: "Tên", tags: "Nhãn", consent: "Đồng ý", consentSource: "Phiếu", consentMethod: "Ký" };
  const row = await db.contactImport.create({ data: { fileName: "t.csv", status: "running", mapping, listId } });
  const at = new Date("2026-03-01T00:00:00Z");
  const counts = await runContactImport(db, Readable.from([["SĐT,Tên,Nhãn,Đồng ý,Ghi chú", ...lines].join("\n")]), {
    importId: row.id,
    mapping,
    listId,
    now: () => at,
  });
  return { counts, importId: row.id, at };
}

describe("numbers repeated in one file", () => {
  it("become the contact mergeContact makes of the rows, in every order of refusal, grant and unknown", async () => {
    // Five numbers, each with a different story across the file.
    const stories: Record<string, [name: string, tags: string, consent: string, note: string][]> = {
      "0981000001": [
        ["An", "b;a", "có", "x"],
        ["", "c;a", "không", ""],
        ["An 3", "d", "có", "y"],
      ],
      "0981000002": [
        ["", "", "", ""],
        ["Bình", "z", "có", "p"],
        ["", "y", "", "q"],
      ],
      "0981000003": [
        ["Chi", "", "có", ""],
        ["", "", "có", "r"],
      ],
      "0981000004": [
        ["Dũng", "t", "", ""],
        ["", "", "", ""],
      ],
      "0981000005": [["Em", "k", "không", "s"]],
    };
    const lines: string[] = [];
    const order = Object.entries(stories).flatMap(([phone, rows]) => rows.map((r, i) => ({ phone, r, i })));
    // Interleaved: repeats far apart, as in a real file.
    order.sort((a, b) => a.i - b.i || a.phone.localeCompare(b.phone));
    for (const { phone, r } of order) lines.push(`${phone},${r[0]},"${r[1]}",${r[2]},${r[3]}`);
    const list = await db.contactList.create({ data: { name: "gộp" } });
    const { counts, at } = await importRows(lines, list.id);
    expect(counts).toMatchObject({ totalRows: 11, importedRows: 5, duplicateRows: 6, errorRows: 0 });

    const consentOf = (text: string) => (text === "có" ? "granted" : text === "không" ? "refused" : "unknown");
    for (const [phone, rows] of Object.entries(stories)) {
      const asRows: ContactRow[] = rows.map(([name, tags, consent, note]) => {
        const c = consentOf(consent);
        return {
          phone,
          name: name || undefined,
          tags: tags.split(";").filter(Boolean),
          attributes: (note ? { "Ghi chú": note } : {}) as Record<string, string>,
          consent: c,
          ...(c !== "unknown" && { consentSource: "Phiếu", consentMethod: "Ký", consentAt: at }),
        };
      });
      const expected = asRows.reduce((older, newer) => mergeContact(older, newer));
      const stored = await db.contact.findUniqueOrThrow({ where: { phone: `+84${phone.slice(1)}` } });
      expect(
        {
          name: stored.name,
          tags: stored.tags,
          attributes: stored.attributes,
          consent: stored.consentStatus,
          source: stored.consentSource,
          at: stored.consentAt,
        },
        phone,
      ).toEqual({
        name: expected.name ?? null,
        tags: expected.tags,
        attributes: expected.attributes,
        consent: expected.consent,
        source: expected.consentSource ?? null,
        at: expected.consentAt ?? null,
      });
    }
    expect(await db.contactListMember.count({ where: { listId: list.id } })).toBe(5);
  });

  it("lists every repeat in the report after the row's other notes, in file order", async () => {
    const { importId } = await importRows(["0981000011,A,,có,", "0981000011,B,,chắc chắn,", "0981000012,C,,,", "0981000011,D,,,"]);
    const errors = await db.contactImportError.findMany({ where: { importId }, orderBy: { id: "asc" } });
    expect(errors.map((e) => [e.rowNumber, e.reason])).toEqual([
      [3, "consent_unrecognised"],
      [3, "duplicate_in_file"],
      [5, "duplicate_in_file"],
    ]);
    const stored = await db.contact.findUniqueOrThrow({ where: { phone: "+84981000011" } });
    expect(stored).toMatchObject({ name: "D", consentStatus: "granted" });
  });

  it("leaves nothing behind when the file cannot be read to the end", async () => {
    const mapping = { phone: "SĐT" };
    const row = await db.contactImport.create({ data: { fileName: "t.csv", status: "running", mapping } });
    async function* broken() {
      yield "SĐT\n0981000021\n0981000022\n";
      throw new Error("upload cut off");
    }
    await expect(runContactImport(db, broken(), { importId: row.id, mapping })).rejects.toThrow("upload cut off");
    expect(await db.contact.count({ where: { phone: { in: ["+84981000021", "+84981000022"] } } })).toBe(0);
  });
});
