// Finding 6 of issue 8: CSRF rested on SameSite=Lax alone. With a valid session cookie, requests
// from another site (or from another port of the same site) with `text/plain` or multipart bodies
// cancelled and approved campaigns, activated an IVR version, logged out and replaced the DNC list.
// State-changing /api requests must now come from the console's origin and carry the body type their
// route declares; the same requests from the console still work.
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activeFlowVersion } from "../../../server/hotline/flows/versions.js";
import { hashSurveyToken, newSurveyToken } from "../../../server/hotline/surveys/links.js";
import { login, startTestApp, type TestApp } from "../../helpers/app.js";
import { insertCall } from "../../helpers/calls.js";
import { createList, createSender, seedCampaignPeople } from "../../helpers/campaigns.js";
import { DEMO_ADMIN_PASSWORD, seedDemo } from "../../helpers/demo.js";

let t: TestApp;
let admin: string;
let people: Awaited<ReturnType<typeof seedCampaignPeople>>;
let senderId: number;
let listId: number;
let consoleOrigin: string;

beforeAll(async () => {
  t = await startTestApp();
  seedDemo(t.config.DATABASE_URL);
  admin = await login(t.app, "admin", DEMO_ADMIN_PASSWORD);
  people = await seedCampaignPeople(t.db, t.app);
  senderId = (await createSender(t.db)).id;
  listId = await createList(t.db, "CSRF", 500, 3);
  consoleOrigin = new URL(t.config.PUBLIC_BASE_URL).origin;
}, 120_000);
afterAll(() => t?.close());

const sameSiteOtherPort = () => {
  const url = new URL(t.config.PUBLIC_BASE_URL);
  url.port = "9999";
  return url.origin;
};

/** Headers a hostile page's request arrives with; `origin: undefined` sends none. */
const HOSTILE: Record<string, () => Record<string, string | undefined>> = {
  "another site": () => ({ origin: "http://evil.example" }),
  "another port of the same site": () => ({ origin: sameSiteOtherPort() }),
  "an opaque origin (sandboxed frame)": () => ({ origin: "null" }),
  "no Origin, Sec-Fetch-Site: cross-site": () => ({ origin: undefined, "sec-fetch-site": "cross-site" }),
  "no Origin, Sec-Fetch-Site: same-site": () => ({ origin: undefined, "sec-fetch-site": "same-site" }),
  "no Origin and no Sec-Fetch-Site": () => ({ origin: undefined }),
};

