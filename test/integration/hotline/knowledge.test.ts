// The knowledge base through the real app: ranked search without accents (the acceptance point of
// issue 13: "khai sinh" typed without accents finds the articles about "khai sinh", the title match
// first), who may write what, uses counted, the CSV import's per-row report and the export read back,
// and the public page of published articles.
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listUrl, loginAll, seedSmallProvince, startTestApp, type TestApp } from "../../helpers/app.js";
import { createCall } from "../../helpers/calls.js";
import { multipart } from "../../helpers/multipart.js";

let t: TestApp;
let seeded: Awaited<ReturnType<typeof seedSmallProvince>>;
let admin: string;
let supervisor: string;
let agent: string;
let viewer: string;

beforeAll(async () => {
  t = await startTestApp();
  seeded = await seedSmallProvince(t.db);
  ({ admin, supervisor, agent, viewer } = await loginAll(t.app, seeded.users));
});
afterAll(() => t.close());

type Method = "GET" | "POST" | "PUT" | "DELETE";
const call = (cookie: string, method: Method, url: string, payload?: object) => t.app.inject({ method, url, payload, headers: { cookie } });
const ids = (body: { id: number }[]) => body.map((a) => a.id);

interface Draft {
  title: string;
  answer: string;
  agencyId: number;
  status?: "draft" | "published";
  [key: string]: unknown;
}
async function create(cookie: string, article: Draft) {
  const response = await call(cookie, "POST", "/api/knowledge-articles", { status: "published", ...article });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { id: number; useCount: number };
}
const search = async (cookie: string, q: string, filter: object = {}) => {
  const response = await call(cookie, "GET", listUrl("knowledge-articles", { filter: { q, ...filter } }));
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { id: number; title: string }[];
};

