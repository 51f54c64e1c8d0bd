// Call records as the voice webhooks write them, created directly for the tests of what reads them
// (the call log, reports, surveys, retention, the console's pages), and a stand-in for Twilio's
// recording media.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Prisma } from "../../server/generated/prisma/client.js";
import type { CallTermination } from "../../server/generated/prisma/enums.js";
import type { Db } from "../../server/platform/db/client.js";
import { STUB_ACCOUNT_SID } from "./twilio-rest-stub.js";

/** The demo hotline's number, which the calls were made to. */
export const HOTLINE = "+842563822478";

/** A call with only what every call row has (a fresh sid, a caller, the hotline, completed), and `data`. */
export function insertCall(db: Db, data: Partial<Prisma.CallUncheckedCreateInput> = {}) {
  return db.call.create({
    data: {
      callSid: `CA${randomBytes(16).toString("hex")}`,
      caller: "+84912345678",
      hotline: HOTLINE,
      status: "completed",
      state: {},
      ...data,
    },
  });
}

/** A finished recording of a call, at Twilio under the stub's account unless `data` says otherwise. */
export function createRecording(db: Db, callId: number, data: Partial<Prisma.RecordingUncheckedCreateInput> = {}) {
  const recordingSid = data.recordingSid ?? `RE${randomBytes(16).toString("hex")}`;
  const mediaUrl = `https://api.twilio.com/2010-04-01/Accounts/${STUB_ACCOUNT_SID}/Recordings/${recordingSid}`;
  return db.recording.create({ data: { recordingSid, callId, kind: "call", status: "completed", mediaUrl, ...data } });
}

export interface CallFixture {
  agencyId?: number | null;
  staffId?: number | null;
  caller?: string;
  startedAt?: Date;
  simulated?: boolean;
  topic?: string | null;
  termination?: CallTermination | null;
  ringSeconds?: number | null;
  talkSeconds?: number | null;
  satisfaction?: number;
  resolved?: number;
  flowVersionId?: number | null;
  events?: { kind: string; at?: Date; data: Record<string, unknown> }[];
}

/** An answered call of 5 minutes (unless told otherwise), with its survey answers and events. */
export async function createCall(db: Db, fixture: CallFixture = {}) {
  const startedAt = fixture.startedAt ?? new Date();
  const termination = fixture.termination === undefined ? "answered" : fixture.termination;
  const answered = termination === "answered";
  const ringSeconds = fixture.ringSeconds === undefined ? (answered ? 12 : null) : fixture.ringSeconds;
  const call = await insertCall(db, {
    ...(fixture.caller !== undefined && { caller: fixture.caller }),
    simulated: fixture.simulated ?? false,
    topic: fixture.topic === undefined ? "hộ tịch" : fixture.topic,
    agencyId: fixture.agencyId ?? null,
    staffId: fixture.staffId ?? null,
    flowVersionId: fixture.flowVersionId ?? null,
    startedAt,
    ringStartedAt: ringSeconds !== null ? new Date(startedAt.getTime() + 20_000) : null,
    answeredAt: answered ? new Date(startedAt.getTime() + 20_000 + (ringSeconds ?? 0) * 1000) : null,
    endedAt: new Date(startedAt.getTime() + 300_000),
    ivrSeconds: 20,
    ringSeconds,
    talkSeconds: fixture.talkSeconds === undefined ? (answered ? 95 : null) : fixture.talkSeconds,
    termination,
  });
  if (fixture.satisfaction !== undefined) {
    await db.surveyAnswer.create({ data: { callId: call.id, question: "satisfaction", value: fixture.satisfaction, channel: "ivr" } });
  }
  if (fixture.resolved !== undefined) {
    await db.surveyAnswer.create({ data: { callId: call.id, question: "resolved", value: fixture.resolved, channel: "ivr" } });
  }
  for (const [index, event] of (fixture.events ?? []).entries()) {
    await db.callEvent.create({
      data: {
        callId: call.id,
        kind: event.kind,
        dedupeKey: `${event.kind}:${index}`,
        data: event.data as Prisma.InputJsonValue,
        at: event.at ?? new Date(startedAt.getTime() + index * 1000),
      },
    });
  }
  return call;
}

export interface MediaStub {
  url: string;
  requests: { path: string; authorization: string | undefined; range: string | undefined }[];
  close(): Promise<void>;
}

/** Stands in for api.twilio.com's recording media: answers `<path>.mp3` with `audio` bytes. */
export async function startMediaStub(audio: Buffer): Promise<MediaStub> {
  const requests: MediaStub["requests"] = [];
  const server: Server = createServer((request: IncomingMessage, response) => {
    requests.push({ path: request.url ?? "", authorization: request.headers.authorization, range: request.headers.range });
    if (!request.url?.endsWith(".mp3") || request.url.includes("missing")) {
      response.writeHead(404, { "content-type": "application/json" }).end('{"code":20404}');
      return;
    }
    response.writeHead(200, { "content-type": "audio/mpeg", "content-length": String(audio.length), "accept-ranges": "bytes" });
    response.end(audio);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
