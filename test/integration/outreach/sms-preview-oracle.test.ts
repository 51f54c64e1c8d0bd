// Acceptance: for 1,000 generated strings of Vietnamese and ASCII text, POST /api/sms/preview agrees
// with Twilio's published segment calculator (npm sms-segments-calculator) on encoding and parts.
import { SegmentedMessage } from "sms-segments-calculator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countSegments } from "../../../server/messaging/segments.js";
import { seedSmallProvince, startTestApp, type TestApp } from "../../helpers/app.js";
import { addCampaignStaff } from "../../helpers/campaigns.js";

let t: TestApp;
let cookie: string;

beforeAll(async () => {
  t = await startTestApp();
  const { agencies } = await seedSmallProvince(t.db);
  cookie = (await addCampaignStaff(t.db, t.app, agencies.province.id)).cookies.manager;
});
afterAll(() => t?.close());

/** mulberry32: a small seeded PRNG, so a failure can be replayed. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const VIETNAMESE = [
  "Phường",
  "Quy",
  "Nhơn",
  "đăng",
  "ký",
  "tài",
  "khoản",
  "định",
  "danh",
  "điện",
  "tử",
  "thủ",
  "tục",
  "hành",
  "chính",
  "dịch",
  "vụ",
  "công",
  "trực",
  "tuyến",
  "Sở",
  "Tư",
  "pháp",
  "hướng",
  "dẫn",
  "nộp",
  "hồ",
  "sơ",
  "xã",
  "Ia",
  "Grai",
  "Đắk",
  "Pơ",
  "Kông",
  "Chư",
  "Sê",
  "Nguyễn",
  "Văn",
  "Ân",
  "Ưng",
  "ƯỚC",
  "mơ",
  "bạn",
  "người",
  "dân",
  "Đoàn",
  "thanh",
  "niên",
];
const ASCII = [
  "Moi",
  "ban",
  "truy",
  "cap",
  "dichvucong.gov.vn",
  "Hotline",
  "1022",
  "OTP",
  "ho so",
  "Gia Lai",
  "SMS",
  "TC",
  "QC",
  "http://gialai.gov.vn",
  "@",
  "#",
  "$",
  "%",
  "&",
  "_",
  "!",
  "?",
  "'",
  '"',
  "(",
  ")",
  "*",
  "+",
  ",",
  "-",
  ".",
  "/",
  ":",
  ";",
  "<",
  "=",
  ">",
];
const GSM_ACCENTED = ["é", "è", "à", "ù", "ì", "ò", "Ä", "Ö", "Ñ", "Ü", "ß", "Ø", "Å", "Æ", "Ç", "£", "¥", "§", "¿", "¡", "Δ", "Ω"];
const EXTENSION = ["^", "{", "}", "\\", "[", "~", "]", "|", "€", "{{ten}}", "{{ xa }}"];
const EMOJI = ["👍", "😀", "🎉", "📱", "✅", "❤️", "👍🏽", "🇻🇳", "👨‍👩‍👧", "☎"];
const OTHER = ["“", "”", "–", "…", "`", "\u00A0", "\n", "\r\n", "  "];

function generate(random: () => number, index: number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  // A third pure GSM-7 (ASCII, accented GSM letters, extension characters), the rest mixed.
  const flavour = index % 3;
  const target = Math.floor(random() * 501);
  const parts: string[] = [];
  let length = 0;
  while (length < target) {
    const roll = random();
    let piece: string;
    if (flavour === 0) piece = roll < 0.7 ? pick(ASCII) : roll < 0.85 ? pick(EXTENSION) : pick(GSM_ACCENTED);
    else if (roll < 0.45) piece = pick(VIETNAMESE);
    else if (roll < 0.75) piece = pick(ASCII);
    else if (roll < 0.83) piece = pick(EXTENSION);
    else if (roll < 0.9) piece = pick(EMOJI);
    else if (roll < 0.95) piece = pick(GSM_ACCENTED);
    else piece = pick(OTHER);
    parts.push(piece);
    length += piece.length + 1;
  }
  // Cut at a code point, never inside a surrogate pair.
  return Array.from(parts.join(" ")).slice(0, target).join("");
}

describe("POST /api/sms/preview against Twilio's segment calculator", () => {
  it("agrees on encoding and segment count for 1,000 generated strings", async () => {
    const random = prng(20260701);
    const disagreements: { text: string; ours: unknown; twilio: unknown }[] = [];
    const seen = { "GSM-7": 0, "UCS-2": 0, multi: 0, empty: 0 };
    for (let i = 0; i < 1000; i++) {
      const text = generate(random, i);
      const twilio = new SegmentedMessage(text);
      const expected = { encoding: twilio.encodingName, segments: twilio.segmentsCount };
      let ours: { encoding: string; segments: number; characters: number };
      if (text.length === 0) {
        // The API refuses an empty body; the counting function still agrees with the oracle.
        const refused = await t.app.inject({ method: "POST", url: "/api/sms/preview", headers: { cookie }, payload: { body: text } });
        expect(refused.statusCode).toBe(400);
        ours = countSegments(text);
        seen.empty++;
      } else {
        const response = await t.app.inject({ method: "POST", url: "/api/sms/preview", headers: { cookie }, payload: { body: text } });
        expect(response.statusCode, response.body).toBe(200);
        ours = response.json();
      }
      seen[expected.encoding]++;
      if (expected.segments > 1) seen.multi++;
      // In GSM-7 both count septets. In UCS-2 the calculator counts graphemes and we count UTF-16
      // units (what a part holds), so only GSM-7 character counts are compared.
      const charactersDiffer = expected.encoding === "GSM-7" && ours.characters !== twilio.numberOfCharacters;
      if (ours.encoding !== expected.encoding || ours.segments !== expected.segments || charactersDiffer) {
        disagreements.push({
          text,
          ours: { encoding: ours.encoding, segments: ours.segments, characters: ours.characters },
          twilio: expected,
        });
      }
    }
    expect(disagreements).toEqual([]);
    // The generator covers what it claims to.
    expect(seen["GSM-7"]).toBeGreaterThan(250);
    expect(seen["UCS-2"]).toBeGreaterThan(250);
    expect(seen.multi).toBeGreaterThan(500);
  }, 120_000);
});
