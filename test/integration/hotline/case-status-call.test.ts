// Case status by phone, through the real app: signed Twilio webhooks that follow each TwiML answer
// (parsed, not matched as text), the demo seed with its shipped flow, and a case row in the database.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { vietnamClock } from "../../../server/clock/vietnam-time.js";
import { formatCaseCode, keyedDigits } from "../../../server/hotline/cases/code.js";
import { parseXml, type XmlElement } from "../../../server/hotline/simulator/xml.js";
import { startTestApp, type TestApp } from "../../helpers/app.js";
import { seedDemo } from "../../helpers/demo.js";
import { OPEN_ALL_WEEK, setProvinceHours } from "../../helpers/hours.js";
import { everyAgentAvailable } from "../../helpers/presence.js";
import { signedPost } from "../../helpers/twilio.js";

let t: TestApp;
const year = Number(vietnamClock(new Date()).date.slice(0, 4));

beforeAll(async () => {
  t = await startTestApp();
  seedDemo(t.config.DATABASE_URL);
}, 120_000);
afterAll(() => t.close());

beforeEach(async () => {
  await setProvinceHours(t.db, OPEN_ALL_WEEK, false);
  await everyAgentAvailable(t.db);
  t.app.callRouting.invalidate();
});

/** A case owned by `agency`, as the cases part would have written it. */
async function insertCase(
  sequence: number,
  agency: string,
  data: { state: "in_progress" | "answered"; dueDate: string; answeredAt?: Date },
) {
  const owner = await t.db.agency.findUniqueOrThrow({ where: { code: agency } });
  return t.db.case.create({
    data: {
      code: formatCaseCode(year, sequence),
      phone: "+84912345678",
      kind: "question",
      question: "Hồ sơ cấp giấy chứng nhận quyền sử dụng đất đến đâu rồi?",
      agencyId: owner.id,
      source: "manual",
      state: data.state,
      dueDate: new Date(data.dueDate),
      dueAt: new Date(`${data.dueDate}T17:00:00Z`),
      answeredAt: data.answeredAt ?? null,
    },
  });
}

/** Every <Say> of a TwiML answer, those inside <Gather> included, in order. */
function saysOf(element: XmlElement): string[] {
  return element.children.flatMap((child) => (child.name === "Say" ? [child.text] : saysOf(child)));
}

/** A call driven webhook by webhook, as Twilio would: each key goes to the action of the last <Gather>. */
async function startCall() {
  const callSid = `CA${crypto.randomUUID().replaceAll("-", "")}`;
  const base = { CallSid: callSid, AccountSid: `AC${"0".repeat(32)}`, From: "+84912345678", To: "+842563822478" };
  const post = async (url: string, params: Record<string, string>) => {
    const path = url.startsWith("http") ? url.slice(t.config.PUBLIC_BASE_URL.length) : url;
    const response = await signedPost(t.app, t.config, t.db, path, params);
    expect(response.status, response.body).toBe(200);
    return parseXml(response.body);
  };
  let twiml = await post("/twilio/voice/incoming", { ...base, CallStatus: "ringing", Simulated: "true" });
  return {
    callSid,
    get twiml() {
      return twiml;
    },
    gather: () => twiml.children.find((c) => c.name === "Gather"),
    /** Presses keys at the current <Gather> and returns what the caller hears next. */
    async press(digits: string) {
      const gather = twiml.children.find((c) => c.name === "Gather");
      if (!gather) throw new Error("the call is not waiting for keys");
      twiml = await post(gather.attributes.action ?? "", { ...base, CallStatus: "in-progress", Digits: digits });
      return saysOf(twiml);
    },
  };
}

const dialledStaff = (twiml: XmlElement) =>
  (twiml.children.find((c) => c.name === "Dial")?.children ?? [])
    .filter((c) => c.name === "Number")
    .map((n) => Number(new URL(n.attributes.url ?? "").searchParams.get("staff")));
const agentsOf = async (code: string) =>
  (await t.db.user.findMany({ where: { agency: { code }, roles: { has: "agent" }, active: true }, orderBy: { id: "asc" } })).map(
    (u) => u.id,
  );

describe("a signed scripted call", () => {
  it("keys the case code in the IVR and hears its state, then reaches the agency handling it", async () => {
    const kase = await insertCase(4821, "VPDKDD", { state: "in_progress", dueDate: `${year}-12-12` });
    const call = await startCall();
    expect(saysOf(call.twiml).join(" ")).toContain("Tra cứu phiếu, bấm phím 7.");

    const asked = await call.press("7");
    expect(asked).toEqual(["Xin ông bà bấm mã số phiếu, là các chữ số sau chữ GL trong tin nhắn, rồi bấm phím thăng."]);
    expect(call.gather()?.attributes).toMatchObject({ numDigits: "13", finishOnKey: "#" });

    const heard = await call.press(keyedDigits(kase.code));
    const digits = [...String(year)].join(" ");
    expect(heard[0]).toBe(`Phiếu số ${digits}, 0 0 4 8 2 1 đang được xử lý. Thời gian trả lời, ngày 12 tháng 12 năm ${year}.`);
    expect(heard[1]).toContain("Gặp đơn vị đang xử lý phiếu, bấm phím 1.");

    await call.press("1");
    expect(dialledStaff(call.twiml)).toEqual(await agentsOf("VPDKDD"));
    const row = await t.db.call.findUniqueOrThrow({
      where: { callSid: call.callSid },
      include: { agency: true, events: { orderBy: { id: "asc" } } },
    });
    expect(row).toMatchObject({ topic: "tra cứu phiếu", agency: { code: "VPDKDD" } });
    const effects = row.events.flatMap((e) => (e.data as { effects?: { type: string }[] }).effects ?? []);
    expect(effects).toContainEqual({
      type: "status-found",
      lookup: "case_status",
      reference: kase.code,
      stateLabel: "đang được xử lý",
      agencyCode: "VPDKDD",
    });
  });

  it("hears the day an answered case was answered, keyed by its number alone (this year's)", async () => {
    await insertCase(4822, "STP", { state: "answered", dueDate: `${year}-12-20`, answeredAt: new Date(`${year}-12-03T02:00:00Z`) });
    const call = await startCall();
    await call.press("7");
    const heard = await call.press("4822");
    expect(heard[0]).toContain("0 0 4 8 2 2 đã được trả lời. Thời gian trả lời, ngày 3 tháng 12 năm");
  });

  it("with a wrong code is asked again, and after a second wrong code is routed to a person", async () => {
    await insertCase(4823, "VPDKDD", { state: "in_progress", dueDate: `${year}-12-12` });
    const call = await startCall();
    await call.press("7");
    const again = await call.press("2026999999");
    expect(again).toEqual([
      "Không tìm thấy phiếu có mã số này.",
      "Xin ông bà bấm mã số phiếu, là các chữ số sau chữ GL trong tin nhắn, rồi bấm phím thăng.",
    ]);
    const routed = await call.press("12");
    expect(routed).toEqual(["Xin ông bà vui lòng chờ trong giây lát."]);
    expect(dialledStaff(call.twiml)).toEqual(await agentsOf("TTPVHCC-TD"));
    const row = await t.db.call.findUniqueOrThrow({ where: { callSid: call.callSid }, include: { agency: true } });
    expect(row.agency?.code).toBe("TTPVHCC-TD");
  });
});
