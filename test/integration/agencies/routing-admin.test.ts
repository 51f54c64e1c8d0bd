// Routing settings as the console edits them: agencies' dial codes, ringing, fallback and opening
// hours (with inheritance, overrides and Tết in the calendar preview), dated overrides, staff phones
// and duty. Supervisors change these only inside their own subtree; every change is audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, listUrl, loginAll, seedSmallProvince, startTestApp, type TestApp } from "../../helpers/app.js";

let t: TestApp;
let seeded: Awaited<ReturnType<typeof seedSmallProvince>>;
let admin: string;
let supervisor: string;
let agent: string;
let viewer: string;
let unitAgentId: number;

beforeAll(async () => {
  t = await startTestApp();
  seeded = await seedSmallProvince(t.db);
  unitAgentId = (
    await createUser(t.db, { username: "stp.nv1", name: "Nguyễn Văn Một", roles: ["agent"], agencyId: seeded.agencies.unit.id })
  ).id;
  ({ admin, supervisor, agent, viewer } = await loginAll(t.app, seeded.users));
});
afterAll(() => t.close());

type Method = "GET" | "POST" | "PUT" | "DELETE";
const call = (cookie: string, method: Method, url: string, payload?: object) => t.app.inject({ method, url, payload, headers: { cookie } });
const agencyRecord = async (id: number) => (await call(admin, "GET", `/api/agencies/${id}`)).json();

const OFFICE = [
  { opens: "07:00", closes: "11:30" },
  { opens: "13:30", closes: "17:00" },
];
const weekdays = (ranges: object[]) => ({ 1: ranges, 2: ranges, 3: ranges, 4: ranges, 5: ranges });