async function campaignIn(status: "draft" | "pending_approval"): Promise<number> {
  const created = await t.app.inject({
    method: "POST",
    url: "/api/campaigns",
    headers: { cookie: people.cookies.manager },
    payload: {
      name: `CSRF ${Math.random()}`,
      body: "Moi dung dichvucong.gov.vn",
      unaccented: true,
      senderId,
      audience: { listIds: [listId], segmentIds: [] },
    },
  });
  expect(created.statusCode, created.body).toBe(200);
  const id = created.json().id as number;
  if (status === "pending_approval") {
    const submitted = await t.app.inject({
      method: "POST",
      url: `/api/campaigns/${id}/submit`,
      headers: { cookie: people.cookies.manager },
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
  }
  return id;
}

const campaignStatus = async (id: number) => (await t.db.campaign.findUniqueOrThrow({ where: { id } })).status;
const activeFlowId = async () => (await activeFlowVersion(t.db))?.id;
const dncCount = () => t.db.dncNumber.count();
const sessionValid = async (cookie: string) => (await t.app.inject({ url: "/api/auth/me", headers: { cookie } })).statusCode === 200;

const dncUpload = (phones: string[]) => {
  const boundary = "----csrf";
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="dnc.txt"\r\nContent-Type: text/plain\r\n\r\n${phones.join("\r\n")}\r\n--${boundary}--\r\n`,
  };
};

/** One state-changing request of each kind, how to send it, and how to see whether it took effect. */
interface Action {
  name: string;
  prepare(): Promise<{ request: InjectOptions; changed(): Promise<boolean> }>;
}

const ACTIONS: Action[] = [
  {
    name: "cancel a campaign",
    async prepare() {
      const id = await campaignIn("draft");
      return {
        request: { method: "POST", url: `/api/campaigns/${id}/cancel`, headers: { cookie: people.cookies.manager } },
        changed: async () => (await campaignStatus(id)) === "cancelled",
      };
    },
  },
  {
    name: "approve a campaign",
    async prepare() {
      const id = await campaignIn("pending_approval");
      return {
        request: { method: "POST", url: `/api/campaigns/${id}/approve`, headers: { cookie: people.cookies.approver } },
        changed: async () => (await campaignStatus(id)) !== "pending_approval",
      };
    },
  },
  {
    name: "activate an IVR flow version",
    async prepare() {
      // A second published version, copied from the seeded one.
      const { entry, files, bundle, checksum } = await t.db.ivrFlowVersion.findFirstOrThrow({ orderBy: { id: "asc" } });
      const version = 1 + ((await t.db.ivrFlowVersion.aggregate({ _max: { version: true } }))._max.version ?? 0);
      const other = await t.db.ivrFlowVersion.create({
        data: { entry, checksum: `${checksum}-${version}`, version, files: files as object, bundle: bundle as object },
      });
      return {
        request: { method: "POST", url: `/api/ivr-flow-versions/${other.id}/activate`, headers: { cookie: admin } },
        changed: async () => (await activeFlowId()) === other.id,
      };
    },
  },
  {
    name: "log out",
    async prepare() {
      const cookie = await login(t.app, "admin", DEMO_ADMIN_PASSWORD);
      return {
        request: { method: "POST", url: "/api/auth/logout", headers: { cookie } },
        changed: async () => !(await sessionValid(cookie)),
      };
    },
  },
  {
    name: "replace the DNC list (multipart)",
    async prepare() {
      const before = await dncCount();
      const upload = dncUpload(["0912000031", "0912000032", `09120${String(Date.now()).slice(-5)}`]);
      return {
        request: {
          method: "POST",
          url: "/api/dnc/import",
          headers: { cookie: admin, "content-type": upload.contentType },
          payload: upload.body,
        },
        changed: async () => (await dncCount()) !== before,
      };
    },
  },
];

function withHeaders(request: InjectOptions, headers: Record<string, string | undefined>): InjectOptions {
  return { ...request, headers: { ...request.headers, ...headers } };
}

describe("state-changing API requests must come from the console", () => {
  for (const action of ACTIONS) {
    it(`refuses to ${action.name} from another origin with 403 cross_site_request, changing nothing`, async () => {
      for (const [from, headers] of Object.entries(HOSTILE)) {
        const { request, changed } = await action.prepare();
        const response = await t.app.inject(withHeaders(request, headers()));
        expect(response.statusCode, `${from}: ${response.body}`).toBe(403);
        expect(response.json().code, from).toBe("cross_site_request");
        expect(await changed(), from).toBe(false);
      }
    });

    it(`refuses to ${action.name} with a text/plain body, even from the console's origin (415)`, async () => {
      const { request, changed } = await action.prepare();
      const response = await t.app.inject(withHeaders({ ...request, payload: "{}" }, { "content-type": "text/plain" }));
      expect(response.statusCode, response.body).toBe(415);
      expect(response.json().code).toBe("unsupported_media_type");
      expect(await changed()).toBe(false);
    });

    it(`lets the console ${action.name}`, async () => {
      const { request, changed } = await action.prepare();
      const response = await t.app.inject(withHeaders(request, { origin: consoleOrigin }));
      expect(response.statusCode, response.body).toBeLessThan(300);
      expect(await changed()).toBe(true);
    });
  }

  it("accepts a browser's same-origin request that carries Sec-Fetch-Site or a same-origin Referer instead of Origin", async () => {
    for (const headers of [
      { origin: undefined, "sec-fetch-site": "same-origin" },
      { origin: undefined, referer: `${consoleOrigin}/admin/` },
    ]) {
      const id = await campaignIn("draft");
      const response = await t.app.inject({
        method: "POST",
        url: `/api/campaigns/${id}/cancel`,
        headers: { cookie: people.cookies.manager, ...headers },
      });
      expect(response.statusCode, response.body).toBe(200);
    }
  });

  it("refuses form-encoded and JSON bodies on the multipart upload, and multipart on JSON routes (415)", async () => {
    const before = await dncCount();
    for (const contentType of ["application/x-www-form-urlencoded", "application/json", "text/plain"]) {
      const response = await t.app.inject({
        method: "POST",
        url: "/api/dnc/import",
        headers: { cookie: admin, "content-type": contentType },
        payload: contentType === "application/json" ? "{}" : "file=0912000041",
      });
      expect(response.statusCode, contentType).toBe(415);
    }
    expect(await dncCount()).toBe(before);
    const upload = dncUpload(["0912000051"]);
    const id = await campaignIn("draft");
    const multipartCancel = await t.app.inject({
      method: "POST",
      url: `/api/campaigns/${id}/cancel`,
      headers: { cookie: people.cookies.manager, "content-type": upload.contentType },
      payload: upload.body,
    });
    expect(multipartCancel.statusCode).toBe(415);
    expect(await campaignStatus(id)).toBe("draft");
  });

  it("leaves the citizens' survey form outside the rule: its post from the survey page itself is answered", async () => {
    const call = await insertCall(t.db, { caller: "+84912000061", endedAt: new Date() });
    const { token } = newSurveyToken();
    await t.db.surveyLink.create({ data: { id: hashSurveyToken(token), callId: call.id, expiresAt: new Date(Date.now() + 3_600_000) } });
    // The survey page sends Referrer-Policy: no-referrer, so the browser's form post says `Origin: null`.
    const response = await t.app.inject({
      method: "POST",
      url: `/s/${token}`,
      headers: { origin: "null", "content-type": "application/x-www-form-urlencoded" },
      payload: "satisfaction=1",
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(await t.db.surveyAnswer.count({ where: { callId: call.id } })).toBe(1);
  });
});
