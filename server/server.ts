// Entry point of the HTTP process: API, Twilio webhooks and the console.
import "dotenv/config";
import { buildApp } from "./app.js";
import { loadConfigOrExit } from "./config.js";
import { onShutdown } from "./platform/lifecycle.js";

const config = loadConfigOrExit();
const app = await buildApp(config);
onShutdown(app.log, () => app.close());
await app.listen({ port: config.PORT, host: config.HOST });