describe("agency routing settings", () => {
  it("returns the routing fields with their defaults", async () => {
    const record = await agencyRecord(seeded.agencies.wardA.id);
    expect(record).toMatchObject({
      dialCode: null,
      ringStrategy: "simultaneous",
      ringTimeoutSeconds: 20,
      fallbackId: null,
      weeklyHours: null,
      observeHolidays: true,
      wrapUpSeconds: 30,
      queueMaxWaitSeconds: 300,
      queueMaxLength: 10,
      queueWhenNoneAvailable: false,
      holdMusicUrl: null,
    });
  });

  it("sets the waiting line and after-call time, audited; an empty hold music address means the hotline's own", async () => {
    const ward = await t.db.agency.create({
      data: { code: "P-HANGCHO", name: "Phường Hàng Chờ", kind: "ward", parentId: seeded.agencies.province.id },
    });
    const record = await agencyRecord(ward.id);
    const queue = { queueMaxLength: 4, queueMaxWaitSeconds: 120, queueWhenNoneAvailable: true, wrapUpSeconds: 0 };
    const response = await call(admin, "PUT", `/api/agencies/${ward.id}`, {
      ...record,
      ...queue,
      holdMusicUrl: "https://tongdai.gialai.gov.vn/nhac-cho.mp3",
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ ...queue, holdMusicUrl: "https://tongdai.gialai.gov.vn/nhac-cho.mp3" });
    const entries = await t.db.auditLog.findMany({ where: { resource: "agencies", resourceId: String(ward.id), action: "update" } });
    expect(entries.at(-1)).toMatchObject({
      before: { queueMaxLength: 10, wrapUpSeconds: 30 },
      after: { queueMaxLength: 4, wrapUpSeconds: 0 },
    });
    const cleared = await call(admin, "PUT", `/api/agencies/${ward.id}`, { ...response.json(), holdMusicUrl: "" });
    expect(cleared.json().holdMusicUrl).toBeNull();
  });

  it("lets an administrator set every routing field, storing a complete week, and audits before and after", async () => {
    const { wardA, province } = seeded.agencies;
    const record = await agencyRecord(wardA.id);
    const payload = {
      ...record,
      dialCode: "101",
      ringStrategy: "sequential",
      ringTimeoutSeconds: 30,
      fallbackId: province.id,
      weeklyHours: { 1: [{ opens: "07:30", closes: "11:30" }] },
      observeHolidays: false,
    };
    const response = await call(admin, "PUT", `/api/agencies/${wardA.id}`, payload);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ dialCode: "101", ringStrategy: "sequential", ringTimeoutSeconds: 30, fallbackId: province.id });
    expect(response.json().weeklyHours).toEqual({ 0: [], 1: [{ opens: "07:30", closes: "11:30" }], 2: [], 3: [], 4: [], 5: [], 6: [] });
    const [entry] = await t.db.auditLog.findMany({ where: { resource: "agencies", resourceId: String(wardA.id), action: "update" } });
    expect(entry).toMatchObject({ before: { dialCode: null, weeklyHours: null }, after: { dialCode: "101", observeHolidays: false } });

    // Back to inheriting, an empty dial code meaning none.
    const reset = await call(admin, "PUT", `/api/agencies/${wardA.id}`, {
      ...record,
      dialCode: "",
      weeklyHours: null,
      observeHolidays: true,
    });
    expect(reset.json()).toMatchObject({ dialCode: null, weeklyHours: null, fallbackId: null });
  });

  it("answers 400 naming the field for a bad dial code, ring strategy, timeout or waiting-line setting", async () => {
    const record = await agencyRecord(seeded.agencies.wardB.id);
    const cases: [object, string][] = [
      [{ dialCode: "1" }, "dialCode"],
      [{ dialCode: "1234567" }, "dialCode"],
      [{ dialCode: "12a" }, "dialCode"],
      [{ ringStrategy: "random" }, "ringStrategy"],
      [{ ringTimeoutSeconds: 4 }, "ringTimeoutSeconds"],
      [{ ringTimeoutSeconds: 121 }, "ringTimeoutSeconds"],
      [{ queueMaxLength: -1 }, "queueMaxLength"],
      [{ queueMaxLength: 101 }, "queueMaxLength"],
      [{ queueMaxWaitSeconds: 29 }, "queueMaxWaitSeconds"],
      [{ queueMaxWaitSeconds: 1e12 }, "queueMaxWaitSeconds"],
      [{ wrapUpSeconds: 1.5 }, "wrapUpSeconds"],
      [{ queueWhenNoneAvailable: "có" }, "queueWhenNoneAvailable"],
      [{ holdMusicUrl: "http://insecure.example/a.mp3" }, "holdMusicUrl"],
      [{ holdMusicUrl: "https://a.example/\u0000.mp3" }, "holdMusicUrl"],
    ];
    for (const [change, field] of cases) {
      const response = await call(admin, "PUT", `/api/agencies/${record.id}`, { ...record, ...change });
      expect(response.statusCode, JSON.stringify(change)).toBe(400);
      expect(Object.keys(response.json().errors), JSON.stringify(change)).toEqual([field]);
    }
  });

  it("refuses a dial code another agency uses with 409 naming dialCode", async () => {
    const { wardA, wardB } = seeded.agencies;
    expect((await call(admin, "PUT", `/api/agencies/${wardA.id}`, { ...(await agencyRecord(wardA.id)), dialCode: "202" })).statusCode).toBe(
      200,
    );
    const response = await call(admin, "PUT", `/api/agencies/${wardB.id}`, { ...(await agencyRecord(wardB.id)), dialCode: "202" });
    expect(response.statusCode).toBe(409);
    expect(response.json().errors).toEqual({ dialCode: "tthc.validation.taken" });
  });

  it("refuses the agency itself or a missing agency as fallback", async () => {
    const record = await agencyRecord(seeded.agencies.wardB.id);
    const self = await call(admin, "PUT", `/api/agencies/${record.id}`, { ...record, fallbackId: record.id });
    expect(self.statusCode).toBe(400);
    expect(self.json().errors).toEqual({ fallbackId: "tthc.validation.invalid" });
    const missing = await call(admin, "PUT", `/api/agencies/${record.id}`, { ...record, fallbackId: 999999 });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual({ fallbackId: "tthc.validation.not_found" });
  });

  it("reports each problem in weekly hours under its field path with the hours module's message", async () => {
    const record = await agencyRecord(seeded.agencies.wardB.id);
    const response = await call(admin, "PUT", `/api/agencies/${record.id}`, {
      ...record,
      weeklyHours: {
        1: [{ opens: "7:30", closes: "11:30" }],
        2: [
          { opens: "07:30", closes: "11:30" },
          { opens: "11:00", closes: "17:00" },
        ],
        3: [{ opens: "17:00", closes: "08:00" }],
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual({
      "weeklyHours.1.0.opens": "tthc.validation.hours_time_format",
      "weeklyHours.2.1": "tthc.validation.hours_range_overlap",
      "weeklyHours.3.0.closes": "tthc.validation.hours_range_order",
    });
    expect(response.json().message).toContain('"7:30" is not a time in HH:MM form');
    expect((await t.db.agency.findUniqueOrThrow({ where: { id: record.id } })).weeklyHours).toBeNull();
  });

  it("lets a supervisor change routing and hours of their own subtree only, and never its identity", async () => {
    const { department, unit, wardA } = seeded.agencies;
    const unitRecord = await agencyRecord(unit.id);
    const own = await call(supervisor, "PUT", `/api/agencies/${unit.id}`, {
      ...unitRecord,
      ringTimeoutSeconds: 45,
      weeklyHours: weekdays(OFFICE),
      fallbackId: department.id,
    });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ ringTimeoutSeconds: 45, fallbackId: department.id });
    const [entry] = await t.db.auditLog.findMany({ where: { resource: "agencies", resourceId: String(unit.id), action: "update" } });
    expect(entry).toMatchObject({
      actorId: seeded.users.supervisor.id,
      before: { ringTimeoutSeconds: 20 },
      after: { ringTimeoutSeconds: 45 },
    });

    const rename = await call(supervisor, "PUT", `/api/agencies/${unit.id}`, { ...unitRecord, name: "Đổi tên" });
    expect(rename.statusCode).toBe(403);
    const outside = await call(supervisor, "PUT", `/api/agencies/${wardA.id}`, {
      ...(await agencyRecord(wardA.id)),
      ringTimeoutSeconds: 60,
    });
    expect(outside.statusCode).toBe(403);
    for (const cookie of [agent, viewer]) {
      const wardRecord = await agencyRecord(wardA.id);
      expect((await call(cookie, "PUT", `/api/agencies/${wardA.id}`, { ...wardRecord, ringTimeoutSeconds: 60 })).statusCode).toBe(403);
    }
    expect((await t.db.agency.findUniqueOrThrow({ where: { id: wardA.id } })).ringTimeoutSeconds).toBe(20);
  });
});

