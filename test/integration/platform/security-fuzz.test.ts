// Hostile input over every registered route, generated from the routes' own schemas: NUL characters,
// lone surrogates, huge numbers and strings, wrong types, in bodies, query strings and path parameters,
// as an administrator and anonymously, and signed the way Twilio signs its webhooks. No answer may be
// a 5xx, and the server must keep serving afterwards.
import { randomBytes } from "node:crypto";
import type { InjectOptions } from "light-my-request";
import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookSigningKey } from "../../../server/platform/twilio/signing-key.js";
import { createUser, login, seedSmallProvince, startTestApp, type TestApp } from "../../helpers/app.js";
import { type RegisteredRoute, registeredRoutes } from "../../helpers/routes.js";

type Schema = Record<string, unknown> & { properties?: Record<string, Schema> };

const HOSTILE_TEXT = ["a\u0000b", "\ud800", "x\udfffy", "x".repeat(70_000), "99999999999", "1e400"];
const HOSTILE_VALUES: unknown[] = [
  ...HOSTILE_TEXT,
  "",
  2147483648,
  -99999999999,
  1e308,
  -0.5,
  null,
  true,
  [],
  { "\u0000": "x" },
  { nested: ["\ud800"] },
];
/** Path segments: raw percent-encodings, so a lone surrogate arrives as its (invalid) UTF-8 bytes. */
const HOSTILE_SEGMENTS = ["%00", "a%00", "%ED%A0%80", "99999999999", "-1", "0", "1e1", "0x10", "%201", "1.5", "x".repeat(3000)];
/** Filter keys the list routes read; unknown keys are ignored, so sending them all is harmless. */
const FILTER_KEYS = ["q", "id", "agencyId", "status", "caller", "phone", "from", "to", "listId", "campaignId", "tags", "role"];
const HOSTILE_FILTER_VALUES: unknown[] = [99999999999, { a: 1 }, "x".repeat(300)];

let t: TestApp;
let routes: RegisteredRoute[];
let cookie: string;
let origin: string;

beforeAll(async () => {
  t = await startTestApp();
  const { agencies } = await seedSmallProvince(t.db);
  // The fuzzer's own administrator comes last, so id 1 (which fuzzed paths use) is never its own account.
  await createUser(t.db, { username: "fuzzer", name: "Fuzzer", roles: ["admin"], agencyId: agencies.province.id });
  cookie = await login(t.app, "fuzzer");
  // The console's origin: CSRF checks must let these through so the fuzz reaches the handlers.
  origin = new URL(t.config.PUBLIC_BASE_URL).origin;
  routes = (await registeredRoutes(t.config)).filter((r) => r.method !== "HEAD" && !r.url.includes("*"));
}, 120_000);
afterAll(async () => {
  await t?.close();
});

/** A value the schema accepts, or close to it: the other fields stay plausible while one is hostile. */
function plausible(schema: Schema | undefined): unknown {
  if (!schema) return "x";
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const branches = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (branches) return plausible(branches.find((b) => b.type !== "null") ?? branches[0]);
  if (Array.isArray(schema.allOf)) return Object.assign({}, ...(schema.allOf as Schema[]).map(plausible));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string":
      if (schema.format === "date-time") return new Date().toISOString();
      if (schema.format === "date") return "2026-01-15";
      return "x".repeat(Math.max(1, Number(schema.minLength ?? 1)));
    case "integer":
    case "number":
      return Math.max(1, Number(schema.minimum ?? 1));
    case "boolean":
      return true;
    case "array":
      return [];
    case "object":
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, child]) => [key, plausible(child)]));
    default:
      return "x";
  }
}

const propertiesOf = (schema: unknown) => Object.keys((schema as Schema | undefined)?.properties ?? {});

/** The route's URL with each :param set (a plausible id by default). */
function pathOf(route: RegisteredRoute, params: Record<string, string> = {}): string {
  return route.url.replace(/:([A-Za-z]+)/g, (_, name: string) => params[name] ?? (name === "token" ? "abcdefabcdef" : "1"));
}

const query = (values: Record<string, string>) =>
  Object.entries(values)
    .map(([k, v]) => `${encodeURIComponent(k)}=${v}`)
    .join("&");

