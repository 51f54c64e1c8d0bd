import { describe, expect, it } from "vitest";
import {
  renderAccepted,
  renderApology,
  renderDeclined,
  renderTwiml,
  renderWhisper,
  type TwimlUrls,
} from "../../../../server/hotline/ivr/twiml.js";
import type { Action } from "../../../../server/hotline/ivr/types.js";
import { parseXml, verbs } from "../../../../server/hotline/simulator/xml.js";
import { call, press, province, shippedBundle } from "./helpers.js";

const urls: TwimlUrls = {
  gather: "https://tongdai.example.vn/twilio/voice/gather?call=7&step=2",
  dialAction: "https://tongdai.example.vn/twilio/voice/dial",
  whisper: (staffId) => `https://tongdai.example.vn/twilio/voice/whisper/${staffId}`,
  clientAnswered: (staffId) => `https://tongdai.example.vn/twilio/voice/client-answered/${staffId}`,
  recordAction: "https://tongdai.example.vn/twilio/voice/recorded",
  recordingStatus: "https://tongdai.example.vn/twilio/recordings",
  queueWait: "https://tongdai.example.vn/twilio/voice/queue/wait?s=5",
  holdMusic: "https://tongdai.example.vn/audio/hold-music.wav",
};
const vi = { voice: "Google.vi-VN-Standard-A", language: "vi-VN" };

describe("renderTwiml", () => {
  it("renders a turn of the wait loop: announcements and hold music inside a one-key Gather, then the next turn", () => {
    const actions: Action[] = [{ type: "queue-wait", prompts: [{ say: "Ông bà đang ở vị trí số 2.", ...vi }], holdMusicUrl: null }];
    const response = parseXml(renderTwiml(actions, urls));
    const [gather, redirect] = response.children;
    expect(gather).toMatchObject({ name: "Gather", attributes: { action: urls.queueWait, numDigits: "1", timeout: "1", input: "dtmf" } });
    expect(gather?.children.map((c) => [c.name, c.text])).toEqual([
      ["Say", "Ông bà đang ở vị trí số 2."],
      ["Play", urls.holdMusic],
    ]);
    expect(redirect).toMatchObject({ name: "Redirect", text: urls.queueWait });
    const own = parseXml(renderTwiml([{ type: "queue-wait", prompts: [], holdMusicUrl: "https://cdn.example.vn/cho.mp3" }], urls));
    expect(own.children[0]?.children.map((c) => c.text)).toEqual(["https://cdn.example.vn/cho.mp3"]);
    expect(parseXml(renderTwiml([{ type: "queue-next" }], urls)).children).toMatchObject([{ name: "Redirect", text: urls.queueWait }]);
  });

  it("renders a menu as a DTMF Gather that also posts silence, with the prompts nested", () => {
    const actions: Action[] = [
      { type: "say", prompt: { say: "Xin chào & kính chào", ...vi } },
      {
        type: "gather",
        prompts: [{ say: "Bấm phím 1.", ...vi }, { play: "https://cdn.example.vn/menu.mp3" }],
        timeoutSeconds: 6,
        numDigits: 1,
        finishOnKey: "",
        language: "vi-VN",
      },
    ];
    const response = parseXml(renderTwiml(actions, urls));
    expect(response.name).toBe("Response");
    expect(verbs(response)).toEqual(["Say", "Gather", "Redirect"]);
    const [say, gather, redirect] = response.children;
    expect(say).toMatchObject({ attributes: vi, text: "Xin chào & kính chào" });
    expect(gather?.attributes).toEqual({
      input: "dtmf",
      action: urls.gather,
      method: "POST",
      actionOnEmptyResult: "true",
      timeout: "6",
      numDigits: "1",
      finishOnKey: "",
      language: "vi-VN",
    });
    expect(gather?.children.map((c) => [c.name, c.attributes, c.text])).toEqual([
      ["Say", vi, "Bấm phím 1."],
      ["Play", {}, "https://cdn.example.vn/menu.mp3"],
    ]);
    expect(redirect).toMatchObject({ attributes: { method: "POST" }, text: urls.gather });
  });

  it("renders a dial with recording, answer on bridge and a whisper on every phone and the softphone taking the call at once", () => {
    const actions: Action[] = [
      {
        type: "dial",
        agencyId: 3,
        topic: "hộ tịch",
        topicId: "ho_tich",
        targets: [
          { staffId: 11, phone: "+84905000011" },
          { staffId: 12, phone: "+84905000012", clientIdentity: "staff-12" },
        ],
        timeoutSeconds: 25,
        record: true,
      },
    ];
    const response = parseXml(renderTwiml(actions, urls));
    expect(verbs(response)).toEqual(["Dial"]);
    const dial = response.children[0];
    expect(dial?.attributes).toEqual({
      action: urls.dialAction,
      method: "POST",
      timeout: "25",
      answerOnBridge: "true",
      record: "record-from-answer-dual",
      recordingStatusCallback: urls.recordingStatus,
    });
    expect(dial?.children.map((c) => [c.name, c.attributes.url, c.text])).toEqual([
      ["Number", urls.whisper(11), "+84905000011"],
      ["Client", urls.clientAnswered(12), "staff-12"],
      ["Number", urls.whisper(12), "+84905000012"],
    ]);
  });

  it("renders voicemail as Say, Record and a Redirect for empty recordings, and the end as Hangup", () => {
    const response = parseXml(
      renderTwiml(
        [{ type: "say", prompt: { say: "Để lại lời nhắn.", ...vi } }, { type: "record", maxLengthSeconds: 120 }, { type: "hangup" }],
        urls,
      ),
    );
    expect(verbs(response)).toEqual(["Say", "Record", "Redirect", "Hangup"]);
    expect(response.children[1]?.attributes).toEqual({
      action: urls.recordAction,
      method: "POST",
      maxLength: "120",
      playBeep: "true",
      finishOnKey: "#",
      recordingStatusCallback: urls.recordingStatus,
    });
    expect(response.children[2]?.text).toBe(urls.recordAction);
  });

  it("renders every step of a real call to well-formed TwiML", () => {
    const p = province();
    const c = call(shippedBundle(), p.env);
    for (const event of [{ type: "start" } as const, press("1"), press("2")]) {
      const response = parseXml(renderTwiml(c.send(event).actions, urls));
      expect(response.children.length).toBeGreaterThan(0);
    }
    expect(c.state?.waiting).toBe("dial");
  });
});

