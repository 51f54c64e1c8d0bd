// The app's registered routes, collected with fastify's onRoute hook while the real app is built, so
// tests that must cover "every route" enumerate them from the app instead of a hand-kept list.
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyInstance, type RouteOptions } from "fastify";
import { app, serverOptions } from "../../server/app.js";
import type { Config } from "../../server/config.js";

export interface RegisteredRoute {
  method: string;
  url: string;
  public: boolean;
}

export async function buildAppListingRoutes(config: Config): Promise<{ app: FastifyInstance; routes: RegisteredRoute[] }> {
  const fastify = Fastify(serverOptions(config)).withTypeProvider<TypeBoxTypeProvider>();
  const routes: RegisteredRoute[] = [];
  fastify.addHook("onRoute", (route: RouteOptions) => {
    for (const method of [route.method].flat()) {
      routes.push({ method, url: route.url, public: route.config?.public === true });
    }
  });
  await fastify.register(app, { config });
  await fastify.ready();
  return { app: fastify, routes };
}

/** A concrete path for a route pattern: every `:param` becomes `value`. */
export function concretePath(url: string, value = "1"): string {
  return url.replace(/:[A-Za-z]+/g, value);
}
