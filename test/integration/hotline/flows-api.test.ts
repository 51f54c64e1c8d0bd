// The IVR flow versions API through the real app and the real seed: listing, validation reports,
// publishing (from ivr-flows/ and from a request), refusal of invalid files, activation as rollback
// (checked on the version that serves the next call), the diagram, roles and the audit log.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { login, startTestApp, type TestApp } from "../../helpers/app.js";
import { DEMO_ADMIN_PASSWORD, DEMO_STAFF_PASSWORD, seedDemo } from "../../helpers/demo.js";
import { openAllWeek } from "../../helpers/hours.js";
import { ROOT } from "../../helpers/processes.js";

let t: TestApp;
let admin: string;
let supervisor: string;
let viewer: string;

beforeAll(async () => {
  t = await startTestApp();
  seedDemo(t.config.DATABASE_URL);
  await openAllWeek(t.db);
  // Calls follow one another at once here: the operator who took the last one is free for the next
  // (with after-call work the next caller would wait in the operators' line).
  await t.db.agency.updateMany({ data: { wrapUpSeconds: 0 } });
  t.app.callRouting.invalidate();
  admin = await login(t.app, "admin", DEMO_ADMIN_PASSWORD);
  supervisor = await login(t.app, "stp.giamsat", DEMO_STAFF_PASSWORD);
  viewer = await login(t.app, "lanhdao.xem", DEMO_STAFF_PASSWORD);
}, 120_000);
afterAll(() => t.close());

const api = (cookie: string, method: "GET" | "POST", url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

async function hotlineText() {
  return readFile(`${ROOT}/ivr-flows/hotline.yaml`, "utf8");
}

async function simulatedCall(digits: string[]) {
  const response = await api(admin, "POST", "/api/simulator/calls", { digits, staff: "answer" });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { callSid: string; callId: number; steps: { type: string; text?: string; targets?: string[] }[] };
}

describe("listing and reading versions", () => {
  it("lists the seeded version as active, newest first, with Content-Range, for any signed-in role", async () => {
    const response = await api(viewer, "GET", "/api/ivr-flow-versions");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-range"]).toBe("ivr-flow-versions 0-0/1");
    expect(response.json()).toMatchObject([{ version: 1, active: true, entry: "hotline", callCount: 0 }]);
  });

  it("shows one version with its files, summary and a clean validation report", async () => {
    const [first] = (await api(viewer, "GET", "/api/ivr-flow-versions")).json() as { id: number }[];
    const response = await api(viewer, "GET", `/api/ivr-flow-versions/${first?.id}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.files).toEqual([{ file: "hotline.yaml", text: await hotlineText() }]);
    expect(body.summary).toMatchObject({ entry: "hotline", flows: [{ id: "hotline", languages: ["vi"] }] });
    expect(body.summary.nodeCount).toBeGreaterThan(10);
    expect(body.validation).toEqual({ ok: true, problems: [] });
    expect(body.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect((await api(viewer, "GET", "/api/ivr-flow-versions/999999")).statusCode).toBe(404);
  });

  it("draws the diagram from the bundle: nodes, the start, and edges labelled as callers experience them", async () => {
    const [first] = (await api(viewer, "GET", "/api/ivr-flow-versions")).json() as { id: number }[];
    const response = await api(viewer, "GET", `/api/ivr-flow-versions/${first?.id}/diagram`);
    expect(response.statusCode).toBe(200);
    const { nodes, edges } = response.json() as {
      nodes: { id: string; kind: string; start: boolean; layer: number }[];
      edges: { from: string; to: string; key: string; label: string }[];
    };
    expect(nodes.find((n) => n.start)).toMatchObject({ id: "hotline#welcome", kind: "say", layer: 0 });
    const has = (from: string, to: string, key: string, label: string) =>
      expect(edges).toContainEqual({ from: `hotline#${from}`, to: `hotline#${to}`, key, label });
    has("main_menu", "menu_ho_tich", "1", "1");
    has("main_menu", "route_operator", "onFailure", "không bấm");
    has("check_hours", "after_hours", "closed", "ngoài giờ");
    has("route_ho_tich", "voicemail", "unanswered", "không ai nghe");
    // Case status by phone: a found case leads to its menu, a wrong code to the operators.
    has("case_lookup", "case_menu", "found", "đúng mã");
    has("case_lookup", "route_operator", "onFailure", "sai mã");
    expect(nodes.find((n) => n.id === "hotline#case_lookup")?.kind).toBe("lookup");
    expect(nodes.find((n) => n.id === "hotline#main_menu")?.layer).toBe(2);
  });
});

describe("validating drafts", () => {
  it("reports problems per file and node, and never fails on garbage", async () => {
    const broken = (await hotlineText()).replace("next: check_hours", "next: nowhere");
    const response = await api(viewer, "POST", "/api/ivr-flow-versions/validate", { files: [{ file: "hotline.yaml", text: broken }] });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.ok).toBe(false);
    expect(body.problems).toContainEqual(expect.objectContaining({ file: "hotline.yaml", node: "welcome" }));

    for (const text of ["", "::: [", "\u0001binary", "- 1\n- 2", "id: 5", "a: &x [*x]"]) {
      const garbage = await api(viewer, "POST", "/api/ivr-flow-versions/validate", { files: [{ file: "x.yaml", text }] });
      expect(garbage.statusCode, text).toBe(200);
      expect(garbage.json().ok).toBe(false);
      expect(garbage.json().problems.length).toBeGreaterThan(0);
    }
    for (const payload of [{}, { files: "x" }, { files: [{ file: 1 }] }, { files: [] }]) {
      expect((await api(viewer, "POST", "/api/ivr-flow-versions/validate", payload)).statusCode).toBe(400);
    }
    // A NUL is refused like anywhere else (the input guard), naming the field.
    const nul = await api(viewer, "POST", "/api/ivr-flow-versions/validate", { files: [{ file: "x.yaml", text: "\u0000binary" }] });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().errors).toEqual({ "files.0.text": "tthc.validation.invalid_characters" });
  });
});