/** Percent-encodes text, writing a lone surrogate as the UTF-8 bytes a careless client would send. */
function encodeLoosely(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text.replace(/[\ud800-\udfff]/g, "%ED%A0%80").replace(/[^%A-Za-z0-9]/g, (c) => encodeURIComponent(c));
  }
}

/** Every hostile request for one route (JSON bodies, query strings, path parameters). */
function* hostileRequests(route: RegisteredRoute): Generator<InjectOptions> {
  const schema = (route.schema ?? {}) as Record<string, Schema>;
  const hasBody = !["GET", "HEAD", "DELETE"].includes(route.method) || schema.body !== undefined;
  const baseBody = schema.body ? plausible(schema.body) : {};
  const baseQuery = Object.fromEntries(
    Object.entries(schema.querystring?.properties ?? {}).map(([key, child]) => [key, encodeLoosely(String(plausible(child)))]),
  );
  const request = (url: string, payload?: unknown): InjectOptions => ({
    method: route.method as InjectOptions["method"],
    url,
    ...(hasBody ? { payload: payload === undefined ? (baseBody as object) : (payload as object) } : {}),
  });

  for (const param of [...route.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1] as string)) {
    for (const segment of HOSTILE_SEGMENTS) yield request(`${pathOf(route, { [param]: segment })}?${query(baseQuery)}`);
  }
  for (const key of propertiesOf(schema.querystring)) {
    for (const text of HOSTILE_TEXT) yield request(`${pathOf(route)}?${query({ ...baseQuery, [key]: encodeLoosely(text) })}`);
  }
  if (schema.querystring?.properties?.filter) {
    // Text escapes inside the JSON become NUL and surrogates only once the route parses the filter.
    for (const text of ["\u0000", "\ud800"]) {
      const filter = Object.fromEntries(FILTER_KEYS.map((key) => [key, text]));
      yield request(`${pathOf(route)}?${query({ filter: encodeURIComponent(JSON.stringify(filter)) })}`);
    }
    for (const key of FILTER_KEYS) {
      for (const value of HOSTILE_FILTER_VALUES) {
        yield request(`${pathOf(route)}?${query({ filter: encodeLoosely(JSON.stringify({ [key]: value })) })}`);
      }
    }
  }
  if (!hasBody) return;
  for (const payload of ["\u0000", [], 12, { "\u0000": 1 }]) yield request(pathOf(route), payload);
  if (baseBody === null || typeof baseBody !== "object" || Array.isArray(baseBody)) return;
  for (const key of propertiesOf(schema.body)) {
    for (const value of HOSTILE_VALUES) yield request(pathOf(route), { ...baseBody, [key]: value });
  }
}

interface Failure {
  request: string;
  status: number;
  body: string;
}

async function send(options: InjectOptions, headers: Record<string, string>, failures: Failure[]): Promise<number> {
  const response = await t.app.inject({ ...options, headers: { ...headers, ...(options.headers as object) } });
  if (response.statusCode >= 500) {
    const url = String(options.url);
    failures.push({
      request: `${options.method} ${url.length > 120 ? `${url.slice(0, 120)}…` : url} ${JSON.stringify(options.payload ?? "").slice(0, 120)}`,
      status: response.statusCode,
      body: response.body.slice(0, 200),
    });
  }
  return response.statusCode;
}

/** Sends a stream of requests a few at a time (the fuzz is thousands of requests) and counts them. */
async function sendAll(requests: Iterable<InjectOptions>, headers: Record<string, string>, failures: Failure[]): Promise<number> {
  const iterator = requests[Symbol.iterator]();
  let sent = 0;
  const worker = async () => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) {
      await send(next.value, headers, failures);
      sent++;
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  return sent;
}

const report = (failures: Failure[]) => failures.map((f) => `${f.status} ${f.request} → ${f.body}`);

const isTwilio = (route: RegisteredRoute) => route.url.startsWith("/twilio/");