describe("hours overrides", () => {
  let provinceWideId: number;

  it("lets an administrator add a province-wide day off, audited", async () => {
    const response = await call(admin, "POST", "/api/hours-overrides", {
      agencyId: null,
      date: "2026-02-13",
      closed: true,
      note: "Nghỉ Tết bổ sung",
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ agencyId: null, date: "2026-02-13", closed: true, ranges: [], note: "Nghỉ Tết bổ sung" });
    provinceWideId = response.json().id;
    const audit = await t.db.auditLog.findMany({ where: { resource: "hours-overrides", resourceId: String(provinceWideId) } });
    expect(audit).toMatchObject([{ action: "create", actorId: seeded.users.admin.id, after: { date: "2026-02-13", closed: true } }]);
  });

  it("lets supervisors add overrides in their subtree only, never province-wide ones", async () => {
    const { unit, wardA } = seeded.agencies;
    const day = { date: "2026-02-28", closed: false, ranges: [{ opens: "07:30", closes: "11:30" }] };
    expect((await call(supervisor, "POST", "/api/hours-overrides", { ...day, agencyId: null })).statusCode).toBe(403);
    expect((await call(supervisor, "POST", "/api/hours-overrides", { ...day, agencyId: wardA.id })).statusCode).toBe(403);
    expect((await call(agent, "POST", "/api/hours-overrides", { ...day, agencyId: wardA.id })).statusCode).toBe(403);
    const own = await call(supervisor, "POST", "/api/hours-overrides", { ...day, agencyId: unit.id, note: "Làm bù thứ Bảy" });
    expect(own.statusCode, own.body).toBe(200);
    expect((await call(supervisor, "DELETE", `/api/hours-overrides/${provinceWideId}`)).statusCode).toBe(403);
  });

  it("answers 400 naming the field for a bad date or ranges, 409 for a second override of the same day", async () => {
    const { wardA } = seeded.agencies;
    const cases: [object, Record<string, string>][] = [
      [{ date: "2026-02-30", closed: true }, { date: "tthc.validation.hours_date_invalid" }],
      [{ date: "13/02/2026", closed: true }, { date: "tthc.validation.hours_date_format" }],
      [{ date: "2026-03-07", closed: false, ranges: [] }, { ranges: "tthc.validation.hours_ranges_empty" }],
      [
        { date: "2026-03-07", closed: false, ranges: [{ opens: "07:30", closes: "25:00" }] },
        { "ranges.0.closes": "tthc.validation.hours_time_format" },
      ],
    ];
    for (const [body, errors] of cases) {
      const response = await call(admin, "POST", "/api/hours-overrides", { agencyId: wardA.id, ...body });
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().errors, JSON.stringify(body)).toEqual(errors);
    }
    const missing = await call(admin, "POST", "/api/hours-overrides", { agencyId: 999999, date: "2026-03-07", closed: true });
    expect(missing.json().errors).toEqual({ agencyId: "tthc.validation.not_found" });
    const twin = await call(admin, "POST", "/api/hours-overrides", { agencyId: null, date: "2026-02-13", closed: true });
    expect(twin.statusCode).toBe(409);
    expect(twin.json().errors).toEqual({ date: "tthc.validation.taken" });
  });

  it("lists by date with from/to and agency filters, scoped to what the user sees", async () => {
    const { wardA, unit } = seeded.agencies;
    await call(admin, "POST", "/api/hours-overrides", {
      agencyId: wardA.id,
      date: "2026-02-28",
      closed: false,
      ranges: [{ opens: "07:30", closes: "11:30" }],
    });
    await call(admin, "POST", "/api/hours-overrides", { agencyId: null, date: "2026-01-01", closed: true });
    const all = await call(admin, "GET", listUrl("hours-overrides"));
    expect(all.json().map((o: { date: string }) => o.date)).toEqual(["2026-01-01", "2026-02-13", "2026-02-28", "2026-02-28"]);
    expect(all.headers["content-range"]).toBe("hours-overrides 0-3/4");
    const feb = await call(admin, "GET", listUrl("hours-overrides", { filter: { from: "2026-02-01", to: "2026-02-20" } }));
    expect(feb.json().map((o: { date: string }) => o.date)).toEqual(["2026-02-13"]);
    const ward = await call(admin, "GET", listUrl("hours-overrides", { filter: { agencyId: wardA.id } }));
    expect(ward.json().map((o: { agencyId: number }) => o.agencyId)).toEqual([wardA.id]);
    const seenBySupervisor = await call(supervisor, "GET", listUrl("hours-overrides"));
    expect(seenBySupervisor.json().map((o: { agencyId: number | null }) => o.agencyId)).toEqual([null, null, unit.id]);
    const bad = await call(admin, "GET", listUrl("hours-overrides", { filter: { from: "hôm qua" } }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual({ from: "tthc.validation.filter" });
  });
});

describe("the calendar preview", () => {
  const calendar = async (cookie: string, id: number, from = "2026-02-12", days = 17) =>
    call(cookie, "GET", `/api/agencies/${id}/calendar?from=${from}&days=${days}`);
  type Day = { date: string; open: boolean; reason: string; ranges: object[]; holidayName?: string; note?: string };
  const byDate = (days: Day[]) => Object.fromEntries(days.map((d) => [d.date, d]));

  it("shows inherited weekly hours, a province-wide day off, Tết and a swapped working Saturday", async () => {
    const { province, wardA } = seeded.agencies;
    const record = await agencyRecord(province.id);
    expect((await call(admin, "PUT", `/api/agencies/${province.id}`, { ...record, weeklyHours: weekdays(OFFICE) })).statusCode).toBe(200);

    const response = await calendar(admin, wardA.id);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ agencyId: wardA.id, from: "2026-02-12", hoursFrom: { id: province.id }, observeHolidays: true });
    expect(body.days).toHaveLength(17);
    const days = byDate(body.days);
    // Thursday: the province's weekly hours, inherited.
    expect(days["2026-02-12"]).toMatchObject({ open: true, reason: "weekly", ranges: OFFICE });
    // Friday: the province-wide extra day off.
    expect(days["2026-02-13"]).toMatchObject({ open: false, reason: "override", note: "Nghỉ Tết bổ sung" });
    // Tết: public holidays with their names.
    for (const date of ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"]) {
      expect(days[date], date).toMatchObject({ open: false, reason: "holiday" });
      expect(days[date]?.holidayName, date).toBeTruthy();
    }
    expect(days["2026-02-17"]?.holidayName).toContain("Tết");
    // Saturday 28/2: the ward's own working Saturday.
    expect(days["2026-02-28"]).toMatchObject({ open: true, reason: "override", ranges: [{ opens: "07:30", closes: "11:30" }] });
    expect(days["2026-02-21"]).toMatchObject({ open: false, reason: "weekly" });
  });

  it("follows the agency's own hours and its choice not to observe holidays", async () => {
    const { unit, wardB } = seeded.agencies;
    // The unit set its own hours earlier (07:00–11:30, 13:30–17:00 on weekdays) as its supervisor.
    const unitDays = byDate((await calendar(supervisor, unit.id)).json().days);
    expect((await calendar(supervisor, unit.id)).json().hoursFrom).toMatchObject({ id: unit.id });
    expect(unitDays["2026-02-28"]).toMatchObject({ open: true, reason: "override" });

    const record = await agencyRecord(wardB.id);
    const saturday = [{ opens: "08:00", closes: "12:00" }];
    await call(admin, "PUT", `/api/agencies/${wardB.id}`, {
      ...record,
      weeklyHours: { ...weekdays(OFFICE), 6: saturday },
      observeHolidays: false,
    });
    const days = byDate((await calendar(admin, wardB.id)).json().days);
    expect(days["2026-02-17"]).toMatchObject({ open: true, reason: "weekly" });
    expect(days["2026-02-17"]).not.toHaveProperty("holidayName");
    expect(days["2026-02-14"]).toMatchObject({ open: true, ranges: saturday });
    // The province-wide override still applies.
    expect(days["2026-02-13"]).toMatchObject({ open: false, reason: "override" });
  });

  it("is scoped like the agency and validates its query", async () => {
    const { wardA } = seeded.agencies;
    expect((await calendar(supervisor, wardA.id)).statusCode).toBe(403);
    expect((await calendar(agent, wardA.id)).statusCode).toBe(200);
    expect((await call(admin, "GET", `/api/agencies/${wardA.id}/calendar?from=2026-02-30`)).statusCode).toBe(400);
    expect((await call(admin, "GET", `/api/agencies/${wardA.id}/calendar?days=0`)).statusCode).toBe(400);
    expect((await call(admin, "GET", "/api/agencies/999999/calendar")).statusCode).toBe(404);
    const today = await call(admin, "GET", `/api/agencies/${wardA.id}/calendar`);
    expect(today.json().days).toHaveLength(14);
  });
});

