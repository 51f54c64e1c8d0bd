// A request body is accepted only in the media type its route declares: JSON unless the route says
// `config: { accepts: MULTIPART_ONLY }`. Without this, fastify's built-in text/plain
// parser (and multipart, urlencoded) let a cross-site HTML form post a "simple" request, one no
// CORS preflight ever questions, to any route that ignores its body (cancel, approve, logout…).
// Checked in onRequest, before any parser has read the body.
import type { FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { HttpError } from "../../http/errors.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Media types the route's body may have; application/json when unset. */
    accepts?: readonly string[];
  }
}

const JSON_ONLY = ["application/json"] as const;
/** For upload routes: `config: { accepts: MULTIPART_ONLY }`. */
export const MULTIPART_ONLY = ["multipart/form-data"] as const;

function hasBody(request: FastifyRequest): boolean {
  const { headers } = request;
  return headers["content-type"] !== undefined || headers["transfer-encoding"] !== undefined || Number(headers["content-length"] ?? 0) > 0;
}

export default fp(
  async (scope) => {
    scope.addHook("onRequest", async (request) => {
      if (!hasBody(request)) return;
      const mediaType = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
      const accepted = request.routeOptions.config.accepts ?? JSON_ONLY;
      if (!accepted.includes(mediaType)) {
        throw new HttpError(415, `This route accepts ${accepted.join(" or ")} bodies, not ${mediaType || "an untyped body"}`, {
          code: "unsupported_media_type",
        });
      }
    });
  },
  { name: "declared-content-types" },
);
