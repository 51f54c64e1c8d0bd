// Note categories and notes through the real app: administrators manage the categories (staff may
// only read the active ones), a used category is deactivated, never deleted, and a deactivated one is
// no longer choosable; a staff member's draft is saved as they type, comes back on reload, and is
// finished into a final note, validated and audited; hostile input is refused naming the field.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, listUrl, login, seedSmallProvince, startTestApp, type TestApp } from "../../helpers/app.js";
import { createCall } from "../../helpers/calls.js";

let t: TestApp;
let seeded: Awaited<ReturnType<typeof seedSmallProvince>>;
const cookies: Record<string, string> = {};
let callId: number;
let otherCallId: number;

beforeAll(async () => {
  t = await startTestApp();
  seeded = await seedSmallProvince(t.db);
  await createUser(t.db, { username: "quynhon.nv2", roles: ["agent"], agencyId: seeded.agencies.wardA.id });
  for (const username of ["admin", "stp.giamsat", "quynhon.nv1", "quynhon.nv2", "lanhdao.xem"])
    cookies[username] = await login(t.app, username);
  callId = (await createCall(t.db, { agencyId: seeded.agencies.wardA.id, staffId: seeded.users.agent.id })).id;
  otherCallId = (await createCall(t.db, { agencyId: seeded.agencies.wardA.id, staffId: seeded.users.agent.id })).id;
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const send = (who: string, method: "GET" | "POST" | "PUT" | "DELETE", url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: { cookie: cookies[who] ?? "" },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
const draftUrl = (id = callId) => `/api/calls/${id}/notes/draft`;

describe("note categories", () => {
  it("starts with the old fixed categories as questions, and feedback, proposal and complaint, in Vietnamese and English", async () => {
    const response = await send("admin", "GET", listUrl("note-categories", { range: [0, 99] }));
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-range"]).toBe("note-categories 0-10/11");
    const rows = response.json() as { code: string; nameVi: string; nameEn: string; kind: string }[];
    expect(rows.slice(0, 8).map((r) => [r.code, r.kind])).toEqual(
      ["ho_tich", "cu_tru", "dat_dai", "xay_dung", "dau_tu_kinh_doanh", "lao_dong_chinh_sach", "dich_vu_cong_truc_tuyen", "khac"].map(
        (code) => [code, "question"],
      ),
    );
    expect(rows.find((r) => r.code === "dich_vu_cong_truc_tuyen")).toMatchObject({
      nameVi: "Dịch vụ công trực tuyến",
      nameEn: "Online public services",
    });
    expect(rows.slice(8).map((r) => [r.nameVi, r.kind])).toEqual([
      ["Phản ánh", "feedback"],
      ["Kiến nghị", "proposal"],
      ["Khiếu nại", "complaint"],
    ]);
    const complaints = await send("admin", "GET", listUrl("note-categories", { filter: { kind: "complaint" } }));
    expect(complaints.json()).toMatchObject([{ code: "khieu_nai" }]);
  });

  it("lets administrators create, edit and delete an unused category, audited; staff and viewers may not", async () => {
    const input = { code: "thue_phi", nameVi: "Thuế, phí", nameEn: "Taxes and fees", kind: "question", sortOrder: 75 };
    for (const who of ["stp.giamsat", "quynhon.nv1", "lanhdao.xem"]) {
      expect((await send(who, "POST", "/api/note-categories", input)).statusCode, who).toBe(403);
    }
    const created = await send("admin", "POST", "/api/note-categories", input);
    expect(created.statusCode).toBe(200);
    const { id } = created.json();
    expect(created.json()).toMatchObject({ ...input, active: true });
    expect((await send("admin", "POST", "/api/note-categories", input)).json().errors).toEqual({ code: "tthc.validation.taken" });

    expect((await send("quynhon.nv1", "PUT", `/api/note-categories/${id}`, { ...input, nameVi: "Khác nữa" })).statusCode).toBe(403);
    const edited = await send("admin", "PUT", `/api/note-categories/${id}`, { ...input, nameVi: "Thuế và phí" });
    expect(edited.json()).toMatchObject({ nameVi: "Thuế và phí" });
    expect((await send("quynhon.nv1", "DELETE", `/api/note-categories/${id}`)).statusCode).toBe(403);
    expect((await send("admin", "DELETE", `/api/note-categories/${id}`)).statusCode).toBe(200);
    expect(await t.db.noteCategory.count({ where: { id } })).toBe(0);

    const audit = await t.db.auditLog.findMany({ where: { resource: "note-categories", resourceId: String(id) }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["create", "update", "delete"]);
    expect(audit[1]).toMatchObject({ before: { nameVi: "Thuế, phí" }, after: { nameVi: "Thuế và phí" } });
  });

  it("refuses a code that is not lower-case letters, digits and _, and blank names, naming the field", async () => {
    const base = { code: "ok_code", nameVi: "Tên", nameEn: "Name", kind: "question" };
    for (const [field, value] of [
      ["code", "Hộ Tịch"],
      ["code", "a-b"],
      ["nameVi", "   "],
      ["kind", "rumour"],
    ] as const) {
      const response = await send("admin", "POST", "/api/note-categories", { ...base, [field]: value });
      expect(response.statusCode, `${field}=${value}`).toBe(400);
      expect(Object.keys(response.json().errors ?? {}), `${field}=${value}`).toContain(field);
    }
  });

  it("shows staff only the active categories, and refuses to delete a category notes use: deactivate it instead", async () => {
    const created = await send("admin", "POST", "/api/note-categories", {
      code: "moi_truong",
      nameVi: "Môi trường",
      nameEn: "Environment",
      kind: "feedback",
    });
    const { id } = created.json();
    const note = await send("quynhon.nv1", "POST", `/api/calls/${callId}/notes`, { category: "moi_truong", question: "Rác thải ở chợ" });
    expect(note.statusCode).toBe(200);

    const refused = await send("admin", "DELETE", `/api/note-categories/${id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ errors: { id: "tthc.validation.in_use" } });
    expect(refused.json().message).toMatch(/deactivate/);

    const off = await send("admin", "PUT", `/api/note-categories/${id}`, {
      code: "moi_truong",
      nameVi: "Môi trường",
      nameEn: "Environment",
      kind: "feedback",
      active: false,
    });
    expect(off.json()).toMatchObject({ active: false });

    // Staff: the active list only, whatever filter they send; administrators see both.
    const staffList = await send("quynhon.nv1", "GET", listUrl("note-categories", { range: [0, 99], filter: { active: false } }));
    expect(staffList.statusCode).toBe(200);
    expect((staffList.json() as { code: string }[]).map((c) => c.code)).not.toContain("moi_truong");
    expect((await send("quynhon.nv1", "GET", `/api/note-categories/${id}`)).statusCode).toBe(403);
    const adminList = await send("admin", "GET", listUrl("note-categories", { filter: { active: false } }));
    expect((adminList.json() as { code: string }[]).map((c) => c.code)).toEqual(["moi_truong"]);
    expect((await send("lanhdao.xem", "GET", listUrl("note-categories"))).statusCode).toBe(403);

    // Not choosable for a new note or a draft; the old note still shows it, by name.
    const again = await send("quynhon.nv1", "POST", `/api/calls/${callId}/notes`, { category: "moi_truong", question: "Lại rác" });
    expect(again.statusCode).toBe(400);
    expect(again.json().errors).toEqual({ category: "tthc.validation.note_category_inactive" });
    const draft = await send("quynhon.nv1", "PUT", draftUrl(otherCallId), { category: "moi_truong" });
    expect(draft.statusCode).toBe(400);
    expect(draft.json().errors).toEqual({ category: "tthc.validation.note_category_inactive" });
    const call = (await send("quynhon.nv1", "GET", `/api/calls/${callId}`)).json();
    expect(call.notes).toContainEqual(
      expect.objectContaining({ category: "moi_truong", categoryLabel: expect.objectContaining({ nameVi: "Môi trường", active: false }) }),
    );
  });

  it("renaming a code carries its notes along", async () => {
    const { id } = (
      await send("admin", "POST", "/api/note-categories", { code: "giao_duc", nameVi: "Giáo dục", nameEn: "Education", kind: "question" })
    ).json();
    const note = (await send("admin", "POST", `/api/calls/${callId}/notes`, { category: "giao_duc", question: "Tuyển sinh lớp 1" })).json();
    await send("admin", "PUT", `/api/note-categories/${id}`, {
      code: "giao_duc_dao_tao",
      nameVi: "Giáo dục",
      nameEn: "Education",
      kind: "question",
    });
    expect(await t.db.callNote.findUnique({ where: { id: note.id } })).toMatchObject({ category: "giao_duc_dao_tao" });
  });
});

describe("drafts", () => {
  it("saves the draft as the staff member types, one per author and call, returns it on reload, and does not audit it", async () => {
    expect((await send("quynhon.nv1", "GET", draftUrl())).json()).toBeNull();
    const first = await send("quynhon.nv1", "PUT", draftUrl(), { question: "Hỏi về" });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ state: "draft", category: null, question: "Hỏi về", answer: "", resolved: false });
    await send("quynhon.nv1", "PUT", draftUrl(), { category: "cu_tru", question: "Hỏi về đăng ký thường trú" });
    const last = await send("quynhon.nv1", "PUT", draftUrl(), {
      category: "cu_tru",
      question: "Hỏi về đăng ký thường trú",
      answer: "Đã hướng dẫn",
      resolved: true,
    });
    expect(last.json().id).toBe(first.json().id);

    const reloaded = await send("quynhon.nv1", "GET", draftUrl());
    expect(reloaded.json()).toMatchObject({
      id: first.json().id,
      category: "cu_tru",
      categoryLabel: { nameVi: "Cư trú", kind: "question" },
      question: "Hỏi về đăng ký thường trú",
      answer: "Đã hướng dẫn",
      resolved: true,
    });
    expect(await t.db.callNote.count({ where: { callId, authorId: seeded.users.agent.id, state: "draft" } })).toBe(1);
    expect(await t.db.auditLog.count({ where: { resource: "call-notes", resourceId: String(first.json().id) } })).toBe(0);

    // The call shows it to its author only, apart from the final notes.
    const mine = (await send("quynhon.nv1", "GET", `/api/calls/${callId}`)).json();
    expect(mine.myDraft).toMatchObject({ id: first.json().id, state: "draft" });
    expect(mine.notes.map((n: { id: number }) => n.id)).not.toContain(first.json().id);
    const admins = (await send("admin", "GET", `/api/calls/${callId}`)).json();
    expect(admins.myDraft).toBeNull();
    expect(admins.notes.map((n: { id: number }) => n.id)).not.toContain(first.json().id);
  });

  it("keeps one draft when two saves race to create it", async () => {
    const saves = await Promise.all(
      ["một", "hai", "ba", "bốn"].map((word) => send("admin", "PUT", draftUrl(otherCallId), { question: word })),
    );
    expect(saves.map((s) => s.statusCode)).toEqual([200, 200, 200, 200]);
    expect(await t.db.callNote.count({ where: { callId: otherCallId, authorId: seeded.users.admin.id, state: "draft" } })).toBe(1);
  });

  it("finishes the draft into a final note: validated, audited, and a new draft starts empty", async () => {
    await send("quynhon.nv2", "PUT", draftUrl(), {}).then((r) => expect(r.statusCode).toBe(403));
    const draft = (await send("quynhon.nv1", "GET", draftUrl())).json();

    // Refused while a required part is missing; what was sent is kept in the draft.
    const noQuestion = await send("quynhon.nv1", "POST", `${draftUrl()}/finish`, { question: "  " });
    expect(noQuestion.statusCode).toBe(400);
    expect(noQuestion.json().errors).toEqual({ question: "tthc.validation.required" });
    const noCategory = await send("quynhon.nv1", "POST", `${draftUrl()}/finish`, { category: null, question: "Thường trú" });
    expect(noCategory.statusCode).toBe(400);
    expect(noCategory.json().errors).toEqual({ category: "tthc.validation.required" });
    expect((await send("quynhon.nv1", "GET", draftUrl())).json()).toMatchObject({ id: draft.id, category: null, question: "Thường trú" });

    const finished = await send("quynhon.nv1", "POST", `${draftUrl()}/finish`, {
      category: "cu_tru",
      question: "Hỏi về đăng ký thường trú",
      answer: "Đã hướng dẫn nộp hồ sơ trực tuyến",
      resolved: true,
    });
    expect(finished.statusCode).toBe(200);
    expect(finished.json()).toMatchObject({ id: draft.id, state: "final", category: "cu_tru", resolved: true, authorName: "quynhon.nv1" });
    const audit = await t.db.auditLog.findMany({ where: { resource: "call-notes", resourceId: String(draft.id) } });
    expect(audit).toMatchObject([
      {
        action: "create",
        actorId: seeded.users.agent.id,
        after: { callId, category: "cu_tru", answer: "Đã hướng dẫn nộp hồ sơ trực tuyến" },
      },
    ]);

    // Final: nothing more to finish, the draft is gone, the call lists it for everyone.
    expect((await send("quynhon.nv1", "POST", `${draftUrl()}/finish`, {})).statusCode).toBe(404);
    expect((await send("quynhon.nv1", "GET", draftUrl())).json()).toBeNull();
    const call = (await send("admin", "GET", `/api/calls/${callId}`)).json();
    expect(call.notes).toContainEqual(expect.objectContaining({ id: draft.id, question: "Hỏi về đăng ký thường trú", resolved: true }));

    // Typing again starts a new draft; the final note is untouched.
    const next = await send("quynhon.nv1", "PUT", draftUrl(), { question: "Câu hỏi thứ hai" });
    expect(next.json().id).not.toBe(draft.id);
    expect(await t.db.callNote.findUnique({ where: { id: draft.id } })).toMatchObject({
      state: "final",
      question: "Hỏi về đăng ký thường trú",
    });
  });

  it("lets only those who may write notes on the call read or write a draft", async () => {
    for (const who of ["quynhon.nv2", "lanhdao.xem"]) {
      expect((await send(who, "GET", draftUrl())).statusCode, who).toBe(403);
      expect((await send(who, "PUT", draftUrl(), { question: "x" })).statusCode, who).toBe(403);
      expect((await send(who, "POST", `${draftUrl()}/finish`, { category: "khac", question: "x" })).statusCode, who).toBe(403);
    }
    expect((await send("quynhon.nv1", "PUT", draftUrl(999_999), { question: "x" })).statusCode).toBe(404);
  });
});

describe("calls by what their notes say", () => {
  it("filters the call log by a final note's category or kind; drafts do not count", async () => {
    const ids = async (filter: object) =>
      ((await send("admin", "GET", listUrl("calls", { filter }))).json() as { id: number }[]).map((c) => c.id);
    expect(await ids({ noteCategory: "cu_tru" })).toEqual([callId]);
    expect(await ids({ noteKind: "feedback" })).toEqual([callId]);
    expect(await ids({ noteKind: "complaint" })).toEqual([]);
    // otherCallId has only drafts (the administrator's).
    expect(await ids({ noteKind: "question" })).not.toContain(otherCallId);
    const bad = await send("admin", "GET", listUrl("calls", { filter: { noteKind: "rumour" } }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual({ noteKind: "tthc.validation.filter" });
  });
});

describe("hostile input", () => {
  it("refuses NUL bytes, huge strings and wrong types with 400 naming the field, and stores nothing", async () => {
    const before = await t.db.callNote.count();
    const cases: [string, Record<string, unknown>][] = [
      ["question", { question: "bad\u0000byte" }],
      ["answer", { answer: "x".repeat(100_000) }],
      ["question", { question: "y".repeat(100_000) }],
      ["question", { question: { $gt: "" } }],
      ["resolved", { resolved: "có lẽ" }],
      ["category", { category: "'; DROP TABLE call_notes; --" }],
      ["category", { category: { code: "khac" } }],
    ];
    for (const [field, payload] of cases) {
      for (const url of [draftUrl(otherCallId), `${draftUrl(otherCallId)}/finish`]) {
        const response = await send("quynhon.nv1", url.endsWith("finish") ? "POST" : "PUT", url, payload);
        expect(response.statusCode, `${url} ${JSON.stringify(payload).slice(0, 60)}`).toBe(400);
        expect(Object.keys(response.json().errors ?? {}), `${url} ${field}`).toContain(field);
      }
    }
    const notes = await send("quynhon.nv1", "POST", `/api/calls/${otherCallId}/notes`, { category: "khac", question: "\u0000" });
    expect(notes.statusCode).toBe(400);
    expect(notes.json().errors).toHaveProperty("question");
    const category = await send("admin", "POST", "/api/note-categories", {
      code: "abc",
      nameVi: "z".repeat(100_000),
      nameEn: "x",
      kind: "question",
    });
    expect(category.statusCode).toBe(400);
    expect(category.json().errors).toHaveProperty("nameVi");
    expect(await t.db.callNote.count()).toBe(before);
  });
});
