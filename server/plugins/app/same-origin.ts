// CSRF defence of the cookie-authenticated API: a state-changing request (POST, PUT, PATCH, DELETE)
// must show it was sent by a page of the console's own origin (PUBLIC_BASE_URL) or of an origin
// listed in CORS_ORIGINS. SameSite=Lax alone lets a page on another port of the same site through.
//
// Evidence, in order: `Origin` (every current browser sends it on such requests); when absent,
// `Sec-Fetch-Site: same-origin`; when both are absent, the origin of `Referer`. A request with none
// of them is refused too: a browser always sends one, and scripts (curl, server-to-server) can send
// `Origin: <PUBLIC_BASE_URL>` themselves. Registered inside the /api scope only: Twilio's webhooks
// are signature-checked and the citizens' survey page posts a form to itself.
import type { FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { HttpError } from "../../http/errors.js";

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

const crossSite = (message: string) => new HttpError(403, message, { code: "cross_site_request" });

/** Throws unless the request comes from one of the allowed origins. */
export function checkSameOrigin(request: FastifyRequest, allowed: ReadonlySet<string>): void {
  const { origin, referer } = request.headers;
  const fetchSite = request.headers["sec-fetch-site"];
  if (origin !== undefined) {
    if (!allowed.has(origin)) throw crossSite(`Requests from ${origin} may not change data here`);
    return;
  }
  if (fetchSite !== undefined) {
    if (fetchSite !== "same-origin") throw crossSite(`A ${fetchSite} request may not change data here`);
    return;
  }
  const refererOrigin = referer ? originOf(referer) : null;
  if (refererOrigin && allowed.has(refererOrigin)) return;
  throw crossSite("Send an Origin header naming the console's address to change data");
}

export default fp(
  async (scope) => {
    const allowed = new Set(
      [scope.config.PUBLIC_BASE_URL, ...scope.config.CORS_ORIGINS].map(originOf).filter((o): o is string => o !== null),
    );
    scope.addHook("onRequest", async (request) => {
      if (UNSAFE_METHODS.has(request.method)) checkSameOrigin(request, allowed);
    });
  },
  { name: "same-origin", dependencies: ["config"] },
);
