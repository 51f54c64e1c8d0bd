// Every page of the console as the administrator reads it, in Vietnamese, with a few calls, a campaign
// and audit entries present: no page may show an untranslated message key, one of the product's
// internal codes (node ids, statuses, terminations, actions, providers…) or an ISO date. The codes come
// from the contract and the active IVR flow, so a new status or node is checked the day it exists.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AGENCY_KINDS,
  CALL_TERMINATIONS,
  CALLBACK_OUTCOMES,
  CALLBACK_STATUSES,
  CAMPAIGN_STATUSES,
  CONSENT_STATUSES,
  RECIPIENT_STATUSES,
  RING_STRATEGIES,
  SUPPRESSION_SOURCES,
} from "../../server/contract/enums.js";
import { AUDIT_ACTIONS, AUDIT_RESOURCES } from "../../server/contract/platform/audit-logs.js";
import { SMS_PROVIDER_NAMES } from "../../server/contract/sms-providers.js";
import { activeFlowVersion } from "../../server/hotline/flows/versions.js";
import { injectFromConsole, login } from "../helpers/app.js";
import { launchBrowser } from "../helpers/browser.js";
import { approvedCampaign, createList, createSender } from "../helpers/campaigns.js";
import { type ConsoleServer, logIn, startConsoleServer } from "../helpers/console.js";
import { DEMO_ADMIN_PASSWORD, DEMO_STAFF_PASSWORD, seedDemo } from "../helpers/demo.js";
import { openAllWeek } from "../helpers/hours.js";

/** Call statuses as Twilio reports them (the call log keeps them as they came). */
const TWILIO_CALL_STATUSES = ["queued", "ringing", "in-progress", "completed", "busy", "failed", "no-answer", "canceled"];

/** The console's message namespaces: a key showing on screen is a missing translation. */
const KEY = /\b(ra|resources|tthc)\.[a-z_-]+\.[a-z_.-]+/;
const ISO_DATE = /\d{4}-\d{2}-\d{2}/;

let server: ConsoleServer;
let browser: BrowserContext;
let codes: string[];

