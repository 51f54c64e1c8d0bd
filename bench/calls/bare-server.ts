// This machine's ceiling: a bare node http.Server that reads each request body and answers fixed TwiML,
// no framework, no signature check, no database. Its documents have the same shape as the hotline's
// answers to the bench caller (welcome and menu, sub-menu, dial with a screened staff number, whisper,
// accept, survey twice, goodbye), so the load generator walks exactly the same number of webhooks per call.
//   node --import tsx bench/calls/bare-server.ts   (PUBLIC_BASE_URL: the base the URLs in the TwiML use)
// Prints "listening on <port>" once ready.
import { createServer } from "node:http";

const base = `${process.env.PUBLIC_BASE_URL ?? "http://localhost"}/twilio/voice`;
const voice = 'voice="Google.vi-VN-Standard-A" language="vi-VN"';
const say = (text: string) => `<Say ${voice}>${text}</Say>`;
const gather = (step: number, prompt: string) =>
  `<Gather input="dtmf" action="${base}/gather?s=${step}" method="POST" actionOnEmptyResult="true" timeout="5" numDigits="1">${say(prompt)}</Gather>` +
  `<Redirect method="POST">${base}/gather?s=${step}</Redirect>`;
const response = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`;

const DOCUMENTS = new Map<string, string>([
  [
    "/twilio/voice/incoming",
    response(say("Tổng đài giải đáp thủ tục hành chính xin kính chào ông bà.") + gather(1, "Đất đai, xây dựng, bấm phím 2.")),
  ],
  ["/twilio/voice/gather?s=1", response(gather(2, "Đất đai, bấm phím 1. Xây dựng, bấm phím 2."))],
  [
    "/twilio/voice/gather?s=2",
    response(
      say("Xin ông bà vui lòng chờ trong giây lát.") +
        `<Dial action="${base}/dial?s=3" method="POST" timeout="20" answerOnBridge="true" record="record-from-answer-dual" recordingStatusCallback="${base}/recording-status">` +
        `<Number url="${base}/whisper?s=3&amp;staff=1" method="POST">+84900000001</Number></Dial>`,
    ),
  ],
  [
    "/twilio/voice/whisper?s=3&staff=1",
    response(
      `<Gather input="dtmf" numDigits="1" timeout="8" action="${base}/whisper/accept?s=3&amp;staff=1" method="POST">${say("Cuộc gọi từ Tổng đài về đất đai. Bấm phím 1 để nhận.")}</Gather><Hangup/>`,
    ),
  ],
  ["/twilio/voice/whisper/accept?s=3&staff=1", response(say("Đã kết nối."))],
  ["/twilio/voice/dial?s=3", response(say("Xin ông bà dành ít giây đánh giá cuộc gọi.") + gather(4, "Rất hài lòng, bấm phím 1."))],
  ["/twilio/voice/gather?s=4", response(gather(5, "Đã giải đáp, bấm phím 1. Chưa, bấm phím 2."))],
  ["/twilio/voice/gather?s=5", response(`${say("Cảm ơn ông bà đã gọi tổng đài. Xin chào.")}<Hangup/>`)],
]);
const CALLBACKS = new Set(["/twilio/voice/status", "/twilio/voice/recording-status"]);

const server = createServer((request, reply) => {
  // Read the whole form body, as any real webhook handler must before answering.
  request.on("data", () => {});
  request.on("end", () => {
    const url = request.url ?? "";
    const twiml = DOCUMENTS.get(url);
    if (twiml) {
      reply.writeHead(200, { "content-type": "text/xml; charset=utf-8" }).end(twiml);
    } else if (CALLBACKS.has(url)) {
      reply.writeHead(204).end();
    } else {
      reply.writeHead(404).end();
    }
  });
});
server.keepAliveTimeout = 72_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(`listening on ${typeof address === "object" && address ? address.port : 0}`);
});
process.on("SIGTERM", () => process.exit(0));