describe("hostile input over every route's schema", () => {
  it("finds no 5xx as an administrator", async () => {
    const failures: Failure[] = [];
    // Logging out would end the fuzzer's session halfway; it is fuzzed anonymously below.
    const fuzzed = routes.filter((r) => !isTwilio(r) && r.url !== "/api/auth/logout");
    const sent = await sendAll(
      fuzzed.flatMap((route) => [...hostileRequests(route)]),
      { cookie, origin, "sec-fetch-site": "same-origin" },
      failures,
    );
    expect(sent).toBeGreaterThan(1000);
    expect(report(failures)).toEqual([]);
  }, 180_000);

  it("finds no 5xx anonymously", async () => {
    const failures: Failure[] = [];
    // Routes behind a session answer 401 before reading anything: a sample of each is enough.
    const requests = routes
      .filter((r) => !isTwilio(r))
      .flatMap((route) => [...hostileRequests(route)].slice(0, route.public || !route.url.startsWith("/api/") ? undefined : 20));
    await sendAll(requests, { origin, "sec-fetch-site": "same-origin" }, failures);
    expect(report(failures)).toEqual([]);
  }, 180_000);

  it("finds no 5xx in signed Twilio webhooks, and still accepts odd but valid ones", async () => {
    const key = await webhookSigningKey(t.config, t.db);
    const failures: Failure[] = [];
    const statuses: number[] = [];
    const signed = async (path: string, params: Record<string, string>) => {
      const signature = twilio.getExpectedTwilioSignature(key, `${t.config.PUBLIC_BASE_URL}${path}`, params);
      const options: InjectOptions = {
        method: "POST",
        url: path,
        headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
        payload: new URLSearchParams(params).toString(),
      };
      const status = await send(options, {}, failures);
      statuses.push(status);
      return status;
    };
    // A real call to fuzz against, so the webhooks reach its rows rather than stop at "unknown call".
    const published = await t.app.inject({ method: "POST", url: "/api/ivr-flow-versions", headers: { cookie, origin }, payload: {} });
    expect(published.statusCode).toBe(200);
    const CallSid = `CA${randomBytes(16).toString("hex")}`;
    expect(await signed("/twilio/voice/incoming", { CallSid, From: "+84912345678", To: "+842563822478" })).toBe(200);

    const hostile = ["a\u0000b", "99999999999", "-99999999999", "1e400", "x".repeat(70_000), ""];
    for (const route of routes.filter(isTwilio)) {
      const schema = (route.schema ?? {}) as Record<string, Schema>;
      const base = Object.fromEntries(propertiesOf(schema.body).map((k) => [k, String(plausible(schema.body?.properties?.[k]))]));
      base.CallSid = CallSid;
      const baseQuery = Object.fromEntries(propertiesOf(schema.querystring).map((k) => [k, "1"]));
      const url = (values: Record<string, string>) => {
        const search = new URLSearchParams(values).toString();
        return search ? `${route.url}?${search}` : route.url;
      };
      for (const key of propertiesOf(schema.body)) {
        for (const value of hostile) await signed(url(baseQuery), { ...base, [key]: value });
      }
      for (const key of propertiesOf(schema.querystring)) {
        for (const value of hostile) await signed(url({ ...baseQuery, [key]: value }), base);
      }
    }
    expect(report(failures)).toEqual([]);
    // Every request was signed right: refusals came from the input rules, not from the signature check.
    expect(statuses).not.toContain(403);

    // Odd but valid: an emoji in an SMS, a withheld caller ID.
    const sms = { MessageSid: `SM${randomBytes(16).toString("hex")}`, From: "+84912345678", To: "+842563822478", Body: "Cảm ơn 😀👍" };
    expect(await signed("/twilio/sms/inbound", sms)).toBeLessThan(300);
    const withheld = { CallSid: `CA${randomBytes(16).toString("hex")}`, From: "anonymous", To: "+842563822478" };
    expect(await signed("/twilio/voice/incoming", withheld)).toBe(200);
  }, 180_000);

  it("keeps serving afterwards", async () => {
    expect((await t.app.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(200);
    // With the fuzzer's session: logging in again would meet the limit the fuzzed wrong passwords reached.
    const response = await t.app.inject({ method: "GET", url: "/api/agencies", headers: { cookie } });
    expect(response.statusCode).toBe(200);
    expect(response.json().length).toBeGreaterThan(0);
  });
});