beforeAll(async () => {
  server = await startConsoleServer(async (db, database) => {
    seedDemo(database.url);
    await openAllWeek(db);
  });
  injectFromConsole(server.app, server.base);
  await makeHistory();
  codes = await internalCodes();
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Two simulated calls, a wrong password, an agency change, the SMS policy completed, a campaign submitted and approved. */
async function makeHistory() {
  const { app, db } = server;
  const admin = await login(app, "admin", DEMO_ADMIN_PASSWORD);
  const post = async (url: string, payload: object, cookie = admin) => {
    const response = await app.inject({ method: "POST", url, headers: { cookie }, payload });
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
    return response.json();
  };
  await post("/api/simulator/calls", { digits: ["1", "1", "1", "1"], staff: "answer" });
  await post("/api/simulator/calls", { digits: ["8", "101"], staff: "no-answer" });
  await app.inject({ method: "POST", url: "/api/auth/login", payload: { username: "admin", password: "sai-mat-khau-roi" } });

  const agency = (await app.inject({ url: "/api/agencies?filter=%7B%22q%22%3A%22STP%22%7D", headers: { cookie: admin } })).json()[0];
  const update = await app.inject({
    method: "PUT",
    url: `/api/agencies/${agency.id}`,
    headers: { cookie: admin },
    payload: { ...agency, ringStrategy: agency.ringStrategy === "simultaneous" ? "sequential" : "simultaneous", observeHolidays: false },
  });
  if (update.statusCode !== 200) throw new Error(`agency update: ${update.statusCode} ${update.body}`);

  // The demo policy's opt-out number is a placeholder until the administrator sets the real one.
  const policy = (await app.inject({ url: "/api/settings/sms-policy", headers: { cookie: admin } })).json();
  const setPolicy = await app.inject({
    method: "PUT",
    url: "/api/settings/sms-policy",
    headers: { cookie: admin },
    payload: { ...policy, optOutText: policy.optOutText.replace("8xxx", "8079") },
  });
  if (setPolicy.statusCode !== 200) throw new Error(`SMS policy: ${setPolicy.statusCode} ${setPolicy.body}`);

  const sender = await createSender(db);
  const list = await createList(db, "Thanh niên phường Quy Nhơn", 1, 20);
  await approvedCampaign(
    app,
    {
      manager: await login(app, "chiendich.quanly", DEMO_STAFF_PASSWORD),
      approver: await login(app, "chiendich.duyet", DEMO_STAFF_PASSWORD),
    },
    { name: "Giới thiệu dịch vụ công trực tuyến", senderId: sender.id, listIds: [list] },
  );
}

/** Every code the product stores or computes that a page could leak, from the contract and the active flow. */
async function internalCodes(): Promise<string[]> {
  const flow = await activeFlowVersion(server.db);
  if (!flow) throw new Error("the demo seed published no IVR flow");
  const nodes = Object.values(flow.bundle.flows).flatMap((f) => Object.keys(f.nodes));
  const all = [
    ...nodes,
    ...CALL_TERMINATIONS,
    ...TWILIO_CALL_STATUSES,
    ...CALLBACK_STATUSES,
    ...CALLBACK_OUTCOMES,
    ...CAMPAIGN_STATUSES,
    ...RECIPIENT_STATUSES,
    ...CONSENT_STATUSES,
    ...SUPPRESSION_SOURCES,
    ...RING_STRATEGIES,
    ...AGENCY_KINDS,
    ...SMS_PROVIDER_NAMES,
    ...AUDIT_ACTIONS,
    ...AUDIT_RESOURCES,
    "wrong_password",
    "true",
    "false",
    "null",
  ];
  return [...new Set(all)];
}

/** The page's visible text once its data has arrived: no spinner, and the same text twice in a row. */
async function settledText(page: Page): Promise<string> {
  let previous = "";
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(250);
    const { text, busy } = await page.evaluate<{ text: string; busy: boolean }>(
      `({ text: document.body.innerText, busy: document.querySelector('[role="progressbar"], .MuiSkeleton-root') !== null })`,
    );
    if (!busy && text === previous && text.trim() !== "") return text;
    previous = text;
  }
  return previous;
}

/** What on the page a citizen servant should never read. */
function findings(text: string): string[] {
  const found: string[] = [];
  for (const line of text.split("\n")) {
    const key = KEY.exec(line);
    if (key) found.push(`message key "${key[0]}" in "${line.trim()}"`);
    const date = ISO_DATE.exec(line);
    if (date) found.push(`ISO date "${date[0]}" in "${line.trim()}"`);
    for (const code of codes) {
      // A code as a word of its own (codes are [a-z0-9_-]): not inside a longer word, a URL or a username.
      const pattern = new RegExp(`(^|[^\\p{L}\\p{N}_./@-])${code}($|[^\\p{L}\\p{N}_/@-])`, "u");
      if (pattern.test(line)) found.push(`code "${code}" in "${line.trim()}"`);
    }
  }
  return found;
}

/** The id of the first record of a resource the administrator can see, through the API. */
async function firstId(page: Page, resource: string): Promise<number | null> {
  return page.evaluate(async (resource) => {
    const response = await fetch(`/api/${resource}?range=${encodeURIComponent("[0,0]")}`, { credentials: "same-origin" });
    const rows = response.ok ? await response.json() : [];
    return Array.isArray(rows) && rows.length > 0 ? rows[0].id : null;
  }, resource);
}

/** Every route of the console: lists, a record of each resource that has one, create forms. */
async function routes(page: Page): Promise<string[]> {
  const lists = [
    "calls",
    "satisfaction-report",
    "agency-reports",
    "report-scoring",
    "agencies",
    "callback-requests",
    "hours-overrides",
    "ivr-flow-versions",
    "campaigns",
    "contacts",
    "contact-lists",
    "segments",
    "suppressions",
    "dnc",
    "sms-templates",
    "sms-senders",
    "sms-policy",
    "simulator",
    "users",
    "audit-logs",
    "retention",
  ];
  const records: [string, "show" | "edit"][] = [
    ["calls", "show"],
    ["agencies", "show"],
    ["callback-requests", "show"],
    ["ivr-flow-versions", "show"],
    ["campaigns", "show"],
    ["contacts", "show"],
    ["contact-lists", "edit"],
    ["sms-templates", "show"],
    ["sms-senders", "edit"],
    ["users", "edit"],
    ["agencies", "edit"],
  ];
  const creates = [
    "agencies",
    "users",
    "hours-overrides",
    "campaigns",
    "contacts",
    "contact-lists",
    "segments",
    "sms-templates",
    "sms-senders",
  ];
  const paths = ["", ...lists, ...creates.map((r) => `${r}/create`), "contacts/import"];
  for (const [resource, view] of records) {
    const id = await firstId(page, resource);
    if (id !== null) paths.push(view === "show" ? `${resource}/${id}/show` : `${resource}/${id}`);
  }
  // Every audit entry of a different kind: their changes are where raw values hide.
  const entries = await server.db.auditLog.findMany({ distinct: ["action", "resource"], select: { id: true } });
  for (const entry of entries) paths.push(`audit-logs/${entry.id}/show`);
  // Every call: the simulated ones went through the real IVR and routing.
  for (const call of await server.db.call.findMany({ select: { id: true } })) paths.push(`calls/${call.id}/show`);
  return [...new Set(paths)];
}

describe("every page of the console in Vietnamese", () => {
  it("shows no message key, internal code or ISO date on any page", async () => {
    const page = await browser.newPage();
    await logIn(page, server.base, "admin", DEMO_ADMIN_PASSWORD);
    await page.getByText("Xin chào").first().waitFor();
    const problems: string[] = [];
    for (const path of await routes(page)) {
      await page.goto(`${server.base}/admin/#/${path}`);
      const text = await settledText(page);
      for (const finding of findings(text)) problems.push(`#/${path}: ${finding}`);
    }
    expect(problems).toEqual([]);
  }, 600_000);
});
