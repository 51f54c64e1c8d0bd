// The contact import end to end through the real app: multipart upload streamed through the CSV reader,
// per-row error report, merging rules, a 100,000-row file streamed, permissions.
import { Readable } from "node:stream";
import v8 from "node:v8";
import vm from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { login, seedSmallProvince, startTestApp, type TestApp } from "../../helpers/app.js";
import { addCampaignStaff } from "../../helpers/campaigns.js";
import { multipart } from "../../helpers/multipart.js";

let t: TestApp;
let admin: string;
let manager: string;
let approver: string;
let agencies: Awaited<ReturnType<typeof seedSmallProvince>>["agencies"];

beforeAll(async () => {
  t = await startTestApp();
  ({ agencies } = await seedSmallProvince(t.db));
  ({ manager, approver } = (await addCampaignStaff(t.db, t.app, agencies.province.id)).cookies);
  admin = await login(t.app, "admin");
});
afterAll(async () => {
  await t?.close();
});

async function importCsv(cookie: string, csv: string | Readable, mapping: object, extra: Record<string, string> = {}) {
  const { payload, headers } = multipart({ mapping: JSON.stringify(mapping), ...extra }, csv);
  return t.app.inject({ method: "POST", url: "/api/contact-imports", headers: { ...headers, cookie }, payload });
}

function parseReport(body: string): string[][] {
  expect(body.startsWith("\ufeff")).toBe(true);
  return body
    .slice(1)
    .trim()
    .split("\r\n")
    .map((line) => line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/));
}