describe("search", () => {
  let birth: number;
  let mention: number;
  let identity: number;
  let draft: number;

  beforeAll(async () => {
    const { department } = seeded.agencies;
    // The answer mentions "khai sinh" several times; the other article has it in its title: that one comes first.
    mention = (
      await create(admin, {
        title: "Đăng ký thường trú cho trẻ em",
        answer: "Sau khi đăng ký khai sinh, mang giấy khai sinh bản chính và tờ khai; khai sinh xong mới đăng ký thường trú.",
        agencyId: department.id,
      })
    ).id;
    birth = (
      await create(admin, {
        title: "Đăng ký khai sinh",
        answer: "Ông bà nộp tờ khai và giấy chứng sinh tại Ủy ban nhân dân xã, phường nơi cư trú.",
        procedureCode: "1.001193",
        procedureName: "Thủ tục đăng ký khai sinh",
        topic: "ho_tich",
        agencyId: department.id,
      })
    ).id;
    identity = (
      await create(admin, {
        title: "Cấp lại thẻ căn cước",
        answer: "Ông bà đến cơ quan công an cấp xã hoặc nộp trên ứng dụng VNeID.",
        topic: "cu_tru",
        agencyId: department.id,
      })
    ).id;
    draft = (await create(admin, { title: "Khai sinh (bản nháp)", answer: "Chưa xong.", agencyId: department.id, status: "draft" })).id;
  });

  it("finds the same articles with or without accents, the title match first", async () => {
    const accented = await search(agent, "khai sinh");
    const unaccented = await search(agent, "khai sinh");
    expect(ids(unaccented)).toEqual(ids(accented));
    expect(ids(unaccented)).toEqual([birth, mention]);
    expect(ids(await search(agent, "KHAI   SINH"))).toEqual([birth, mention]);
    // A partial word while typing; a procedure code; a fragment inside a word.
    expect(ids(await search(agent, "khai si"))).toEqual([birth, mention]);
    expect(ids(await search(agent, "1.001193"))).toEqual([birth]);
    expect(ids(await search(agent, "vneid"))).toEqual([identity]);
    expect(ids(await search(agent, "can cuoc"))).toEqual([identity]);
    expect(await search(agent, "không có gì như vậy")).toEqual([]);
    // Operators of to_tsquery and of LIKE are text like any other.
    for (const q of ["khai & | ! ( ) :* '", "%", "_", "\\", "<->"]) {
      const response = await call(agent, "GET", listUrl("knowledge-articles", { filter: { q } }));
      expect(response.statusCode, q).toBe(200);
    }
    expect(ids(await search(agent, "%"))).toEqual([]);
  });

  it("keeps drafts from readers and filters by topic, agency, status and staleness", async () => {
    expect(ids(await search(agent, "khai sinh", { status: "draft" }))).toEqual([]);
    expect(ids(await search(viewer, "nhap"))).toEqual([]);
    expect(ids(await search(admin, "khai sinh"))).toContain(draft);
    expect(ids(await search(supervisor, "ban nhap"))).toEqual([draft]);
    expect(ids(await search(agent, "", { topic: "cu_tru" }))).toEqual([identity]);
    expect((await call(agent, "GET", `/api/knowledge-articles/${draft}`)).statusCode).toBe(404);

    await call(admin, "PUT", `/api/knowledge-articles/${identity}`, {
      title: "Cấp lại thẻ căn cước",
      answer: "Ông bà đến cơ quan công an cấp xã hoặc nộp trên ứng dụng VNeID.",
      topic: "cu_tru",
      agencyId: seeded.agencies.department.id,
      status: "published",
      reviewOn: "2020-01-01",
    });
    const stale = await search(agent, "", { stale: true });
    expect(ids(stale)).toEqual([identity]);
    expect(stale[0]).toMatchObject({ stale: true, reviewOn: "2020-01-01" });
    expect(ids(await search(agent, "", { stale: false }))).not.toContain(identity);
  });

  it("counts a use, on a call or a case, and lists the most used first", async () => {
    const before = (await call(agent, "GET", `/api/knowledge-articles/${identity}`)).json();
    const used = await call(agent, "POST", `/api/knowledge-articles/${identity}/uses`, {});
    expect(used.statusCode, used.body).toBe(200);
    expect(used.json()).toEqual({ articleId: identity, useCount: 1 });
    const after = (await call(agent, "GET", `/api/knowledge-articles/${identity}`)).json();
    expect(after.useCount).toBe(1);
    expect(after.lastUsedAt).not.toBeNull();
    expect(after.updatedAt).toBe(before.updatedAt);
    const rows = await t.db.knowledgeArticleUse.findMany({ where: { articleId: identity } });
    expect(rows).toMatchObject([{ userId: seeded.users.agent.id, callId: null, caseId: null }]);
    const list = (await call(agent, "GET", listUrl("knowledge-articles"))).json();
    expect(list[0].id).toBe(identity);

    const missing = await call(agent, "POST", `/api/knowledge-articles/${identity}/uses`, { callId: 999999 });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual({ callId: "tthc.validation.not_found" });
    expect((await call(agent, "POST", `/api/knowledge-articles/${draft}/uses`, {})).statusCode).toBe(404);
    // On a call the agent answered: recorded with it; on another agency's call: as if it did not exist.
    const { wardA, wardB } = seeded.agencies;
    const mine = await createCall(t.db, { agencyId: wardA.id, staffId: seeded.users.agent.id });
    const theirs = await createCall(t.db, { agencyId: wardB.id });
    expect((await call(agent, "POST", `/api/knowledge-articles/${identity}/uses`, { callId: mine.id })).json().useCount).toBe(2);
    expect((await t.db.knowledgeArticleUse.findFirst({ where: { callId: mine.id } }))?.userId).toBe(seeded.users.agent.id);
    expect((await call(agent, "POST", `/api/knowledge-articles/${identity}/uses`, { callId: theirs.id })).statusCode).toBe(400);
    expect((await call(agent, "POST", `/api/knowledge-articles/${identity}/uses`, { callId: "x" })).statusCode).toBe(400);
  });
});

