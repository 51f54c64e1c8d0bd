// Every console route is guarded by a permission of the table (server/contract/permissions.ts): a
// signed-in user whose roles hold nothing is refused everywhere but GET /api/auth/me, whatever the
// route. A route added without a guard fails here.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { injectFromConsole, login, PASSWORD, seedSmallProvince } from "../../helpers/app.js";
import { type AppWithRoutes, concretePath, type RegisteredRoute, startAppListingRoutes } from "../../helpers/routes.js";

let started: AppWithRoutes | undefined;
let app: FastifyInstance;
let routes: RegisteredRoute[];
let cookie: string;

beforeAll(async () => {
  started = await startAppListingRoutes();
  ({ app, routes } = started);
  injectFromConsole(app, started.config.PUBLIC_BASE_URL);
  const { agencies, users } = await seedSmallProvince(app.db);
  // The console never makes such a user (a user has at least one role): it holds no permission at all.
  const admin = await app.db.user.findUniqueOrThrow({ where: { id: users.admin.id } });
  await app.db.user.create({
    data: { username: "khong.vai.tro", name: "Không vai trò", roles: [], agencyId: agencies.province.id, passwordHash: admin.passwordHash },
  });
  cookie = await login(app, "khong.vai.tro", PASSWORD);
}, 60_000);

afterAll(() => started?.close());

const apiRoutes = () => routes.filter((route) => route.url.startsWith("/api/") && route.method !== "OPTIONS" && !route.public);

describe("the permission guards", () => {
  it("refuse a user without permissions on every console route but /api/auth/me", async () => {
    const answers: string[] = [];
    let refused = 0;
    for (const route of apiRoutes()) {
      const withBody = ["POST", "PUT", "PATCH", "DELETE"].includes(route.method);
      const response = await app.inject({
        method: route.method as "GET",
        url: concretePath(route.url),
        headers: { cookie },
        ...(withBody ? { payload: {} } : {}),
      });
      if (response.statusCode === 403) refused++;
      // A request malformed for the route is refused before the guard (400, 415): nothing was served.
      else if (![400, 415].includes(response.statusCode)) answers.push(`${route.method} ${route.url} → ${response.statusCode}`);
    }
    expect(answers).toEqual(["GET /api/auth/me → 200", "HEAD /api/auth/me → 200"]);
    // Most routes do reach their guard, or the test proves nothing.
    expect(refused).toBeGreaterThan(apiRoutes().length / 2);
  });
});