describe("the error report of a malformed file", () => {
  it("reports bad quotes, wrong column counts, landlines, invalid and foreign numbers, duplicates; BOM and semicolons", async () => {
    const csv = [
      "\ufeffSĐT;Họ tên;Xã/Phường;Nhóm tuổi",
      '0912 345 678;"Nguyễn Văn A";Phường Quy Nhơn;18-30', // 2 ok
      "+84.912.345.679;Trần Thị B;Pleiku;31-45", // 3 ok, commune without "Phường"
      "0256 3822 478;Cơ quan;;", // 4 landline
      "0912;Ngắn;;", // 5 invalid (too short)
      "+1 202 555 0143;Foreign;;", // 6 not Vietnamese
      ";Không số;;", // 7 empty
      "0912345680;Thiếu cột", // 8 wrong column count
      "84912345678;Nguyễn Văn A (trùng);;", // 9 duplicate of row 2, merged
      "01627 123 456;Số cũ;Xã Không Có;", // 10 old 11-digit form → 032…, unknown commune noted
      'abc"x;bad;;', // 11 a stray quote is text: invalid characters
      '"0912345681;Mở ngoặc không đóng;;', // 12 quote never closed
    ].join("\r\n");
    const response = await importCsv(manager, csv, { phone: "SĐT", name: "Họ tên", commune: "Xã/Phường", ageGroup: "Nhóm tuổi" });
    expect(response.statusCode, response.body).toBe(201);
    const result = response.json();
    expect(result).toMatchObject({ status: "completed", totalRows: 11, importedRows: 3, duplicateRows: 1, errorRows: 7 });

    const report = await t.app.inject({ method: "GET", url: `/api/contact-imports/${result.id}/errors.csv`, headers: { cookie: manager } });
    expect(report.statusCode).toBe(200);
    expect(report.headers["content-type"]).toMatch(/^text\/csv/);
    const [header, ...rows] = parseReport(report.body);
    expect(header).toEqual(["Dòng", "Cột", "Giá trị", "Lý do"]);
    expect(rows.map(([row, column, , reason]) => [Number(row), column, reason])).toEqual([
      [4, "SĐT", "Số cố định không nhận được tin nhắn"],
      [5, "SĐT", "Số điện thoại không hợp lệ"],
      [6, "SĐT", "Không phải số Việt Nam"],
      [7, "SĐT", "Không có số điện thoại"],
      [8, "", "Dòng sai định dạng (số cột hoặc dấu ngoặc kép)"],
      [9, "SĐT", "Số trùng với một dòng trước trong tệp (đã gộp)"],
      [10, "Xã/Phường", "Không tìm thấy xã/phường: đã nhập nhưng chưa gán xã"],
      [11, "SĐT", "Số điện thoại không hợp lệ"],
      [12, "", "Dòng sai định dạng (số cột hoặc dấu ngoặc kép)"],
    ]);
    expect(rows[0]?.[2]).toBe("0256 3822 478");

    // The same rows for the console's table, a page at a time, with the reason as a code it translates.
    const table = await t.app.inject({
      method: "GET",
      url: `/api/contact-imports/${result.id}/errors?range=[0,1]`,
      headers: { cookie: manager },
    });
    expect(table.headers["content-range"]).toBe("contact-import-errors 0-1/9");
    expect(table.json()).toMatchObject([
      { rowNumber: 4, column: "SĐT", value: "0256 3822 478", reason: "landline" },
      { rowNumber: 5, column: "SĐT", value: "0912", reason: "invalid" },
    ]);

    // For Excel set to Vietnamese: the same report with semicolons.
    const semicolons = await t.app.inject({
      method: "GET",
      url: `/api/contact-imports/${result.id}/errors.csv?separator=semicolon`,
      headers: { cookie: manager },
    });
    expect(semicolons.body.split("\r\n")[1]).toBe("4;SĐT;0256 3822 478;Số cố định không nhận được tin nhắn");

    const contacts = await t.db.contact.findMany({ orderBy: { phone: "asc" } });
    expect(contacts.map((c) => c.phone)).toEqual(["+84327123456", "+84912345678", "+84912345679"]);
    const a = contacts.find((c) => c.phone === "+84912345678");
    // The duplicate row's non-empty name wins; its empty commune and age group do not erase the first row's.
    expect(a).toMatchObject({ name: "Nguyễn Văn A (trùng)", agencyId: agencies.wardA.id, ageGroup: "18-30", carrier: "VinaPhone" });
    expect(contacts.find((c) => c.phone === "+84912345679")?.agencyId).toBe(agencies.wardB.id);

    const audit = await t.db.auditLog.findFirst({ where: { resource: "contact-imports", action: "export" } });
    expect(audit?.resourceId).toBe(String(result.id));
  });

  it("previews the first rows with the detected delimiter and suggested mapping", async () => {
    const { payload, headers } = multipart({}, '\ufeffHọ tên,Số điện thoại,Xã/Phường\r\nA,0912000001,X\r\nB,"0912 000 002",Y\r\n');
    const response = await t.app.inject({
      method: "POST",
      url: "/api/contact-imports/preview",
      headers: { ...headers, cookie: manager },
      payload,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      delimiter: ",",
      header: ["Họ tên", "Số điện thoại", "Xã/Phường"],
      rows: [
        { row: 2, fields: ["A", "0912000001", "X"], malformed: false },
        { row: 3, fields: ["B", "0912 000 002", "Y"], malformed: false },
      ],
      suggested: { phone: "Số điện thoại", name: "Họ tên", commune: "Xã/Phường" },
    });
  });

  it("refuses a mapping naming a column the file lacks, and marks the import failed", async () => {
    const response = await importCsv(manager, "phone\n0912000003\n", { phone: "SĐT" });
    expect(response.statusCode).toBe(400);
    const last = await t.db.contactImport.findFirst({ orderBy: { id: "desc" } });
    expect(last?.status).toBe("failed");
  });
});

