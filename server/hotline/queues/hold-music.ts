// Serves the shipped hold music (audio/hold-music.wav, original and CC0) at a public path: Twilio
// fetches <Play> URLs with a plain GET, unsigned, and caches them. Agencies may set their own URL.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyPluginAsync } from "fastify";

export const HOLD_MUSIC_PATH = "/audio/hold-music.wav";

/** Beside this file in the sources; from the compiled dist/ the sources are still in the image. */
function holdMusicFile(): string {
  const beside = fileURLToPath(new URL("./audio/hold-music.wav", import.meta.url));
  return existsSync(beside) ? beside : resolve(process.cwd(), "server/hotline/queues/audio/hold-music.wav");
}

export const holdMusicRoute: FastifyPluginAsync = async (fastify) => {
  const audio = readFileSync(holdMusicFile());
  fastify.get(HOLD_MUSIC_PATH, async (_request, reply) =>
    reply.type("audio/wav").header("cache-control", "public, max-age=86400").send(audio),
  );
};
