// `npm run call:simulate -- --digits 2,1 [--no-answer] [--from 0912345678] [--url http://localhost:3000] [--twiml]`
// Calls the hotline of a RUNNING server as Twilio would: real HTTP requests to --url, signed with the
// deployment's key (TWILIO_AUTH_TOKEN, or the local key kept in the database) against PUBLIC_BASE_URL,
// which is the URL the server checks signatures with. Prints what the caller hears and presses, each
// dial and routing decision, optionally the TwiML, and a summary read from the call's record.
import "dotenv/config";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../server/config.js";
import type { CallOutcome, SimulationStep } from "../server/contract/hotline/simulator.js";
import { callOutcome, maskNumbers } from "../server/hotline/simulator/report.js";
import { DEMO_CALLER, DEMO_HOTLINE } from "../server/hotline/simulator/routes.js";
import { type SimulatorTransport, simulateCall } from "../server/hotline/simulator/simulated-call.js";
import { createDb, type Db } from "../server/platform/db/client.js";
import { webhookSigningKey } from "../server/platform/twilio/signing-key.js";

const USAGE = `Cách dùng: npm run call:simulate -- --digits 2,1 [--no-answer] [--from 0912345678] [--url http://localhost:3000] [--twiml]

  --digits     phím bấm ở mỗi lần hỏi, cách nhau bởi dấu phẩy; để trống là im lặng (vd. 1,,2 hoặc 8,101#)
  --no-answer  cán bộ không nghe máy (mặc định: cán bộ đầu tiên bấm 1 và nghe)
  --from       số người gọi (mặc định ${DEMO_CALLER})
  --url        địa chỉ máy chủ đang chạy (mặc định http://localhost:PORT)
  --twiml      in cả TwiML của từng yêu cầu
  --queue-keys khi phải chờ trong hàng chờ: phím bấm ở mỗi vòng chờ, cách nhau bởi dấu phẩy (vd. ,,1 là chờ
               hai vòng rồi bấm 1 để được gọi lại); hết phím thì chờ tiếp, mỗi vòng 1 giây, tối đa 30 vòng`;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    options: {
      digits: { type: "string", default: "" },
      "no-answer": { type: "boolean", default: false },
      from: { type: "string", default: DEMO_CALLER },
      url: { type: "string" },
      twiml: { type: "boolean", default: false },
      "queue-keys": { type: "string", default: "" },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  }).values;
}
try {
  args = parse();
} catch (error) {
  fail(`${(error as Error).message}\n\n${USAGE}`);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const digits = args.digits === "" ? [] : args.digits.split(",").map((d) => d.trim());
const bad = digits.find((d) => !/^[0-9*#]{0,20}$/.test(d));
if (bad !== undefined) fail(`--digits: "${bad}" không phải phím điện thoại (0-9, *, #)\n\n${USAGE}`);
const queueDigits = args["queue-keys"] === "" ? [] : args["queue-keys"].split(",").map((d) => d.trim());
if (queueDigits.some((d) => !/^[0-9*#]?$/.test(d))) fail(`--queue-keys: mỗi vòng chờ chỉ bấm một phím (0-9, *, #)\n\n${USAGE}`);

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}
const target = (args.url ?? `http://localhost:${config.PORT}`).replace(/\/+$/, "");

// Reachable at all? A clear message beats a stack trace from the first webhook.
try {
  await fetch(`${target}/healthz`, { signal: AbortSignal.timeout(5000) });
} catch (error) {
  const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
  fail(`Không kết nối được máy chủ tại ${target} (${cause}). Hãy chạy máy chủ (npm run dev hoặc npm start) hoặc chỉ --url.`);
}

let db = null as Db | null;
const database = () => {
  db ??= createDb(config.DATABASE_URL);
  return db;
};

try {
  let key: string;
  try {
    key = await webhookSigningKey(config, database());
  } catch (error) {
    fail(`Không đọc được khóa ký webhook từ cơ sở dữ liệu (${(error as Error).message}). Đặt TWILIO_AUTH_TOKEN hoặc DATABASE_URL.`);
  }

  const transport: SimulatorTransport = {
    async post(path, params, signature) {
      const response = await fetch(`${target}${path}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
        body: new URLSearchParams(params).toString(),
      });
      return { status: response.status, body: await response.text() };
    },
  };

  console.log(
    `Gọi thử tổng đài tại ${target} (ký theo ${config.PUBLIC_BASE_URL}), phím: ${digits.map(showKey).join(", ") || "(không bấm)"}\n`,
  );
  let result: Awaited<ReturnType<typeof simulateCall>>;
  try {
    result = await simulateCall(transport, key, config.PUBLIC_BASE_URL, {
      from: args.from,
      to: DEMO_HOTLINE,
      digits,
      queueDigits,
      staff: args["no-answer"] ? "no-answer" : "answer",
    });
  } catch (error) {
    const message = (error as Error).message;
    if (/ 403: /.test(message)) {
      fail(
        `Máy chủ từ chối chữ ký (403). PUBLIC_BASE_URL (${config.PUBLIC_BASE_URL}) và khóa ký phải giống của máy chủ đang chạy.\n${message}`,
      );
    }
    fail(`Cuộc gọi thử dừng giữa chừng: ${message}`);
  }
  for (const step of result.steps) print(step, args.twiml);

  const outcome = await callOutcome(database(), result.callSid).catch(() => null);
  printSummary(result.callSid, outcome);
} finally {
  await db?.$disconnect();
}

function showKey(digits: string): string {
  return digits === "" ? "(im lặng)" : digits;
}

function print(step: SimulationStep, twiml: boolean): void {
  switch (step.type) {
    case "request":
      if (twiml) console.log(`  ── POST ${step.path.split("?")[0]} → ${step.status}\n${indent(maskNumbers(step.twiml))}`);
      break;
    case "say":
      console.log(`🔊 ${step.text}`);
      break;
    case "play":
      console.log(`🔊 [tệp ghi âm] ${step.url}`);
      break;
    case "gather":
      console.log(`☎  Người gọi bấm: ${showKey(step.digits)}`);
      break;
    case "dial":
      console.log(`📞 Đổ chuông: ${step.targets.map(maskNumbers).join(", ")}`);
      break;
    case "staff":
      console.log(`👤 Cán bộ: ${maskNumbers(step.action)}`);
      break;
    case "record":
      console.log(`⏺  Ghi lời nhắn ${step.seconds} giây`);
      break;
    case "hangup":
      console.log(step.by === "caller" ? "✆  Người gọi gác máy" : "✆  Tổng đài kết thúc cuộc gọi");
      break;
  }
}

function indent(text: string): string {
  return text
    .replace(/></g, ">\n<")
    .split("\n")
    .map((line) => `     ${line}`)
    .join("\n");
}

function printSummary(callSid: string, outcome: CallOutcome | null): void {
  console.log("\nKết quả");
  if (!outcome) {
    console.log(`  CallSid: ${callSid} (không đọc được bản ghi cuộc gọi từ cơ sở dữ liệu)`);
    return;
  }
  for (const r of outcome.routing) {
    console.log(`  Định tuyến: ${r.agencyCode} → ${r.decision}${r.dialStatus ? ` (${r.dialStatus})` : ""}`);
  }
  console.log(`  Kết thúc: ${outcome.termination ?? "(chưa xác định)"} (trạng thái ${outcome.status})`);
  console.log(`  Cơ quan: ${outcome.agency ? `${outcome.agency.name} (${outcome.agency.code})` : "—"}`);
  console.log(`  Lĩnh vực: ${outcome.topic ?? "—"}`);
  console.log(`  Phiên bản luồng IVR: ${outcome.flowVersion ?? "—"}`);
  console.log(`  Mã cuộc gọi: ${outcome.callId} (CallSid ${callSid})`);
}
