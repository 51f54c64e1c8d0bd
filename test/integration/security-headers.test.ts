// Finding 7 of issue 8: no security headers, and the console loaded logged-in inside another site's
// iframe. Every response now carries a strict CSP, frame-ancestors 'none' / X-Frame-Options DENY,
// nosniff and a Referrer-Policy; HSTS only when the public URL is https. The browser suite checks the
// console itself raises no CSP violation (test/browser/security-csp.test.ts).
import { readFileSync } from "node:fs";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { ROOT } from "../helpers/processes.js";

let t: TestApp;
let https: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  https = await startTestApp({ PUBLIC_BASE_URL: "https://tongdai-tthc.gialai.gov.vn" });
}, 60_000);
afterAll(async () => {
  await t?.close();
  await https?.close();
});

/** The CSP header as { directive: [values] }. */
function csp(response: LightMyRequestResponse): Record<string, string[]> {
  const header = String(response.headers["content-security-policy"] ?? "");
  return Object.fromEntries(
    header
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name, values]),
  );
}

function expectNotFramable(response: LightMyRequestResponse) {
  expect(csp(response)["frame-ancestors"]).toEqual(["'none'"]);
  expect(response.headers["x-frame-options"]).toBe("DENY");
  expect(response.headers["x-content-type-options"]).toBe("nosniff");
}

const consoleScripts = () => [...readFileSync(`${ROOT}/admin/dist/index.html`, "utf8").matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];

describe("security headers", () => {
  it("serves the console with a strict CSP that forbids framing and inline scripts", async () => {
    const response = await t.app.inject({ url: "/admin/" });
    expect(response.statusCode).toBe(200);
    expectNotFramable(response);
    const policy = csp(response);
    expect(policy["default-src"]).toEqual(["'self'"]);
    expect(policy["script-src"]).toEqual(["'self'"]);
    expect(policy["object-src"]).toEqual(["'none'"]);
    expect(policy["base-uri"]).toEqual(["'none'"]);
    // Inline styles only (emotion's <style> elements); see server/plugins/external/security-headers.ts.
    expect(policy["style-src"]).toEqual(["'self'", "'unsafe-inline'"]);
    expect(response.headers["referrer-policy"]).toBe("same-origin");
    expect(response.headers["strict-transport-security"]).toBeUndefined();
  });

  it("builds a console that needs no inline script: every <script> of index.html is an external file", () => {
    const scripts = consoleScripts();
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\ssrc="\/admin\/assets\//);
      expect(body?.trim()).toBe("");
    }
  });

  it("sends the headers with the console's assets, the API and unknown paths too", async () => {
    const asset = /src="(\/admin\/assets\/[^"]+\.js)"/.exec(readFileSync(`${ROOT}/admin/dist/index.html`, "utf8"))?.[1];
    const responses = await Promise.all(
      [asset ?? "/admin/assets/missing.js", "/api/auth/me", "/no/such/page", "/healthz"].map((url) => t.app.inject({ url })),
    );
    expect(responses.map((r) => r.statusCode)).toEqual([200, 401, 404, 200]);
    for (const response of responses) expectNotFramable(response);
  });

  it("keeps the survey page's own stricter policy and adds the other headers", async () => {
    const response = await t.app.inject({ url: `/s/${"a".repeat(43)}` });
    expect(response.statusCode).toBe(404);
    expectNotFramable(response);
    expect(csp(response)["default-src"]).toEqual(["'none'"]);
    expect(response.headers["referrer-policy"]).toBe("no-referrer");
  });

  it("adds HSTS and upgrade-insecure-requests only when the public URL is https", async () => {
    const response = await https.app.inject({ url: "/admin/" });
    expect(response.headers["strict-transport-security"]).toBe("max-age=31536000");
    expect(csp(response)).toHaveProperty("upgrade-insecure-requests");
    expect(csp(await t.app.inject({ url: "/admin/" }))).not.toHaveProperty("upgrade-insecure-requests");
  });
});