describe("whisper and helpers", () => {
  it("asks the staff member to press 1, and hangs up their leg without a key", () => {
    const response = parseXml(renderWhisper("hộ tịch", "https://tongdai.example.vn/twilio/voice/accept/11"));
    expect(verbs(response)).toEqual(["Gather", "Hangup"]);
    const gather = response.children[0];
    expect(gather?.attributes).toMatchObject({
      input: "dtmf",
      numDigits: "1",
      action: "https://tongdai.example.vn/twilio/voice/accept/11",
    });
    expect(gather?.children[0]).toMatchObject({
      name: "Say",
      attributes: vi,
      text: "Cuộc gọi từ Tổng đài TTHC về hộ tịch, nhấn phím 1 để nhận cuộc gọi.",
    });
    expect(parseXml(renderWhisper("", "https://x.example.vn/a")).children[0]?.children[0]?.text).toBe(
      "Cuộc gọi từ Tổng đài TTHC, nhấn phím 1 để nhận cuộc gọi.",
    );
  });

  it("accepts, declines and apologises", () => {
    expect(verbs(parseXml(renderAccepted()))).toEqual(["Say"]);
    expect(verbs(parseXml(renderDeclined()))).toEqual(["Hangup"]);
    const apology = parseXml(renderApology());
    expect(verbs(apology)).toEqual(["Say", "Hangup"]);
    expect(apology.children[0]?.attributes).toEqual(vi);
  });
});
