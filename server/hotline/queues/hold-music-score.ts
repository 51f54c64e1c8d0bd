// The score of the shipped hold music (scripts/hold-music.ts writes it to audio/hold-music.wav): a slow,
// gentle arpeggio in a major pentatonic scale over four chords, soft sine tones with a bell-like decay,
// 24 seconds that loop without a click. Original and CC0. Pure, so a test can check the shipped file
// is this score.

const RATE = 8000;
const BEAT_SECONDS = 0.5;
/** C major pentatonic around middle C, semitones from C4. */
const CHORDS: number[][] = [
  [0, 4, 7, 12], // C
  [-3, 0, 4, 9], // A minor
  [-7, -3, 0, 5], // F (as F-A-C with a D colour)
  [-5, -1, 2, 7], // G
];
const PATTERN = [0, 1, 2, 3, 2, 1];
const BARS = 8;

const frequency = (semitones: number) => 261.63 * 2 ** (semitones / 12);

/** The samples, -1…1. */
export function holdMusicSamples(): Float32Array {
  const beats = BARS * PATTERN.length;
  const total = Math.round(beats * BEAT_SECONDS * RATE);
  const out = new Float32Array(total);
  for (let beat = 0; beat < beats; beat++) {
    const chord = CHORDS[Math.floor(beat / PATTERN.length) % CHORDS.length] as number[];
    const note = chord[PATTERN[beat % PATTERN.length] as number] as number;
    const f = frequency(note);
    const start = Math.round(beat * BEAT_SECONDS * RATE);
    // Each note rings for two beats, fading: notes overlap like a soft piano with the pedal down.
    const length = Math.round(2 * BEAT_SECONDS * RATE);
    for (let i = 0; i < length; i++) {
      const t = i / RATE;
      const envelope = Math.min(1, t / 0.02) * Math.exp(-2.2 * t);
      const tone = Math.sin(2 * Math.PI * f * t) + 0.25 * Math.sin(4 * Math.PI * f * t);
      const at = (start + i) % total;
      out[at] = (out[at] ?? 0) + 0.22 * envelope * tone;
    }
    // A low root note at the start of each chord, quieter.
    if (beat % PATTERN.length === 0) {
      const root = frequency((chord[0] as number) - 12);
      const rootLength = Math.round(PATTERN.length * BEAT_SECONDS * RATE);
      for (let i = 0; i < rootLength; i++) {
        const t = i / RATE;
        const at = (start + i) % total;
        out[at] = (out[at] ?? 0) + 0.16 * Math.min(1, t / 0.05) * Math.exp(-0.9 * t) * Math.sin(2 * Math.PI * root * t);
      }
    }
  }
  return out;
}

/** A RIFF WAVE file: 8 kHz, mono, 16-bit little-endian PCM. */
export function holdMusicWav(): Buffer {
  const samples = holdMusicSamples();
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((sample, i) => {
    data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, sample)) * 32767), i * 2);
  });
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVE", 8, "ascii");
  header.write("fmt ", 12, "ascii");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36, "ascii");
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
