// `npm run env:example`: rewrites .env.example from the variables declared in server/config.ts.
import { writeFileSync } from "node:fs";
import { renderEnvExample } from "../server/config.js";

writeFileSync(new URL("../.env.example", import.meta.url), renderEnvExample());
