// Finding 1 of issue 8: the session check was a string test on the raw URL (`/api/`) while the router
// decodes percent-escapes, so `/%61pi/…` reached API routes anonymously. Every registered /api route,
// under several spellings of its path, must now answer 401 to a request without a session, except the
// routes declared public.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedSmallProvince } from "../../helpers/app.js";
import { type AppWithRoutes, concretePath, type RegisteredRoute, startAppListingRoutes } from "../../helpers/routes.js";

/** Ways of writing `/api/<rest>` that a router decoding percent-escapes may send to the same route. */
const SPELLINGS: Record<string, (rest: string) => string> = {
  plain: (rest) => `/api/${rest}`,
  "%61pi": (rest) => `/%61pi/${rest}`,
  "a%70i": (rest) => `/a%70i/${rest}`,
  "ap%69": (rest) => `/ap%69/${rest}`,
  "every letter escaped, uppercase hex": (rest) =>
    `/%61%70%69/${rest.replace(/[a-z]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
  "double slash": (rest) => `//api/${rest}`,
  "trailing slash": (rest) => `/api/${rest}/`,
};

let started: AppWithRoutes | undefined;
let app: FastifyInstance;
let routes: RegisteredRoute[];

beforeAll(async () => {
  started = await startAppListingRoutes();
  ({ app, routes } = started);
  await seedSmallProvince(app.db);
}, 60_000);

afterAll(() => started?.close());

const apiRoutes = () => routes.filter((route) => route.url.startsWith("/api/") && route.method !== "OPTIONS");

describe("authentication is a property of the /api scope, not of the URL's spelling", () => {
  it("finds the console's API among the registered routes, with login and logout the only public ones", () => {
    expect(apiRoutes().length).toBeGreaterThan(80);
    expect(
      apiRoutes()
        .filter((route) => route.public)
        .map((route) => `${route.method} ${route.url}`)
        .sort(),
    ).toEqual(["POST /api/auth/login", "POST /api/auth/logout"]);
  });

  it("answers 401 to every anonymous request to a non-public /api route, however its path is spelled", async () => {
    const leaks: string[] = [];
    let refused = 0;
    for (const route of apiRoutes().filter((r) => !r.public)) {
      const rest = concretePath(route.url).slice("/api/".length);
      for (const [name, spell] of Object.entries(SPELLINGS)) {
        const url = spell(rest);
        const response = await app.inject({ method: route.method as "GET", url, headers: { origin: app.config.PUBLIC_BASE_URL } });
        // 404: the router does not take this spelling to any route, so nothing was served.
        if (response.statusCode === 401) refused++;
        else if (response.statusCode !== 404) leaks.push(`${route.method} ${url} (${name}) → ${response.statusCode}`);
      }
    }
    expect(leaks).toEqual([]);
    // Most spellings do reach the route (and are refused there), or the test proves nothing.
    expect(refused).toBeGreaterThan(apiRoutes().length * 4);
  });

  it("still lets anyone reach the public routes under an encoded spelling, and only those", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/%61pi/auth/login",
      headers: { origin: app.config.PUBLIC_BASE_URL },
      payload: { username: "admin", password: "wrong password" },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe("invalid_credentials");
  });
});
