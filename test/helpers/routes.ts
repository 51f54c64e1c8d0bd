// Every route the app registers, with the schema it was declared with, collected by an onRoute hook
// on an instance built exactly like the server's: tests that must cover "every route" enumerate them
// from here rather than from a hand-written list that drifts.
import Fastify, { type RouteOptions } from "fastify";
import { app, serverOptions } from "../../server/app.js";
import type { Config } from "../../server/config.js";

export interface RegisteredRoute {
  method: string;
  url: string;
  schema: RouteOptions["schema"];
  public: boolean;
}

export async function registeredRoutes(config: Config): Promise<RegisteredRoute[]> {
  const routes: RegisteredRoute[] = [];
  const fastify = Fastify(serverOptions(config));
  fastify.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) {
      routes.push({ method, url: route.url, schema: route.schema, public: route.config?.public === true });
    }
  });
  await fastify.register(app, { config });
  await fastify.ready();
  await fastify.close();
  return routes;
}
