// Finding 11 of issue 8: ajv's type coercion made `/api/users/01`, `+1`, `1.0`, `%201`, `0x10` and
// `1e1` all mean user 1, and a fuzzer reset the admin's password through `POST /api/users/%201/password`.
// Ids in paths are now canonical positive integers: every route with an `:id` refuses other spellings.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { injectFromConsole, login, PASSWORD, seedSmallProvince } from "../../helpers/app.js";
import { type AppWithRoutes, concretePath, type RegisteredRoute, startAppListingRoutes } from "../../helpers/routes.js";

const NON_CANONICAL = ["01", "+1", "1.0", "%201", "1%20", "0x10", "1e1", "0", "-1", "00000000001", "2147483648", "99999999999"];

let started: AppWithRoutes | undefined;
let app: FastifyInstance;
let routes: RegisteredRoute[];
let cookie: string;
let adminId: number;

beforeAll(async () => {
  started = await startAppListingRoutes();
  ({ app, routes } = started);
  injectFromConsole(app, started.config.PUBLIC_BASE_URL);
  const { users } = await seedSmallProvince(app.db);
  adminId = users.admin.id;
  cookie = await login(app, "admin");
}, 60_000);

afterAll(() => started?.close());

const idRoutes = () => routes.filter((route) => route.url.includes("/:id") && route.method !== "HEAD");

describe("ids in paths are canonical positive integers", () => {
  it("covers every registered route with an :id parameter", () => {
    expect(idRoutes().length).toBeGreaterThan(40);
  });

  it("refuses every non-canonical spelling of an id on every such route with 400 or 404", async () => {
    const accepted: string[] = [];
    for (const route of idRoutes()) {
      for (const id of NON_CANONICAL) {
        const url = concretePath(route.url, id);
        const body = ["POST", "PUT", "PATCH"].includes(route.method) ? { payload: {} } : {};
        const response = await app.inject({ method: route.method as "GET", url, headers: { cookie }, ...body });
        if (![400, 404].includes(response.statusCode)) accepted.push(`${route.method} ${url} → ${response.statusCode}`);
      }
    }
    expect(accepted).toEqual([]);
  });

  it("names the id field when it refuses, and still serves the canonical id", async () => {
    const refused = await app.inject({ url: `/api/users/0${adminId}`, headers: { cookie } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual({ id: "tthc.validation.format" });
    const served = await app.inject({ url: `/api/users/${adminId}`, headers: { cookie } });
    expect(served.statusCode).toBe(200);
    expect(served.json().id).toBe(adminId);
  });

  it("cannot reset the admin's password through a padded id", async () => {
    const reset = await app.inject({
      method: "POST",
      url: `/api/users/%20${adminId}/password`,
      headers: { cookie },
      payload: { password: "mot-mat-khau-moi-rat-dai-2026" },
    });
    expect(reset.statusCode).toBe(400);
    // The old password still works.
    await expect(login(app, "admin", PASSWORD)).resolves.toContain("tthc_session=");
  });
});