describe("consent dates", () => {
  it("refuses a day that does not exist or a malformed date as a row error, instead of rolling it over or using the import time", async () => {
    const csv = [
      "SĐT,Đồng ý,Ngày đồng ý",
      "0987100001,có,31/02/2026",
      "0987100002,có,2026-13-45",
      "0987100003,có,28/02/2026",
      "0987100004,có,",
    ].join("\n");
    const response = await importCsv(manager, csv, { phone: "SĐT", consent: "Đồng ý", consentAt: "Ngày đồng ý", consentSource: "Phiếu" });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ totalRows: 4, importedRows: 2, errorRows: 2 });
    const report = await t.app.inject({
      method: "GET",
      url: `/api/contact-imports/${response.json().id}/errors.csv`,
      headers: { cookie: manager },
    });
    const [, ...rows] = parseReport(report.body);
    const reason = "Ngày không hợp lệ (dùng dd/MM/yyyy hoặc yyyy-MM-dd): dòng không được nhập";
    expect(rows).toEqual([
      ["2", "Ngày đồng ý", "31/02/2026", reason],
      ["3", "Ngày đồng ý", "2026-13-45", reason],
    ]);
    const contacts = await t.db.contact.findMany({ where: { phone: { startsWith: "+8498710" } }, orderBy: { phone: "asc" } });
    expect(contacts.map((c) => c.phone)).toEqual(["+84987100003", "+84987100004"]);
    expect(contacts[0]?.consentAt?.toISOString()).toBe("2026-02-27T17:00:00.000Z");
  });
});

