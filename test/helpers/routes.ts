// Every route the app registers, with the schema it was declared with, collected by an onRoute hook
// on an instance built exactly like the server's: tests that must cover "every route" enumerate them
// from here rather than from a hand-written list that drifts.
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyInstance, type RouteOptions } from "fastify";
import { app, serverOptions } from "../../server/app.js";
import type { Config } from "../../server/config.js";
import { clearRedisPrefix, testConfig } from "./app.js";
import { createTestDatabase } from "./database.js";

export interface RegisteredRoute {
  method: string;
  url: string;
  schema: RouteOptions["schema"];
  public: boolean;
}

/** The app, ready to be driven, and the routes it registered. */
export async function buildAppListingRoutes(config: Config): Promise<{ app: FastifyInstance; routes: RegisteredRoute[] }> {
  const fastify = Fastify(serverOptions(config)).withTypeProvider<TypeBoxTypeProvider>();
  const routes: RegisteredRoute[] = [];
  fastify.addHook("onRoute", (route: RouteOptions) => {
    for (const method of [route.method].flat()) {
      routes.push({ method, url: route.url, schema: route.schema, public: route.config?.public === true });
    }
  });
  await fastify.register(app, { config });
  await fastify.ready();
  return { app: fastify, routes };
}

/** Only the routes: the app is closed again. */
export async function registeredRoutes(config: Config): Promise<RegisteredRoute[]> {
  const { app: fastify, routes } = await buildAppListingRoutes(config);
  await fastify.close();
  return routes;
}

/** A concrete path for a route pattern: every `:param` becomes `value`. */
export function concretePath(url: string, value = "1"): string {
  return url.replace(/:[A-Za-z]+/g, value);
}

export interface AppWithRoutes {
  app: FastifyInstance;
  routes: RegisteredRoute[];
  config: Config;
  /** Closes the app, clears its Redis keys and drops its database. */
  close(): Promise<void>;
}

/** A test app on a database of its own, with the routes it registered. */
export async function startAppListingRoutes(): Promise<AppWithRoutes> {
  const database = await createTestDatabase();
  const config = testConfig({ DATABASE_URL: database.url });
  const { app: fastify, routes } = await buildAppListingRoutes(config);
  return {
    app: fastify,
    routes,
    config,
    async close() {
      await fastify.close();
      await clearRedisPrefix(config.REDIS_URL, config.REDIS_PREFIX);
      await database.drop();
    },
  };
}
