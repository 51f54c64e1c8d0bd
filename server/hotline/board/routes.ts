// The live board: GET /api/board answers it once, GET /api/board/stream keeps pushing it as
// server-sent events (`event: board`, the board as JSON) whenever a change touches the scope.
// The stream is hijacked from fastify after the session and permission guards ran, so it writes its
// own headers; it ends when the client goes, when the session ends, and when the server shuts down.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { currentUser } from "../../access/auth/authentication.js";
import { findSessionUser, SESSION_COOKIE } from "../../access/auth/sessions.js";
import { Board, BoardQuery, type BoardValue } from "../../contract/hotline/board.js";
import { rolesHold } from "../../contract/permissions.js";
import { listen } from "../../platform/db/notifications.js";
import { streamEvents } from "../../platform/http/event-stream.js";
import { readBoard } from "./board.js";
import { BOARD_CHANNEL, BoardHub } from "./hub.js";
import { boardScopeFor } from "./scope.js";

export interface BoardRouteOptions {
  /** Test knobs; production uses the defaults. */
  debounceMs?: number;
  keepAliveMs?: number;
  refreshMs?: number;
}

const boardRoutes: FastifyPluginAsyncTypebox<BoardRouteOptions> = async (fastify, options) => {
  const { db, config } = fastify;
  const serviceLevel = config.SERVICE_LEVEL_SECONDS;
  fastify.addHook("preHandler", fastify.allow("board:read"));

  const hub = new BoardHub({
    read: (scope) => readBoard(db, scope, serviceLevel),
    listen: (onNotify) =>
      listen(config.DATABASE_URL, BOARD_CHANNEL, onNotify, {
        onError: (error) => fastify.log.warn({ err: error.message }, "board: the LISTEN connection failed; reconnecting"),
      }),
    debounceMs: options.debounceMs,
    keepAliveMs: options.keepAliveMs,
    refreshMs: options.refreshMs,
    onError: (error) => fastify.log.error({ err: error instanceof Error ? error.message : String(error) }, "board: could not compute"),
  });
  // Open streams would hold the shutdown open: end them first.
  fastify.addHook("preClose", async () => {
    await hub.close();
  });

  fastify.get("/", { schema: { querystring: BoardQuery, response: { 200: Board } } }, async (request) => {
    const scope = await boardScopeFor(db, currentUser(request), request.query.agencyId);
    return readBoard(db, scope, serviceLevel);
  });

  fastify.get("/stream", { schema: { querystring: BoardQuery } }, async (request, reply) => {
    const user = currentUser(request);
    const scope = await boardScopeFor(db, user, request.query.agencyId);
    const token = request.cookies[SESSION_COOKIE] ?? "";

    await streamEvents<BoardValue>(request, reply, "board", (sink) =>
      hub.subscribe({
        scope,
        ...sink,
        stillAllowed: async () => {
          const current = token ? await findSessionUser(db, token, fastify.sessionTtlMs) : null;
          return current !== null && rolesHold(current.roles, "board:read");
        },
      }),
    );
  });
};

export default boardRoutes;
