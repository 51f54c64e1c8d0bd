// `npm run call:simulate` against the real server process over real HTTP: signed with the local key
// from the database against PUBLIC_BASE_URL (deliberately not the address it sends to), printing
// prompts, keys, dials and the summary; and a clear exit 1 when no server answers.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../../server/platform/db/client.js";
import { clearRedisPrefix, testConfig } from "../../helpers/app.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { seedDemo } from "../../helpers/demo.js";
import { openAllWeek } from "../../helpers/hours.js";
import { freePort, type Proc, ROOT, startEntry } from "../../helpers/processes.js";

let database: TestDatabase;
let server: Proc;
let url: string;
const prefix = `test-cli-${process.pid}`;
const redisUrl = testConfig().REDIS_URL;

const env = () => ({
  NODE_ENV: "test",
  LOG_LEVEL: "warn",
  DATABASE_URL: database.url,
  REDIS_PREFIX: prefix,
  PUBLIC_BASE_URL: "https://tongdai.example.gov.vn",
  TWILIO_AUTH_TOKEN: "",
});

function runCli(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", "call:simulate", "--", ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env() },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("exit", (code) => resolve({ code, output }));
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  seedDemo(database.url);
  const db = createDb(database.url);
  await openAllWeek(db);
  await db.$disconnect();
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  server = startEntry("server/server.ts", { ...env(), LOG_LEVEL: "info", PORT: String(port), HOST: "127.0.0.1" });
  await server.waitFor("Server listening");
}, 120_000);

afterAll(async () => {
  server?.child.kill("SIGTERM");
  await server?.exited().catch(() => {});
  await clearRedisPrefix(redisUrl, prefix);
  await database?.drop();
});

describe("npm run call:simulate", () => {
  it("calls the running server, prints the prompts, keys, dial and summary, and leaves a simulated call", async () => {
    const { code, output } = await runCli(["--digits", "1,1", "--url", url, "--twiml"]);
    expect(output).toContain("xin kính chào ông bà");
    expect(output).toContain("Người gọi bấm: 1");
    expect(output).toMatch(/Đổ chuông: \+84 \d\dx/);
    expect(output).toContain("Cán bộ: pressed 1 and answered");
    expect(output).toContain("Định tuyến: STP → dialing");
    expect(output).toMatch(/Cơ quan: .*\(STP\)/);
    expect(output).toContain("POST /twilio/voice/incoming → 200");
    expect(output).toContain("<Gather");
    expect(output).not.toMatch(/\+84\d{9}/);
    expect(code, output).toBe(0);

    const callId = Number(/Mã cuộc gọi: (\d+)/.exec(output)?.[1]);
    const db = createDb(database.url);
    try {
      const call = await db.call.findUniqueOrThrow({ where: { id: callId }, include: { agency: true } });
      expect(call).toMatchObject({ simulated: true, agency: { code: "STP" } });
      expect(call.flowVersionId).not.toBeNull();
    } finally {
      await db.$disconnect();
    }
  }, 60_000);

  it("takes the README's commune code ended with #", async () => {
    const { code, output } = await runCli(["--digits", "8,101#", "--no-answer", "--url", url]);
    expect(code, output).toBe(0);
    expect(output).not.toContain("Mã số này chưa đúng");
    expect(output).toContain("Định tuyến: P-QUYNHON → dialing");
  }, 60_000);

  it("exits 1 with a clear message when no server answers", async () => {
    const port = await freePort();
    const { code, output } = await runCli(["--digits", "1", "--url", `http://127.0.0.1:${port}`]);
    expect(code).toBe(1);
    expect(output).toContain(`Không kết nối được máy chủ tại http://127.0.0.1:${port}`);
  }, 30_000);

  it("refuses keys that are not phone keys", async () => {
    const { code, output } = await runCli(["--digits", "1,x", "--url", url]);
    expect(code).toBe(1);
    expect(output).toContain('"x" không phải phím điện thoại');
  }, 30_000);

  it("refuses bad options of a scenario of many calls with a message naming the option", async () => {
    const cases: [string[], string][] = [
      [["--callers", "0", "--agency", "STP", "--digits", "1,1"], "--callers: phải là số nguyên từ 1 đến 50"],
      [["--callers", "abc", "--agency", "STP", "--digits", "1,1"], "--callers: phải là số nguyên từ 1 đến 50"],
      [["--callers", "3", "--digits", "1,1"], "--agency: cần mã cơ quan"],
      [["--callers", "3", "--agency", "STP"], "--digits: cần các phím để đến cơ quan STP"],
      [["--callers", "3", "--agency", "STP", "--digits", "1,1", "--staff", "0"], "--staff: phải là số nguyên từ 1 đến 20"],
      [["--callers", "3", "--agency", "STP", "--digits", "1,1", "--answer-after", "3,x"], "--answer-after: phải là số giây"],
      [["--callers", "3", "--agency", "STP", "--digits", "1,1", "--talk", "0"], "--talk: phải là số giây"],
      [
        ["--callers", "3", "--agency", "STP", "--digits", "1,1", "--press-1", "2", "--hang-up", "2"],
        "cộng lại không được quá số người gọi (3)",
      ],
      [["--callers", "3", "--agency", "STP", "--digits", "1,1", "--turn", "0"], "--turn: phải là số giây"],
    ];
    for (const [args, message] of cases) {
      const { code, output } = await runCli([...args, "--url", url]);
      expect(output, args.join(" ")).toContain(message);
      expect(output).toContain("Cách dùng");
      expect(code, args.join(" ")).toBe(1);
    }
  }, 120_000);

  it("runs many calls at once against the running server: one answered, one queued then answered, one hanging up while waiting", async () => {
    const db = createDb(database.url);
    try {
      const agency = await db.agency.update({
        where: { code: "STP" },
        data: { wrapUpSeconds: 0, queueMaxLength: 10, queueMaxWaitSeconds: 900 },
      });
      await db.user.updateMany({ where: { agencyId: agency.id }, data: { presence: "offline" } });
      const args = ["--callers", "3", "--agency", "STP", "--digits", "1,1", "--staff", "1", "--answer-after", "0"];
      const timing = ["--talk", "2", "--hang-up", "1", "--decide-after", "1", "--turn", "0.5", "--spacing", "0.5"];
      const { code, output } = await runCli([...args, ...timing, "--url", url]);
      expect(output).toContain("Bảng theo dõi trực tiếp");
      expect(output).toMatch(/ {2}1\. không phải chờ; được nghe \(.+, thứ 1\), đến khảo sát/);
      expect(output).toMatch(/ {2}2\. chờ [\d.]+ giây, nghe vị trí số 1; được nghe \(.+, thứ 2\), đến khảo sát/);
      expect(output).toMatch(/ {2}3\. chờ [\d.]+ giây, nghe vị trí số 2; gác máy khi chờ/);
      expect(output).toMatch(/: nghe 2 cuộc, 4 giây; người gọi 1, 2/);
      expect(output).not.toMatch(/\+84\d{9}/);
      expect(code, output).toBe(0);
      const calls = await db.call.findMany({ where: { simulated: true, queueOutcome: { not: null } } });
      expect(calls.map((c) => c.queueOutcome).sort()).toEqual(["abandoned", "answered"]);
    } finally {
      await db.$disconnect();
    }
  }, 90_000);
});