describe("who writes what", () => {
  it("lets a supervisor write only in their own subtree, and agents and viewers not at all", async () => {
    const { department, unit, wardA } = seeded.agencies;
    const mine = await create(supervisor, { title: "Chứng thực bản sao", answer: "Mang bản chính.", agencyId: unit.id });
    expect((await call(supervisor, "GET", `/api/knowledge-articles/${mine.id}`)).json().canEdit).toBe(true);
    const elsewhere = await call(supervisor, "POST", "/api/knowledge-articles", { title: "X", answer: "Y", agencyId: wardA.id });
    expect(elsewhere.statusCode).toBe(403);
    const theirs = await create(admin, { title: "Đăng ký kết hôn", answer: "Hai bên cùng có mặt.", agencyId: wardA.id });
    expect((await call(supervisor, "GET", `/api/knowledge-articles/${theirs.id}`)).json().canEdit).toBe(false);
    const put = await call(supervisor, "PUT", `/api/knowledge-articles/${theirs.id}`, { title: "Z", answer: "Z", agencyId: department.id });
    expect(put.statusCode).toBe(403);
    expect((await call(supervisor, "DELETE", `/api/knowledge-articles/${theirs.id}`)).statusCode).toBe(403);
    // Moving one's own article out of one's subtree is refused too.
    const move = await call(supervisor, "PUT", `/api/knowledge-articles/${mine.id}`, { title: "A", answer: "B", agencyId: wardA.id });
    expect(move.statusCode).toBe(403);
    for (const cookie of [agent, viewer]) {
      expect((await call(cookie, "POST", "/api/knowledge-articles", { title: "X", answer: "Y", agencyId: wardA.id })).statusCode).toBe(403);
      expect((await call(cookie, "DELETE", `/api/knowledge-articles/${mine.id}`)).statusCode).toBe(403);
    }
    expect((await call(supervisor, "DELETE", `/api/knowledge-articles/${mine.id}`)).statusCode).toBe(200);
    const audit = await t.db.auditLog.findMany({ where: { resource: "knowledge-articles", resourceId: String(mine.id) } });
    expect(audit.map((a) => a.action).sort()).toEqual(["create", "delete"]);
  });

  it("refuses hostile input with 4xx naming the field", async () => {
    const { department } = seeded.agencies;
    const cases: [object, string][] = [
      [{ title: "", answer: "a", agencyId: department.id }, "title"],
      [{ title: "   ", answer: "a", agencyId: department.id }, "title"],
      [{ title: "a\u0000b", answer: "a", agencyId: department.id }, "title"],
      [{ title: "a", answer: "x".repeat(9000), agencyId: department.id }, "answer"],
      [{ title: "a", answer: "a", agencyId: 999999 }, "agencyId"],
      [{ title: "a", answer: "a", agencyId: department.id, reviewOn: "2026-02-30" }, "reviewOn"],
      [{ title: "a", answer: "a", agencyId: department.id, topic: "Hộ tịch" }, "topic"],
      [{ title: "a", answer: "a", agencyId: department.id, links: [{ label: "x", url: "javascript:alert(1)" }] }, "links"],
      [{ title: "a", answer: "a", agencyId: department.id, status: "gone" }, "status"],
    ];
    for (const [body, field] of cases) {
      const response = await call(admin, "POST", "/api/knowledge-articles", body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(Object.keys(response.json().errors ?? {}).join(","), JSON.stringify(body)).toContain(field);
    }
    const huge = await t.app.inject({
      method: "POST",
      url: "/api/knowledge-articles",
      headers: { cookie: admin, "content-type": "application/json" },
      payload: `{"title":"a","answer":"a","agencyId":1e400}`,
    });
    expect(huge.statusCode).toBe(400);
    for (const url of [
      listUrl("knowledge-articles", { filter: { q: "x".repeat(500) } }),
      listUrl("knowledge-articles", { filter: { stale: "yes" } }),
      listUrl("knowledge-articles", { filter: { status: "secret" } }),
      listUrl("knowledge-articles", { filter: { q: "\u0000" } }),
      listUrl("knowledge-articles", { sort: ["searchKey", "ASC"] }),
      "/api/knowledge-articles/abc",
      "/api/knowledge-articles/99999999999",
    ]) {
      expect((await call(agent, "GET", url)).statusCode, url).toBe(400);
    }
  });
});

describe("CSV import and export", () => {
  const importCsv = (cookie: string, csv: string | Buffer) => {
    const { payload, headers } = multipart({}, csv, "kho-tri-thuc.csv");
    return t.app.inject({ method: "POST", url: "/api/knowledge-articles/import", headers: { ...headers, cookie }, payload });
  };

  it("imports good rows, reports each bad one with its line and column, and refuses other agencies' rows", async () => {
    const csv = [
      "Tiêu đề;Câu trả lời;Mã đơn vị;Mã thủ tục;Liên kết;Ngày rà soát;Trạng thái",
      "Đăng ký khai tử;Người thân nộp tờ khai;STP;1.000656;Cổng DVC | https://dichvucong.gov.vn;31/12/2027;đã đăng",
      "Thiếu đơn vị;Câu trả lời;;;;;",
      "Đơn vị lạ;Câu trả lời;KHONGCO;;;;",
      "Ngày sai;Câu trả lời;STP;;;30/02/2027;",
      "Liên kết độc;Câu trả lời;STP;;x | javascript:alert(1);;",
      `Ký tự NUL;Câu\u0000trả lời;STP;;;;`,
      "Trạng thái lạ;Câu trả lời;STP;;;;bí mật",
      "Thiếu cột;STP",
      '=HYPERLINK("http://x");Trả lời;STP;;;;nháp',
      `"Dấu ngoặc ""mở;Trả lời;STP;;;;`,
    ].join("\r\n");
    const response = await importCsv(supervisor, `\ufeff${csv}\r\n`);
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json();
    expect(result.created, response.body).toBe(2);
    const byRow = Object.fromEntries(result.errors.map((e: { row: number; column: string | null }) => [e.row, e.column]));
    expect(byRow).toMatchObject({ 3: "agencyCode", 4: "agencyCode", 5: "reviewOn", 6: "links", 7: "answer", 8: "status", 9: null });
    // The broken quote costs its own line (and may swallow the end of the file), never a 500.
    expect(result.errors.length).toBeGreaterThanOrEqual(7);
    const imported = await t.db.knowledgeArticle.findFirstOrThrow({ where: { title: "Đăng ký khai tử" } });
    expect(imported).toMatchObject({
      status: "published",
      procedureCode: "1.000656",
      links: [{ label: "Cổng DVC", url: "https://dichvucong.gov.vn" }],
    });
    expect(imported.reviewOn?.toISOString().slice(0, 10)).toBe("2027-12-31");

    // A supervisor cannot import into another agency.
    const outside = await importCsv(supervisor, "Tiêu đề,Câu trả lời,Mã đơn vị\r\nA,B,P-PLEIKU\r\n");
    expect(outside.json()).toMatchObject({ created: 0, errors: [{ row: 2, column: "agencyCode" }] });
    // A file without the required columns, an empty file, no file: 400.
    expect((await importCsv(admin, "a,b\r\n1,2\r\n")).statusCode).toBe(400);
    expect((await importCsv(admin, "")).statusCode).toBe(400);
    expect((await importCsv(agent, "Tiêu đề,Câu trả lời,Mã đơn vị\r\nA,B,STP\r\n")).statusCode).toBe(403);
  });

  it("exports what reads back unchanged, and updates by id or by title within the agency", async () => {
    const tricky = await create(admin, {
      title: '-Chữ đầu là dấu trừ, "ngoặc"; chấm phẩy',
      answer: "Dòng một\nDòng hai, có dấu phẩy",
      agencyId: seeded.agencies.department.id,
      links: [
        { label: "Cổng dịch vụ công", url: "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh.html?ma=1.001193" },
        { label: "VNeID", url: "https://vneid.gov.vn" },
      ],
      reviewOn: "2027-06-30",
    });
    const exported = await call(admin, "GET", "/api/knowledge-articles/export.csv?separator=semicolon");
    expect(exported.statusCode).toBe(200);
    expect(exported.headers["content-type"]).toContain("text/csv");
    const records = parse(exported.body, { bom: true, delimiter: ";" }) as string[][];
    expect(records[0]?.slice(0, 3)).toEqual(["ID", "Tiêu đề", "Câu trả lời"]);
    const before = await t.db.knowledgeArticle.findMany({ orderBy: { id: "asc" }, omit: { searchKey: true } });
    expect(records.length - 1).toBe(before.length);

    // Importing the export changes nothing but who updated the rows.
    const again = await importCsv(admin, exported.rawPayload);
    expect(again.json()).toMatchObject({ created: 0, updated: before.length, errors: [] });
    const after = await t.db.knowledgeArticle.findMany({ orderBy: { id: "asc" }, omit: { searchKey: true } });
    const strip = (rows: typeof before) => rows.map(({ updatedAt: _u, updatedById: _b, ...row }) => row);
    expect(strip(after)).toEqual(strip(before));
    expect(after.find((a) => a.id === tricky.id)?.title).toBe('-Chữ đầu là dấu trừ, "ngoặc"; chấm phẩy');

    // By title within its agency: an update, not a second article.
    const byTitle = await importCsv(admin, "Tiêu đề,Câu trả lời,Mã đơn vị\r\nĐăng ký khai tử,Câu trả lời mới,STP\r\n");
    expect(byTitle.json()).toMatchObject({ created: 0, updated: 1 });
    expect(await t.db.knowledgeArticle.count({ where: { title: "Đăng ký khai tử" } })).toBe(1);
    const unknownId = await importCsv(admin, "ID,Tiêu đề,Câu trả lời,Mã đơn vị\r\n999999,A,B,STP\r\n");
    expect(unknownId.json()).toMatchObject({ created: 0, errors: [{ row: 2, column: "id" }] });
  });
});

describe("the public page", () => {
  it("shows published articles only, escaped, without signing in, under a CSP with no script", async () => {
    const { department } = seeded.agencies;
    const published = await create(admin, {
      title: "Cấp bản sao trích lục <script>alert(1)</script>",
      answer: "Nộp tại xã. <img src=x onerror=alert(1)>",
      agencyId: department.id,
      links: [{ label: 'Cổng "DVC"', url: "https://dichvucong.gov.vn/?a=1&b=2" }],
    });
    const hidden = await create(admin, { title: "Trích lục bản nháp", answer: "Nháp.", agencyId: department.id, status: "draft" });

    const list = await t.app.inject({ method: "GET", url: "/kb?q=trich%20luc" });
    expect(list.statusCode).toBe(200);
    expect(list.headers["content-type"]).toContain("text/html");
    expect(list.headers["content-security-policy"]).toContain("default-src 'none'");
    expect(list.body).toContain("Cấp bản sao trích lục &lt;script&gt;");
    expect(list.body).not.toContain("<script");
    expect(list.body).not.toContain("Trích lục bản nháp");

    const page = await t.app.inject({ method: "GET", url: `/kb/${published.id}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toMatch(/<script|<img/);
    expect(page.body).toContain('href="https://dichvucong.gov.vn/?a=1&amp;b=2"');
    expect(page.body).not.toContain("admin");
    expect((await t.app.inject({ method: "GET", url: `/kb/${hidden.id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: "/kb/abc" })).statusCode).toBe(400);
    expect((await t.app.inject({ method: "GET", url: `/kb?q=${"x".repeat(300)}` })).statusCode).toBe(400);
    expect((await t.app.inject({ method: "GET", url: "/kb?q=%00" })).statusCode).toBe(400);
    const home = await t.app.inject({ method: "GET", url: "/kb" });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('action="/kb"');
  });
});