describe("publishing and activating", () => {
  it("refuses invalid files with the problems and creates no version", async () => {
    const before = await t.db.ivrFlowVersion.count();
    const broken = (await hotlineText()).replace("open: main_menu", "open: missing_menu");
    const response = await api(admin, "POST", "/api/ivr-flow-versions", { files: [{ file: "hotline.yaml", text: broken }] });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.code).toBe("invalid_flow");
    expect(body.errors).toEqual({ files: "tthc.flows.invalid_flow" });
    expect(body.problems).toContainEqual(expect.objectContaining({ file: "hotline.yaml", node: "check_hours" }));
    expect(await t.db.ivrFlowVersion.count()).toBe(before);
  });

  it("lets only administrators publish and activate", async () => {
    const [first] = (await api(viewer, "GET", "/api/ivr-flow-versions")).json() as { id: number }[];
    for (const cookie of [supervisor, viewer]) {
      expect((await api(cookie, "POST", "/api/ivr-flow-versions", {})).statusCode).toBe(403);
      expect((await api(cookie, "POST", `/api/ivr-flow-versions/${first?.id}/activate`)).statusCode).toBe(403);
    }
    expect((await t.app.inject({ method: "POST", url: "/api/ivr-flow-versions", payload: {} })).statusCode).toBe(401);
  });

  it("publishes from the ivr-flows folder and from a request, and activation decides which version serves the next call", async () => {
    const fromFolder = await api(admin, "POST", "/api/ivr-flow-versions", { note: "Từ thư mục" });
    expect(fromFolder.statusCode, fromFolder.body).toBe(200);
    const v2 = fromFolder.json();
    expect(v2).toMatchObject({ version: 2, active: true, note: "Từ thư mục", publishedBy: "Quản trị hệ thống" });
    expect(v2.files).toEqual([{ file: "hotline.yaml", text: await hotlineText() }]);

    const changed = (await hotlineText()).replace("xin kính chào ông bà.", "xin kính chào ông bà, phiên bản thử.");
    const fromRequest = await api(admin, "POST", "/api/ivr-flow-versions", {
      files: [{ file: "hotline.yaml", text: changed }],
      note: "Lời chào mới",
    });
    expect(fromRequest.statusCode, fromRequest.body).toBe(200);
    const v3 = fromRequest.json();
    expect(v3).toMatchObject({ version: 3, active: true });

    const list = (await api(viewer, "GET", "/api/ivr-flow-versions")).json() as { version: number; active: boolean }[];
    expect(list.map((v) => [v.version, v.active])).toEqual([
      [3, true],
      [2, false],
      [1, false],
    ]);

    const first = await simulatedCall(["9"]);
    expect((await t.db.call.findUniqueOrThrow({ where: { id: first.callId } })).flowVersionId).toBe(v3.id);
    expect(first.steps.some((s) => s.text?.includes("phiên bản thử"))).toBe(true);

    // Roll back to version 2: the next call is served by it, without the new greeting.
    const rollback = await api(admin, "POST", `/api/ivr-flow-versions/${v2.id}/activate`);
    expect(rollback.statusCode).toBe(200);
    expect(rollback.json()).toMatchObject({ id: v2.id, active: true });
    const second = await simulatedCall(["9"]);
    expect((await t.db.call.findUniqueOrThrow({ where: { id: second.callId } })).flowVersionId).toBe(v2.id);
    expect(second.steps.some((s) => s.text?.includes("phiên bản thử"))).toBe(false);

    // And forward again.
    expect((await api(admin, "POST", `/api/ivr-flow-versions/${v3.id}/activate`)).statusCode).toBe(200);
    const third = await simulatedCall(["9"]);
    expect((await t.db.call.findUniqueOrThrow({ where: { id: third.callId } })).flowVersionId).toBe(v3.id);
    expect((await api(viewer, "GET", `/api/ivr-flow-versions/${v3.id}`)).json().callCount).toBe(2);
    expect((await api(admin, "POST", "/api/ivr-flow-versions/999999/activate")).statusCode).toBe(404);

    const audit = await t.db.auditLog.findMany({ where: { resource: "ivr-flow-versions" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.resourceId])).toEqual([
      ["publish", String(v2.id)],
      ["publish", String(v3.id)],
      ["activate", String(v2.id)],
      ["activate", String(v3.id)],
    ]);
    expect(audit[2]).toMatchObject({ before: { activeVersionId: v3.id }, after: { activeVersionId: v2.id, version: 2 } });
    expect(audit[0]?.after).toMatchObject({ source: "ivr-flows", files: ["hotline.yaml"] });
  });
});
