import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { expectedWaitSeconds } from "../../../../server/hotline/queues/expected-wait.js";
import { holdMusicWav } from "../../../../server/hotline/queues/hold-music-score.js";

const now = new Date("2026-12-01T03:00:00Z");
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

describe("expected wait", () => {
  it("is the caller's position times the recent pace of answers from the queue", () => {
    // Answers every 2 minutes: the third in line waits about 6 minutes.
    const answers = [10, 8, 6, 4, 2].map(ago);
    expect(expectedWaitSeconds(3, answers, now)).toBe(360);
    expect(expectedWaitSeconds(1, answers, now)).toBe(120);
  });

  it("says nothing with fewer than five recent answers, or with only old ones", () => {
    expect(expectedWaitSeconds(2, [8, 6, 4, 2].map(ago), now)).toBeNull();
    expect(expectedWaitSeconds(2, [200, 190, 180, 170, 160, 150].map(ago), now)).toBeNull();
  });

  it("leaves idle spells out of the pace: a quiet hour between answers is not the speed of the line", () => {
    const answers = [58, 57, 56, 15, 14, 13].map(ago);
    expect(expectedWaitSeconds(2, answers, now)).toBe(120);
  });
});

describe("the shipped hold music", () => {
  it("is the score's rendering: 8 kHz mono 16-bit PCM, about 24 seconds", () => {
    const shipped = readFileSync(new URL("../../../../server/hotline/queues/audio/hold-music.wav", import.meta.url));
    expect(shipped.equals(holdMusicWav())).toBe(true);
    expect(shipped.readUInt32LE(24)).toBe(8000);
    expect(shipped.readUInt16LE(22)).toBe(1);
    expect(shipped.readUInt16LE(34)).toBe(16);
    expect(shipped.readUInt32LE(40) / 16000).toBe(24);
  });
});