describe("staff phones and presence", () => {
  const userRecord = async (id: number) => (await call(admin, "GET", `/api/users/${id}`)).json();
  const editable = ({ name, email, roles, agencyId, active, phone, answerOn }: Record<string, unknown>) => ({
    name,
    email,
    roles,
    agencyId,
    active,
    phone,
    answerOn,
  });

  it("stores mobiles and desk landlines in E.164, a phone PIN only hashed, and audits the change", async () => {
    const id = seeded.users.agent.id;
    const response = await call(admin, "PUT", `/api/users/${id}`, {
      ...editable(await userRecord(id)),
      phone: "0912 345 678",
      answerOn: "browser",
      presencePin: "2468",
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ phone: "+84912345678", answerOn: "browser", hasPresencePin: true });
    expect(response.body).not.toContain("2468");
    expect(response.json()).not.toHaveProperty("presencePinHash");
    const stored = await t.db.user.findUniqueOrThrow({ where: { id } });
    expect(stored.presencePinHash).toMatch(/^\$argon2id\$/);
    const landline = await call(admin, "PUT", `/api/users/${unitAgentId}`, {
      ...editable(await userRecord(unitAgentId)),
      phone: "0256 3822 478",
    });
    expect(landline.json()).toMatchObject({ phone: "+842563822478", hasPresencePin: false });
    const audit = await t.db.auditLog.findMany({ where: { resource: "users", resourceId: String(id), action: "update" } });
    expect(audit.at(-1)).toMatchObject({
      before: { phone: null, hasPresencePin: false },
      after: { phone: "+84912345678", hasPresencePin: true },
    });
    expect(JSON.stringify(audit.at(-1))).not.toContain("argon2");
    const badPin = await call(admin, "PUT", `/api/users/${unitAgentId}`, {
      ...editable(await userRecord(unitAgentId)),
      presencePin: "12a",
    });
    expect(badPin.statusCode).toBe(400);
    expect(Object.keys(badPin.json().errors)).toEqual(["presencePin"]);
  });

  it("answers 400 naming phone or answerOn when they are invalid", async () => {
    const record = editable(await userRecord(unitAgentId));
    for (const phone of ["12345", "+1 202 555 0143", "gọi tôi"]) {
      const response = await call(admin, "PUT", `/api/users/${unitAgentId}`, { ...record, phone });
      expect(response.statusCode, phone).toBe(400);
      expect(Object.keys(response.json().errors), phone).toEqual(["phone"]);
    }
    const badChoice = await call(admin, "PUT", `/api/users/${unitAgentId}`, { ...record, answerOn: "pager" });
    expect(badChoice.statusCode).toBe(400);
    expect(Object.keys(badChoice.json().errors)).toEqual(["answerOn"]);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: unitAgentId } })).phone).toBe("+842563822478");
  });

  it("lists staff by scope without emails: all for admins, the subtree for supervisors, the own agency for agents", async () => {
    const names = (body: { name: string }[]) => body.map((s) => s.name).sort();
    const all = await call(admin, "GET", listUrl("staff", { range: [0, 99] }));
    expect(all.json()).toHaveLength(5);
    expect(all.json()[0]).not.toHaveProperty("email");
    expect(all.json()[0]).not.toHaveProperty("passwordHash");
    expect(all.json()[0]).not.toHaveProperty("presencePinHash");
    expect(names((await call(supervisor, "GET", listUrl("staff"))).json())).toEqual(["Nguyễn Văn Một", "stp.giamsat"]);
    expect(names((await call(agent, "GET", listUrl("staff"))).json())).toEqual(["quynhon.nv1"]);
    const unitOnly = await call(supervisor, "GET", listUrl("staff", { filter: { agencyId: seeded.agencies.unit.id } }));
    expect(unitOnly.json()).toMatchObject([{ id: unitAgentId, phone: "+842563822478", presence: "offline", roles: ["agent"] }]);
    expect((await call(admin, "GET", listUrl("staff", { filter: { presence: "busy" } }))).json().errors).toHaveProperty("presence");
    expect((await call(viewer, "GET", listUrl("staff"))).statusCode).toBe(403);
  });

  it("lets supervisors set presence in their subtree, staff set their own, and nobody else; every change stored with its author", async () => {
    const set = (cookie: string, id: number, state: string, reason?: string) =>
      call(cookie, "PUT", `/api/staff/${id}/presence`, { state, ...(reason ? { reason } : {}) });
    const inSubtree = await set(supervisor, unitAgentId, "available");
    expect(inSubtree.statusCode, inSubtree.body).toBe(200);
    expect(inSubtree.json()).toMatchObject({ id: unitAgentId, presence: "available", awayReason: null });
    expect((await set(supervisor, seeded.users.agent.id, "available")).statusCode).toBe(403);
    expect((await set(agent, seeded.users.agent.id, "away", "Họp giao ban")).json()).toMatchObject({
      presence: "away",
      awayReason: "Họp giao ban",
    });
    expect((await set(agent, unitAgentId, "offline")).statusCode).toBe(403);
    expect((await set(viewer, seeded.users.viewer.id, "available")).statusCode).toBe(403);
    expect((await set(admin, unitAgentId, "offline")).statusCode).toBe(200);
    // The calls set "on a call" and "after-call work", never a person.
    expect((await set(admin, unitAgentId, "on_call")).json().errors).toHaveProperty("state");
    expect((await call(admin, "PUT", `/api/staff/${unitAgentId}/presence`, { state: "có" })).json().errors).toHaveProperty("state");
    expect((await set(admin, 999999, "available")).statusCode).toBe(404);
    // Setting the state it already has stores nothing new.
    expect((await set(admin, unitAgentId, "offline")).statusCode).toBe(200);

    const changes = await t.db.presenceChange.findMany({
      where: { userId: { in: [unitAgentId, seeded.users.agent.id] } },
      orderBy: { id: "asc" },
    });
    expect(changes).toMatchObject([
      { userId: unitAgentId, state: "available", changedById: seeded.users.supervisor.id, reason: null },
      { userId: seeded.users.agent.id, state: "away", changedById: seeded.users.agent.id, reason: "Họp giao ban" },
      { userId: unitAgentId, state: "offline", changedById: seeded.users.admin.id },
    ]);
    for (const change of changes) expect(Math.abs(change.at.getTime() - Date.now())).toBeLessThan(60_000);
    const audit = await t.db.auditLog.findMany({ where: { resource: "users", action: "presence" }, orderBy: { id: "asc" } });
    expect(audit).toMatchObject([
      {
        actorId: seeded.users.supervisor.id,
        resourceId: String(unitAgentId),
        before: { presence: "offline" },
        after: { presence: "available" },
      },
      {
        actorId: seeded.users.agent.id,
        resourceId: String(seeded.users.agent.id),
        after: { presence: "away", awayReason: "Họp giao ban" },
      },
      { actorId: seeded.users.admin.id, resourceId: String(unitAgentId), after: { presence: "offline" } },
    ]);
  });

  it("lets staff set their own phone PIN, and their supervisors or an administrator, nobody else", async () => {
    const pin = (cookie: string, id: number, value: string | null) => call(cookie, "PUT", `/api/staff/${id}/pin`, { pin: value });
    const own = await pin(agent, seeded.users.agent.id, "135790");
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ hasPresencePin: true });
    expect(own.body).not.toContain("135790");
    expect((await pin(agent, unitAgentId, "1234")).statusCode).toBe(403);
    expect((await pin(supervisor, seeded.users.agent.id, "1234")).statusCode).toBe(403);
    expect((await pin(supervisor, unitAgentId, "1234")).json()).toMatchObject({ hasPresencePin: true });
    expect((await pin(admin, unitAgentId, "12")).json().errors).toHaveProperty("pin");
    expect((await pin(admin, unitAgentId, null)).json()).toMatchObject({ hasPresencePin: false });
  });
});
