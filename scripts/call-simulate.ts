// `npm run call:simulate -- --digits 2,1 [--no-answer] [--from 0912345678] [--url http://localhost:3000] [--twiml]`
// Calls the hotline of a RUNNING server as Twilio would: real HTTP requests to --url, signed with the
// deployment's key (TWILIO_AUTH_TOKEN, or the local key kept in the database) against PUBLIC_BASE_URL,
// which is the URL the server checks signatures with. Prints what the caller hears and presses, each
// dial and routing decision, optionally the TwiML, and a summary read from the call's record.
import "dotenv/config";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../server/config.js";
import type { CallOutcome, SimulationStep } from "../server/contract/hotline/simulator.js";
import { DEMO_CALLER, DEMO_HOTLINE, demoCallers } from "../server/hotline/simulator/demo-numbers.js";
import { callOutcome, maskNumbers } from "../server/hotline/simulator/report.js";
import type { ScenarioPlan } from "../server/hotline/simulator/scenario.js";
import { runScenario, ScenarioError } from "../server/hotline/simulator/scenario-run.js";
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
               hai vòng rồi bấm 1 để được gọi lại); hết phím thì chờ tiếp, mỗi vòng 1 giây, tối đa 30 vòng

Nhiều cuộc gọi cùng lúc, theo thời gian thực (mở trang "Bảng theo dõi trực tiếp" để xem bảng đầy lên rồi vơi đi):
  npm run call:simulate -- --callers 6 --agency VPDKDD --digits 2,1 --staff 2 --answer-after 3 --talk 20 --press-1 1 --hang-up 1

  --callers       số người gọi (1-50), đến lần lượt cách nhau --spacing giây, bấm --digits để đến cơ quan
  --agency        mã cơ quan mà --digits dẫn tới (bắt buộc khi có --callers)
  --staff         số cán bộ của cơ quan được chuyển sang "sẵn sàng" cho lần chạy (mặc định 1); cán bộ khác giữ nguyên
  --answer-after  số giây đổ chuông trước khi cán bộ nghe (mặc định 3); có thể cho từng cán bộ: 3,5
  --talk          số giây cán bộ nói chuyện (mặc định 20); có thể cho từng cán bộ: 20,40
  --press-1       số người gọi (đến sau cùng) bấm 1 để được gọi lại khi đang chờ (mặc định 0)
  --hang-up       số người gọi (đến sau cùng) gác máy khi đang chờ (mặc định 0)
  --decide-after  số giây chờ trước khi những người đó bấm 1 hoặc gác máy (mặc định 10)
  --turn          số giây mỗi vòng chờ (mặc định 2)
  --spacing       số giây giữa hai người gọi đến (mặc định: thời gian đổ chuông dài nhất + 1); người đến khi
                  cán bộ còn đang đổ chuông cho cuộc trước có thể được đổ chuông vào cán bộ đó, và cán bộ không nghe`;

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
      callers: { type: "string" },
      agency: { type: "string" },
      staff: { type: "string", default: "1" },
      "answer-after": { type: "string", default: "3" },
      talk: { type: "string", default: "20" },
      "press-1": { type: "string", default: "0" },
      "hang-up": { type: "string", default: "0" },
      "decide-after": { type: "string", default: "10" },
      turn: { type: "string", default: "2" },
      spacing: { type: "string" },
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

const plan = args.callers === undefined ? null : scenarioPlan();

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

  if (plan) {
    const ok = await runMany(plan, transport, key);
    await db?.$disconnect();
    process.exit(ok ? 0 : 1);
  }

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

/** The scenario's options, checked: a clear message naming the option and exit 1 on a bad value. */
function scenarioPlan(): ScenarioPlan {
  const whole = (name: keyof typeof args, min: number, max: number): number => {
    const raw = String(args[name]);
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < min || n > max) fail(`--${name}: phải là số nguyên từ ${min} đến ${max} (nhận "${raw}")\n\n${USAGE}`);
    return n;
  };
  const seconds = (name: keyof typeof args, min: number, max: number): number[] => {
    const raw = String(args[name]);
    const values = raw.split(",").map((v) => v.trim());
    if (values.some((v) => !/^\d+(\.\d+)?$/.test(v) || Number(v) < min || Number(v) > max)) {
      fail(`--${name}: phải là số giây từ ${min} đến ${max}, có thể nhiều số cách nhau bởi dấu phẩy (nhận "${raw}")\n\n${USAGE}`);
    }
    return values.map(Number);
  };
  const callers = whole("callers", 1, 50);
  if (!args.agency || !/^[A-Za-z0-9_-]{1,40}$/.test(args.agency))
    fail(`--agency: cần mã cơ quan mà --digits dẫn tới (vd. VPDKDD)\n\n${USAGE}`);
  if (digits.length === 0) fail(`--digits: cần các phím để đến cơ quan ${args.agency} (vd. 2,1)\n\n${USAGE}`);
  const pressOne = whole("press-1", 0, callers);
  const hangUp = whole("hang-up", 0, callers);
  if (pressOne + hangUp > callers) fail(`--press-1 và --hang-up: cộng lại không được quá số người gọi (${callers})\n\n${USAGE}`);
  const turn = seconds("turn", 0.5, 60)[0] as number;
  const answerAfter = seconds("answer-after", 0, 60);
  return {
    agencyCode: args.agency,
    menuKeys: digits,
    callers,
    staff: whole("staff", 1, 20),
    answerAfterSeconds: answerAfter,
    talkSeconds: seconds("talk", 1, 3600),
    pressOne,
    hangUp,
    decideAfterSeconds: seconds("decide-after", 1, 3600)[0] as number,
    turnSeconds: turn,
    // By default a caller arrives once the previous one's staff member has picked up (see the usage text).
    arrivalGapMs: args.spacing === undefined ? (Math.max(...answerAfter) + 1) * 1000 : (seconds("spacing", 0, 600)[0] as number) * 1000,
    maxWaitSeconds: 3600,
  };
}

async function runMany(plan: ScenarioPlan, transport: SimulatorTransport, key: string): Promise<boolean> {
  console.log(
    `${plan.callers} người gọi đến ${plan.agencyCode} (phím ${plan.menuKeys.join(", ")}), ${plan.staff} cán bộ sẵn sàng. ` +
      `Mở trang "Bảng theo dõi trực tiếp" để xem bảng đầy lên rồi vơi đi.\n`,
  );
  let result: Awaited<ReturnType<typeof runScenario>>;
  try {
    result = await runScenario(
      {
        db: database(),
        transport,
        signingKey: key,
        baseUrl: config.PUBLIC_BASE_URL,
        fromNumbers: demoCallers(plan.callers),
        // The running server caches who is available for up to 3 s.
        settleMs: 3500,
      },
      plan,
    );
  } catch (error) {
    if (error instanceof ScenarioError) fail(`Không chạy được: ${error.message}`);
    throw error;
  }
  const outcomes: Record<string, string> = {
    answered: "được nghe",
    callback: "yêu cầu gọi lại",
    abandoned: "gác máy khi chờ",
    "not-answered": "không ai nghe",
  };
  console.log("Người gọi");
  for (const c of result.callers) {
    const queue = c.queued ? `chờ ${c.waitedSeconds} giây, nghe vị trí số ${c.positionHeard ?? "?"}` : "không phải chờ";
    const who = c.answeredBy ? ` (${c.answeredBy}, thứ ${c.connectionOrder})` : "";
    const survey = c.reachedSurvey ? ", đến khảo sát" : "";
    console.log(`  ${c.caller}. ${queue}; ${outcomes[c.outcome]}${who}${survey}${c.error ? `; lỗi: ${c.error}` : ""}`);
  }
  console.log("Cán bộ");
  for (const s of result.staff) {
    console.log(`  ${s.name || "cán bộ khác"}: nghe ${s.answered} cuộc, ${s.talkedSeconds} giây; người gọi ${s.callers.join(", ") || "—"}`);
  }
  return result.callers.every((c) => c.error === null);
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