describe("merging with existing contacts", () => {
  it("keeps the newest non-empty fields, accumulates tags and attributes, and never undoes a refusal", async () => {
    await t.db.contact.create({
      data: {
        phone: "+84987000001",
        name: "Cũ",
        tags: ["thanh-nien"],
        attributes: { nghe: "nông dân" },
        consentStatus: "refused",
        consentSource: "opt_out:keyword",
        consentAt: new Date("2026-01-01T00:00:00Z"),
        consentMethod: "SMS từ chối",
      },
    });
    await t.db.contact.create({ data: { phone: "+84987000002", name: "Giữ tên", ageGroup: "60+" } });
    const csv = [
      "SĐT,Họ tên,Nhãn,Đồng ý,Ghi chú",
      "0987000001,Mới,dvctt;vneid,có,x",
      "0987000002,,dvctt,yes,",
      "0987000003,Người mới,,không,",
    ].join("\n");
    const response = await importCsv(
      manager,
      csv,
      { phone: "SĐT", name: "Họ tên", tags: "Nhãn", consent: "Đồng ý", consentSource: "Phiếu đăng ký 2026", consentMethod: "Ký giấy" },
      {},
    );
    expect(response.statusCode, response.body).toBe(201);
    const [one, two, three] = await t.db.contact.findMany({ where: { phone: { startsWith: "+84987" } }, orderBy: { phone: "asc" } });
    expect(one).toMatchObject({
      name: "Mới",
      tags: ["dvctt", "thanh-nien", "vneid"],
      attributes: { nghe: "nông dân", "Ghi chú": "x" },
      consentStatus: "refused",
      consentSource: "opt_out:keyword",
      consentMethod: "SMS từ chối",
    });
    expect(two).toMatchObject({
      name: "Giữ tên",
      ageGroup: "60+",
      consentStatus: "granted",
      consentSource: "Phiếu đăng ký 2026",
      consentMethod: "Ký giấy",
    });
    expect(two?.consentAt).toBeInstanceOf(Date);
    expect(three).toMatchObject({ consentStatus: "refused", consentSource: "Phiếu đăng ký 2026" });
  });

  it("requires consent evidence when a consent column is mapped, and adds imported contacts to a list", async () => {
    const bad = await importCsv(manager, "SĐT,Đồng ý\n0987000004,có\n", { phone: "SĐT", consent: "Đồng ý" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual({ consentSource: "tthc.validation.consent_evidence" });

    const list = await t.db.contactList.create({ data: { name: "Thanh niên Quy Nhơn" } });
    const ok = await importCsv(manager, "SĐT\n0987000004\n0987000005\n", { phone: "SĐT" }, { listId: String(list.id) });
    expect(ok.statusCode, ok.body).toBe(201);
    const lists = await t.app.inject({ method: "GET", url: `/api/contact-lists/${list.id}`, headers: { cookie: manager } });
    expect(lists.json().memberCount).toBe(2);
  });
});

describe("a large file", () => {
  it("streams 100,000 generated rows without holding the file, with duplicates and errors counted", async () => {
    const ROWS = 100_000;
    async function* generate() {
      yield "SĐT;Họ tên;Nhãn\n";
      let chunk = "";
      for (let i = 0; i < ROWS; i++) {
        // Every 10th row repeats an earlier number; every 25th is a landline.
        const n = i % 10 === 9 ? i - 1 : i;
        const phone = i % 25 === 24 ? "02563822478" : `0913${String(n).padStart(6, "0")}`;
        chunk += `${phone};Công dân ${i};lon\n`;
        if (chunk.length > 64 * 1024) {
          yield chunk;
          chunk = "";
        }
      }
      yield chunk;
    }
    // Retained memory, not garbage: sample the heap right after a full collection.
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const sampler = setInterval(() => {
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }, 500);
    const started = Date.now();
    const response = await importCsv(admin, Readable.from(generate()), { phone: "SĐT", name: "Họ tên", tags: "Nhãn" });
    clearInterval(sampler);
    expect(response.statusCode, response.body).toBe(201);
    const landlines = ROWS / 25;
    const duplicates = Array.from({ length: ROWS }, (_, i) => i).filter((i) => i % 10 === 9 && i % 25 !== 24 && (i - 1) % 25 !== 24).length;
    expect(response.json()).toMatchObject({
      totalRows: ROWS,
      errorRows: landlines,
      duplicateRows: duplicates,
      importedRows: ROWS - landlines - duplicates,
    });
    expect(await t.db.contact.count({ where: { tags: { has: "lon" } } })).toBe(ROWS - landlines - duplicates);
    // One batch and the 8-byte-per-number PhoneSet stay; rows and the file do not.
    expect(peak - before).toBeLessThan(40 * 1024 * 1024);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 120_000);
});

describe("permissions and personal data", () => {
  it("lets only administrators and campaign managers import; approvers see masked numbers", async () => {
    const denied = await importCsv(approver, "SĐT\n0987000009\n", { phone: "SĐT" });
    expect(denied.statusCode).toBe(403);
    const list = await t.app.inject({
      method: "GET",
      url: `/api/contacts?filter=${encodeURIComponent(JSON.stringify({ q: "0987000004" }))}`,
      headers: { cookie: approver },
    });
    expect(list.statusCode).toBe(200);
    expect(list.json()[0].phone).toBe("+84 98x xxx 004");
    const full = await t.app.inject({
      method: "GET",
      url: `/api/contacts?filter=${encodeURIComponent(JSON.stringify({ q: "0987000004" }))}`,
      headers: { cookie: manager },
    });
    expect(full.json()[0].phone).toBe("+84987000004");
    const agent = await login(t.app, "quynhon.nv1");
    expect((await t.app.inject({ method: "GET", url: "/api/contacts", headers: { cookie: agent } })).statusCode).toBe(403);
  });

  it("requires evidence to grant consent in the console", async () => {
    const contact = await t.db.contact.findUniqueOrThrow({ where: { phone: "+84987000005" } });
    const url = `/api/contacts/${contact.id}`;
    const bad = await t.app.inject({ method: "PUT", url, headers: { cookie: manager }, payload: { consentStatus: "granted" } });
    expect(bad.statusCode).toBe(400);
    const ok = await t.app.inject({
      method: "PUT",
      url,
      headers: { cookie: manager },
      payload: { consentStatus: "granted", consentSource: "Cuộc gọi 1022", consentMethod: "Đồng ý qua điện thoại" },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ consentStatus: "granted", consentSource: "Cuộc gọi 1022" });
  });
});
