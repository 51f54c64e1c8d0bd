// An eSMS sender in the console, in headless Chromium against the real server and the eSMS stub:
// the edit page shows the balance eSMS reports, the credentials as write-only fields that say whether
// a value is stored, the sandbox setting; a new secret typed in is sealed, never shown back.
import { randomBytes } from "node:crypto";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSecrets, sealSecrets } from "../../server/messaging/secrets.js";
import type { Db } from "../../server/platform/db/client.js";
import { launchBrowser } from "../helpers/browser.js";
import { type ConsoleServer, logIn, startConsoleServer } from "../helpers/console.js";
import { DEMO_ADMIN_PASSWORD, seedDemo } from "../helpers/demo.js";
import { type EsmsStub, STUB_API_KEY, STUB_SECRET_KEY, startEsmsStub } from "../helpers/esms-stub.js";

const KEY = randomBytes(32).toString("base64");
let stub: EsmsStub;
let server: ConsoleServer;
let db: Db;
let browser: BrowserContext;
let page: Page;
let senderId: number;

beforeAll(async () => {
  stub = await startEsmsStub();
  server = await startConsoleServer(
    async (db, database) => {
      seedDemo(database.url);
      const sender = await db.smsSender.create({
        data: {
          brandname: "TTHC GIALAI",
          provider: "esms",
          settings: { sandbox: "0" },
          secrets: sealSecrets(KEY, { apiKey: STUB_API_KEY, secretKey: STUB_SECRET_KEY }),
          pricePerSegment: 850,
        },
      });
      senderId = sender.id;
    },
    { SMS_SECRETS_KEY: KEY, ESMS_BASE_URL: stub.url },
  );
  db = server.db;
  browser = await launchBrowser();
  page = await browser.newPage();
  await logIn(page, server.base, "admin", DEMO_ADMIN_PASSWORD);
  await page.getByText("Xin chào").first().waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await stub?.close();
});

describe("an eSMS sender in the console", () => {
  it("shows the balance and write-only credentials, and seals a new secret", async () => {
    await page.goto(`${server.base}/admin/#/sms-senders/${senderId}`);
    await expect.poll(() => page.getByTestId("sender-balance").textContent(), { timeout: 10_000 }).toBe("250.000 VND");
    const secret = page.getByLabel("Secret key (eSMS)");
    expect(await secret.inputValue()).toBe("");
    expect(await page.content()).not.toContain(STUB_SECRET_KEY);
    await page.getByText("Đã lưu · Chỉ ghi").first().waitFor();
    await page.getByRole("combobox", { name: "Chế độ thử (eSMS)" }).waitFor();

    await secret.fill("new-secret-XYZ");
    await page.getByRole("button", { name: "Lưu" }).click();
    await expect
      .poll(
        async () => {
          const row = await db.smsSender.findUniqueOrThrow({ where: { id: senderId } });
          return row.secrets ? openSecrets(KEY, row.secrets) : null;
        },
        { timeout: 10_000 },
      )
      .toEqual({ apiKey: STUB_API_KEY, secretKey: "new-secret-XYZ" });
    const row = await db.smsSender.findUniqueOrThrow({ where: { id: senderId } });
    expect(JSON.stringify(row)).not.toContain("new-secret-XYZ");
  });
});
