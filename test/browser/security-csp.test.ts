// Finding 7 of issue 8, in the browser: the built console runs under its Content Security Policy
// without a single violation on any page an administrator can open, and another site cannot frame it.
import { createServer, type Server } from "node:http";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../server/platform/db/client.js";
import { launchBrowser } from "../helpers/browser.js";
import { insertCall } from "../helpers/calls.js";
import { createSender } from "../helpers/campaigns.js";
import { type ConsoleServer, logIn, startConsoleServer } from "../helpers/console.js";
import { DEMO_ADMIN_PASSWORD, seedDemo } from "../helpers/demo.js";
import { freePort } from "../helpers/processes.js";

let server: ConsoleServer;
let browser: BrowserContext;

beforeAll(async () => {
  server = await startConsoleServer(async (db, database) => {
    seedDemo(database.url);
    await recordOfEachKind(db);
  });
  browser = await launchBrowser();
  // Every document of the context reports its CSP violations here, whatever page it is on.
  await browser.addInitScript({
    content: `window.cspViolations = [];
      document.addEventListener("securitypolicyviolation", (event) => window.cspViolations.push(
        event.violatedDirective + " blocked " + (event.blockedURI || "inline") + " (" + event.sourceFile + ":" + event.lineNumber + ")"));`,
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

// The root tsconfig has no DOM types: code that runs in the page is written as strings.
/** The demo seed has no calls or campaigns: one record of each kind, so their detail pages are visited too. */
async function recordOfEachKind(db: Db): Promise<void> {
  const agency = await db.agency.findFirstOrThrow({ where: { code: "GL" } });
  const admin = await db.user.findFirstOrThrow({ where: { username: "admin" } });
  const call = await insertCall(db, { caller: "+84912000071", endedAt: new Date() });
  await db.callbackRequest.create({ data: { agencyId: agency.id, phone: "+84912000071", dueAt: new Date(), callId: call.id } });
  const contact = await db.contact.create({ data: { phone: "+84912000072", name: "Công dân" } });
  const list = await db.contactList.create({ data: { name: "Danh sách CSP" } });
  await db.contactListMember.create({ data: { listId: list.id, contactId: contact.id } });
  await db.smsTemplate.create({ data: { name: "Mẫu CSP", body: "[QC] Moi dung dichvucong.gov.vn" } });
  const sender = await createSender(db);
  await db.campaign.create({
    data: {
      name: "Chiến dịch CSP",
      body: "Moi dung dichvucong.gov.vn",
      senderId: sender.id,
      audience: { listIds: [list.id], segmentIds: [] },
      createdById: admin.id,
    },
  });
}

const violationsIn = (page: Page) => page.evaluate<string[]>("window.cspViolations");

/** Waits until react-admin has no request in flight (its progress bars are gone). */
async function settled(page: Page): Promise<void> {
  await expect.poll(() => page.getByRole("progressbar").count(), { timeout: 10_000 }).toBe(0);
}

describe("the console under its Content Security Policy", () => {
  it("opens every page as an administrator without a CSP violation", async () => {
    const page = await browser.newPage();
    const consoleMessages: string[] = [];
    page.on("console", (message) => {
      if (/content security policy/i.test(message.text())) consoleMessages.push(message.text());
    });
    const first = await page.goto(`${server.base}/admin/`);
    expect(first?.headers()["content-security-policy"]).toContain("script-src 'self'");
    await logIn(page, server.base, "admin", DEMO_ADMIN_PASSWORD);
    await page.getByRole("menuitem").first().waitFor();
    await settled(page);

    // The pages: every menu entry, and for each resource its create form and its first record.
    const resources = await page.evaluate<string[]>(
      `[...document.querySelectorAll("[role=menuitem]")].map((item) => item.getAttribute("href") ?? "")
        .filter((href) => /^#\\/[a-z-]+$/.test(href)).map((href) => href.slice(2))`,
    );
    expect(resources.length).toBeGreaterThan(15);
    const paths = ["", "contacts/import"];
    for (const resource of resources) {
      paths.push(resource, `${resource}/create`);
      const list = await page.request.get(`${server.base}/api/${resource}?range=${encodeURIComponent("[0,0]")}`);
      const records: unknown = list.ok() ? await list.json() : null;
      const id = Array.isArray(records) && records[0] ? String((records[0] as { id: unknown }).id) : null;
      if (id) paths.push(`${resource}/${encodeURIComponent(id)}/show`, `${resource}/${encodeURIComponent(id)}`);
    }

    const visited: string[] = [];
    for (const path of paths) {
      await page.goto(`${server.base}/admin/#/${path}`);
      await settled(page);
      visited.push(path);
      const violations = await violationsIn(page);
      expect(violations, `after #/${path}`).toEqual([]);
    }
    expect(visited.length).toBeGreaterThan(50);
    expect(consoleMessages).toEqual([]);

    // The listener does notice a violation: an inline script is refused and reported.
    await page.evaluate(`{
      const script = document.createElement("script");
      script.textContent = "window.inlineRan = true";
      document.body.append(script);
    }`);
    await expect.poll(() => violationsIn(page)).toHaveLength(1);
    expect(await page.evaluate("window.inlineRan")).toBeUndefined();
    await page.close();
  });

  it("refuses to be shown inside another site's frame", async () => {
    const port = await freePort();
    const framing: Server = createServer((_request, response) => {
      response.setHeader("content-type", "text/html");
      response.end(`<!doctype html><iframe id="console" src="${server.base}/admin/" width="800" height="600"></iframe>`);
    });
    await new Promise<void>((resolve) => framing.listen(port, "127.0.0.1", resolve));
    try {
      const page = await browser.newPage();
      const refusals: string[] = [];
      page.on("console", (message) => {
        if (/frame/i.test(message.text())) refusals.push(message.text());
      });
      await page.goto(`http://localhost:${port}/`);
      await expect.poll(() => refusals.join("\n")).toMatch(/frame-ancestors|X-Frame-Options/);
      const frame = page.frames().find((f) => f !== page.mainFrame());
      // The browser replaced the console with its error page: no login form inside the frame.
      expect(frame?.url()).not.toBe(`${server.base}/admin/`);
      expect(await frame?.locator("input").count()).toBe(0);
      await page.close();
    } finally {
      framing.closeAllConnections(); // the browser keeps its connection alive
      await new Promise((resolve) => framing.close(resolve));
    }
  });
});
