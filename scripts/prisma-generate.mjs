// Runs `prisma generate` after install. Generating the client needs no schema engine, but the CLI
// insists that one exists; where none could be downloaded, point it at any existing file.
import { spawnSync } from "node:child_process";
import { schemaEngineAvailable } from "./prisma-engine.mjs";

const env = { ...process.env };
if (!schemaEngineAvailable()) env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
const run = spawnSync("npx", ["prisma", "generate"], { stdio: "inherit", env });
process.exit(run.status ?? 1);
