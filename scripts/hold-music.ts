// Writes server/hotline/queues/audio/hold-music.wav: the hold music callers hear while they wait in a
// queue. An original, synthesized piece (this script is its score), dedicated to the public domain
// (CC0 1.0): no licence to track, nothing to attribute. Telephone quality on purpose: 8 kHz, mono,
// 16-bit PCM, which Twilio's <Play> takes as it is. Deterministic: running it again gives the same bytes.
//
//   npx tsx scripts/hold-music.ts
import { writeFileSync } from "node:fs";
import { holdMusicWav } from "../server/hotline/queues/hold-music-score.js";

const target = new URL("../server/hotline/queues/audio/hold-music.wav", import.meta.url);
writeFileSync(target, holdMusicWav());
console.log(`wrote ${target.pathname}`);
