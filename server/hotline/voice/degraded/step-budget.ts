// The step budget: every voice webhook that needs the database races it against a timer. When the
// database refuses, fails or has not answered within VOICE_STEP_BUDGET_MS, the caller gets the
// degraded TwiML at once (Twilio would wait 15 s in silence, then play its own error) and the webhook
// is journaled for the call log. Installed as an onRoute hook so the routes themselves stay unaware.
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from "fastify";
import { type Admission, admission } from "./admission.js";
import { type DegradedAnswer, type DegradedContext, STEP_DEGRADERS } from "./answers.js";
import type { JournalEntry, VoiceJournal } from "./journal.js";

type Params = Record<string, string | undefined>;

/** Sends a degraded answer after keeping what happened; used by the budget and by the database-free routes. */
export async function answerDegraded(
  request: FastifyRequest,
  reply: FastifyReply,
  journal: VoiceJournal,
  answer: DegradedAnswer,
  reason: JournalEntry["reason"],
): Promise<FastifyReply> {
  if (answer.entry?.callSid) {
    const entry: JournalEntry = { ...answer.entry, at: new Date().toISOString(), reason };
    // A journal that cannot be written must not cost the caller the answer.
    await journal
      .append(entry)
      .catch((error: unknown) =>
        request.log.error({ kind: entry.kind, err: error instanceof Error ? error.message : String(error) }, "degraded call not journaled"),
      );
  }
  if (answer.twiml === null) return reply.status(204).send();
  return reply.type("text/xml; charset=utf-8").send(answer.twiml);
}

/**
 * The route handler's view of the reply: once the degraded answer has gone out, whatever the late
 * handler still tries to send is dropped (its database work, if it ever completes, is idempotent and
 * its TwiML is never heard: every URL of the degraded answer avoids the normal steps).
 */
function guardedReply(reply: FastifyReply, answered: () => boolean): FastifyReply {
  const proxy: FastifyReply = new Proxy(reply, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (answered()) return proxy;
        const result = value.apply(target, args);
        return result === target ? proxy : result;
      };
    },
  });
  return proxy;
}

const isClientError = (error: unknown) => {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === "number" && status >= 400 && status < 500;
};

/** Installs the budget around every call step; returns its admission control (see admission.ts). */
export function installStepBudget(fastify: FastifyInstance, journal: VoiceJournal, context: DegradedContext): Admission {
  const budgetMs = fastify.config.VOICE_STEP_BUDGET_MS;
  const admitted = admission(fastify.config.VOICE_MAX_CONCURRENT_STEPS);

  fastify.addHook("onRoute", (route) => {
    const path = route.url.slice(route.prefix.length);
    const degrade = STEP_DEGRADERS[path];
    if (!degrade || route.method !== "POST") return;
    const handler = route.handler as RouteHandlerMethod;

    route.handler = async function budgeted(request, reply) {
      const body = (request.body ?? {}) as Params;
      const query = (request.query ?? {}) as Params;
      const answer = () => degrade(body, query, context);
      const callSid = body.ParentCallSid && path.startsWith("/whisper") ? body.ParentCallSid : body.CallSid;
      // A call whose earlier steps wait in the journal stays degraded until they are replayed, so its
      // log is written in order (its final status must not arrive before the call row exists).
      const exact = path === "/status" || path === "/recording-status";
      if (callSid && (await journal.hasPending(callSid, exact))) return answerDegraded(request, reply, journal, answer(), "pending");

      // Turned away when it could not finish in time anyway: its work never starts.
      const release = await admitted.enter(budgetMs - reply.elapsedTime, path === "/incoming" ? "new-call" : "call");
      if (!release) {
        request.log.warn({ route: path, reason: "overload", ...admitted.load() }, "voice webhook answered in degraded mode");
        return answerDegraded(request, reply, journal, answer(), "overload");
      }

      let answered = false;
      let timer: NodeJS.Timeout | undefined;
      const work = Promise.resolve().then(() =>
        handler.call(
          this,
          request,
          guardedReply(reply, () => answered),
        ),
      );
      // The slot is held until the work settles, late or not: late work still holds a connection.
      work.then(release, release);
      const deadline = new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), Math.max(0, budgetMs - reply.elapsedTime));
      });
      const outcome = await Promise.race([
        work.then(
          () => "done" as const,
          (error: unknown) => ({ error }),
        ),
        deadline,
      ]);
      clearTimeout(timer);
      if (outcome === "done" || reply.sent) return reply;
      if (outcome !== "timeout" && isClientError(outcome.error)) throw outcome.error;

      answered = true;
      const reason = outcome === "timeout" ? "timeout" : "error";
      request.log.warn(
        { route: path, reason, err: outcome === "timeout" ? undefined : String((outcome.error as Error)?.message ?? outcome.error) },
        "voice webhook answered in degraded mode",
      );
      if (outcome === "timeout") {
        work.then(
          () => request.log.info({ route: path }, "late voice step finished after the degraded answer"),
          (error: unknown) => request.log.warn({ route: path, err: String((error as Error)?.message ?? error) }, "late voice step failed"),
        );
      }
      return answerDegraded(request, reply, journal, answer(), reason);
    };
  });
  return admitted;
}
