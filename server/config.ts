import { isIP } from "node:net";
import { SMS_PROVIDER_NAMES } from "./contract/sms-providers.js";

// Configuration is read once at start from the environment and validated into one typed object.
// Every variable is declared here with its default and meaning; .env.example is checked against
// this list by a test, so the two cannot drift apart.

type Parser<T> = (raw: string) => T;

interface Variable<T> {
  /** What the variable is for, shown in .env.example and in error messages. */
  doc: string;
  /** Used when the variable is unset or empty; undefined makes it required. */
  default?: string;
  /** May stay unset (the value is then undefined). */
  optional?: boolean;
  parse: Parser<T>;
}

class InvalidValue extends Error {}

/** PRIVACY_HASH_KEY's development value: anyone can read it here, so production refuses it. */
export const DEVELOPMENT_PRIVACY_HASH_KEY = "development-only-privacy-hash-key-not-secret";

const text: Parser<string> = (raw) => raw;

const integer =
  (min: number, max: number): Parser<number> =>
  (raw) => {
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < min || n > max) {
      throw new InvalidValue(`must be a whole number from ${min} to ${max}`);
    }
    return n;
  };

const url =
  (...protocols: string[]): Parser<string> =>
  (raw) => {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new InvalidValue("must be a URL");
    }
    if (!protocols.includes(parsed.protocol)) {
      throw new InvalidValue(`must be a URL starting with ${protocols.map((p) => `${p}//`).join(" or ")}`);
    }
    return raw.replace(/\/+$/, "");
  };

const fraction: Parser<number> = (raw) => {
  const n = Number(raw);
  if (!/^(0(\.\d+)?|1(\.0+)?)$/.test(raw) || n < 0 || n > 1) throw new InvalidValue("must be a number from 0 to 1");
  return n;
};

/** proxy-addr's names for whole ranges, which fastify's trustProxy accepts next to addresses and CIDRs. */
const ADDRESS_RANGE_NAMES = ["loopback", "linklocal", "uniquelocal"];

function isAddressOrCidr(entry: string): boolean {
  if (ADDRESS_RANGE_NAMES.includes(entry)) return true;
  const [address = "", prefix, ...rest] = entry.split("/");
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

const commaList: Parser<string[]> = (raw) =>
  raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

const addressList: Parser<string[]> = (raw) => {
  const entries = commaList(raw);
  const wrong = entries.filter((entry) => !isAddressOrCidr(entry));
  if (wrong.length > 0) {
    throw new InvalidValue(`must list IP addresses or CIDRs (or loopback, linklocal, uniquelocal); not: ${wrong.join(", ")}`);
  }
  return entries;
};

const hostList: Parser<string[]> = (raw) => {
  const entries = commaList(raw).map((entry) => entry.toLowerCase());
  const wrong = entries.filter((entry) => !/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(entry));
  if (wrong.length > 0) throw new InvalidValue(`must list host names (dichvucong.gov.vn); not: ${wrong.join(", ")}`);
  return entries;
};

const oneOf =
  <const T extends string>(...values: T[]): Parser<T> =>
  (raw) => {
    if (!(values as string[]).includes(raw)) throw new InvalidValue(`must be one of ${values.join(", ")}`);
    return raw as T;
  };

const pattern =
  (re: RegExp, what: string): Parser<string> =>
  (raw) => {
    if (!re.test(raw)) throw new InvalidValue(`must be ${what}`);
    return raw;
  };

export const variables = {
  NODE_ENV: {
    doc: "development, test or production. Production requires ADMIN_PASSWORD for the seed and marks cookies Secure behind HTTPS.",
    default: "development",
    parse: oneOf("development", "test", "production"),
  },
  PORT: { doc: "HTTP port of the server (API, Twilio webhooks and the console at /admin).", default: "3000", parse: integer(1, 65535) },
  HOST: { doc: "Address the HTTP server binds to.", default: "0.0.0.0", parse: text },
  PUBLIC_BASE_URL: {
    doc: "The URL the outside world (Twilio, browsers) uses to reach this server; webhook signatures are checked against it.",
    default: "http://localhost:3000",
    parse: url("http:", "https:"),
  },
  TRUST_PROXY: {
    doc: "Comma-separated addresses or CIDRs of the reverse proxies in front of the server (e.g. 172.18.0.0/16); X-Forwarded-For/-Proto/-Host are believed only from them. Empty: no proxy, the client is the TCP peer and forwarded headers are ignored.",
    default: "",
    parse: addressList,
  },
  DATABASE_URL: {
    doc: "PostgreSQL connection URL.",
    default: "postgresql://postgres@127.0.0.1:5432/tthc",
    parse: url("postgresql:", "postgres:"),
  },
  DATABASE_POOL_SIZE: {
    doc: "PostgreSQL connections each process (server or worker) keeps at most. A call step holds one for a few milliseconds; keep servers × this below PostgreSQL's max_connections.",
    default: "10",
    parse: integer(1, 500),
  },
  DATABASE_STATEMENT_TIMEOUT_MS: {
    doc: "Longest any one SQL statement may run before PostgreSQL cancels it (0: no limit). Must exceed the slowest legitimate statement, such as a large campaign's audience snapshot at launch.",
    default: "120000",
    parse: integer(0, 86_400_000),
  },
  DATABASE_LOCK_TIMEOUT_MS: {
    doc: "Longest a statement waits for a row or advisory lock before failing (0: no limit).",
    default: "10000",
    parse: integer(0, 86_400_000),
  },
  VOICE_STEP_BUDGET_MS: {
    doc: "Time a voice webhook may spend on the database (waiting for the call, a connection, locks and queries) before it answers the degraded TwiML instead (busy message, then the operators or a voicemail). Twilio gives up after 15 s; a caller should not wait 2 s.",
    default: "1500",
    parse: integer(100, 14_000),
  },
  VOICE_MAX_CONCURRENT_STEPS: {
    doc: "Voice webhooks that may work on the database at once in a process; the others wait in arrival order, and one that could not finish within VOICE_STEP_BUDGET_MS is answered the degraded TwiML at once. About DATABASE_POOL_SIZE: more only makes every step slower.",
    default: "10",
    parse: integer(1, 1000),
  },
  REDIS_URL: {
    doc: "Redis connection URL (BullMQ queues, login rate limits).",
    default: "redis://127.0.0.1:6379",
    parse: url("redis:", "rediss:"),
  },
  REDIS_PREFIX: {
    doc: "Prefix of every Redis key this deployment writes, so several deployments (or test files) can share one Redis.",
    default: "tthc",
    parse: pattern(/^[A-Za-z0-9_-]{1,64}$/, "1 to 64 letters, digits, - or _ (no colon: BullMQ reserves it)"),
  },
  LOG_LEVEL: { doc: "pino log level.", default: "info", parse: oneOf("fatal", "error", "warn", "info", "debug", "trace", "silent") },
  SERVICE_LEVEL_SECONDS: {
    doc: "Service level of the live board and the reports: the share of calls offered to an agency that were answered within this many seconds of waiting (queue plus ringing).",
    default: "20",
    parse: integer(1, 3600),
  },
  SESSION_TTL_HOURS: { doc: "How long a console session lasts without activity.", default: "12", parse: integer(1, 24 * 30) },
  LOGIN_MAX_FAILURES: {
    doc: "Failed logins one address may make on one account within LOGIN_WINDOW_MINUTES; then that address (only) is refused for that account until the window ends.",
    default: "5",
    parse: integer(1, 1000),
  },
  LOGIN_ADDRESS_MAX_FAILURES: {
    doc: "Failed logins one address may make across all accounts within the window (an office behind one NAT shares it, so keep it generous).",
    default: "50",
    parse: integer(1, 100_000),
  },
  LOGIN_ACCOUNT_MAX_FAILURES: {
    doc: "Failed logins on one account from all addresses within the window before every further failure closes the account for a doubling delay (1 s, 2 s, 4 s… up to the window), answered 429 with Retry-After.",
    default: "100",
    parse: integer(1, 100_000),
  },
  LOGIN_WINDOW_MINUTES: { doc: "Window of the failed-login limits.", default: "15", parse: integer(1, 24 * 60) },
  SURVEY_LINK_MAX_MISSES: {
    doc: "Unknown survey and case links (/s/<token>, /c/<token>) one address may open within 15 minutes before its further misses are answered 429. Valid links always open, so citizens behind one carrier address never block each other.",
    default: "100",
    parse: integer(1, 1_000_000),
  },
  CALLBACK_TARGET_WORKING_HOURS: {
    doc: "A callback request is due this many working hours (the agency's opening hours) after it is made, or after the next opening when made while closed. 0: due when the agency next opens.",
    default: "4",
    parse: integer(0, 200),
  },
  CORS_ORIGINS: {
    doc: "Comma-separated browser origins, besides PUBLIC_BASE_URL's, allowed to call the API with credentials and to change data (a console served from another origin). Empty: the public URL's origin only.",
    default: "",
    parse: commaList,
  },
  ADMIN_USERNAME: { doc: "Username of the administrator created by `npm run db:seed`.", default: "admin", parse: text },
  ADMIN_PASSWORD: {
    doc: "Password of that administrator: at least 12 characters and hard to guess (the seed refuses a weak one). Unset in development: a generated one is printed once. Required in production.",
    optional: true,
    // Length only here; the seed checks its strength against the administrator's name (server/access/auth/password-policy.ts).
    parse: pattern(/^.{12,}$/, "at least 12 characters"),
  },
  TWILIO_ACCOUNT_SID: {
    doc: "Twilio account SID (voice and SMS).",
    optional: true,
    parse: pattern(/^AC[0-9a-fA-F]{32}$/, "AC followed by 32 hex digits"),
  },
  TWILIO_AUTH_TOKEN: { doc: "Twilio auth token; also the key of X-Twilio-Signature.", optional: true, parse: text },
  TWILIO_API_BASE_URL: {
    doc: "Twilio's REST API. Recording audio is only fetched from URLs under it, whatever a webhook said.",
    default: "https://api.twilio.com",
    parse: url("https:", "http:"),
  },
  TWILIO_API_KEY_SID: {
    doc: "API key that signs the console softphone's access tokens (POST /api/desk/token), with its secret and the TwiML App. Unset: the desk uses the simulated device.",
    optional: true,
    parse: pattern(/^SK[0-9a-fA-F]{32}$/, "SK followed by 32 hex digits"),
  },
  TWILIO_API_KEY_SECRET: { doc: "Secret of TWILIO_API_KEY_SID.", optional: true, parse: text },
  TWILIO_TWIML_APP_SID: {
    doc: "TwiML App whose Voice URL serves calls placed from the console softphone (the Voice grant's outgoing application).",
    optional: true,
    parse: pattern(/^AP[0-9a-fA-F]{32}$/, "AP followed by 32 hex digits"),
  },
  HOTLINE_NUMBER: {
    doc: "The hotline's own number (E.164). Callbacks placed from the console show it to the citizen when the request did not come from a call to the hotline (which gives the number that call reached).",
    optional: true,
    parse: pattern(/^\+[1-9]\d{6,14}$/, "an E.164 number such as +842563822222"),
  },
  TWILIO_MESSAGING_SERVICE_SID: {
    doc: "Twilio Messaging Service that sends SMS (preferred: sender pool, registered sender IDs). Either this or TWILIO_SMS_FROM when SMS_PROVIDER=twilio.",
    optional: true,
    parse: pattern(/^MG[0-9a-fA-F]{32}$/, "MG followed by 32 hex digits"),
  },
  TWILIO_SMS_FROM: {
    doc: "Sender of SMS without a Messaging Service: an E.164 number or a registered alphanumeric sender ID.",
    optional: true,
    parse: pattern(
      /^(\+[1-9]\d{6,14}|(?!\d+$)[A-Za-z0-9 ._-]{1,11})$/,
      "an E.164 number or a sender ID of at most 11 letters, digits, space, . _ -",
    ),
  },
  SMS_PROVIDER: {
    doc: "Who delivers SMS that are not campaign SMS (survey links): sink (development: recorded and logged, never sent), twilio or sns. Campaigns use the provider of their sender.",
    default: "sink",
    parse: oneOf(...SMS_PROVIDER_NAMES),
  },
  SMS_SINK_FAILURE_RATE: {
    doc: "sink provider: share of sends refused, 0 to 1, to exercise failure paths.",
    default: "0",
    parse: fraction,
  },
  SMS_SINK_UNDELIVERED_RATE: {
    doc: "sink provider: share of accepted messages whose simulated receipt says undelivered, 0 to 1.",
    default: "0",
    parse: fraction,
  },
  SMS_SINK_RECEIPT_DELAY_MS: {
    doc: "sink provider: delay of the simulated delivery receipt in milliseconds (a delayed queue job the worker applies).",
    default: "1000",
    parse: integer(0, 3_600_000),
  },
  SMS_SINK_JOURNAL: {
    doc: "sink provider: a file where every accepted message is appended as one JSON line (key, number, id), so crash recovery can ask the sink what it received.",
    optional: true,
    parse: text,
  },
  SMS_SECRETS_KEY: {
    doc: "32 random bytes in base64 (openssl rand -base64 32): seals SMS senders' vendor credentials (eSMS API key and secret) with AES-256-GCM in the database and derives their delivery-callback secrets. Unset: credentials cannot be stored.",
    optional: true,
    parse: (raw) => {
      if (Buffer.from(raw, "base64").length !== 32) throw new InvalidValue("must be 32 bytes in base64");
      return raw;
    },
  },
  PRIVACY_HASH_KEY: {
    doc: "Secret key of the one-way hash kept of an erased number (Law 91/2025: SHA-256 of key and number), so a leaked table cannot be reversed by trying every number. At least 32 characters (openssl rand -base64 32). The default is for development only and is refused in production. Never change it once numbers are erased: they would be messaged again.",
    default: DEVELOPMENT_PRIVACY_HASH_KEY,
    parse: (raw) => {
      if (raw.length < 32) throw new InvalidValue("must be at least 32 characters");
      return raw;
    },
  },
  EXPORT_DIR: {
    doc: "Directory where data-subject export archives (.zip of one number's data) are written until downloaded once or expired (retention's exports period). Relative paths are from the working directory; keep it off any public path.",
    default: "var/exports",
    parse: text,
  },
  SMS_SERVICE_SENDER: {
    doc: "Brandname of a registered SMS sender that carries service messages (survey links, opt-out confirmations, case notifications), e.g. an eSMS customer-care brandname. Unset: SMS_PROVIDER carries them. Read when a process starts.",
    optional: true,
    parse: text,
  },
  ESMS_BASE_URL: {
    doc: "eSMS.vn REST API base URL (senders with provider esms).",
    default: "https://rest.esms.vn/MainService.svc/json",
    parse: url("https:", "http:"),
  },
  AWS_SNS_SENDER_ID: {
    doc: "Registered sender ID for SMS_PROVIDER=sns (campaign senders use their own brandname).",
    optional: true,
    parse: pattern(/^(?!\d+$)[A-Za-z0-9 ._-]{1,11}$/, "a sender ID of at most 11 letters, digits, space, . _ -"),
  },
  TRACKED_LINK_HOSTS: {
    doc: "Comma-separated hosts whose http(s) links in campaign texts are sent as tracked short links (PUBLIC_BASE_URL/l/<code>) and counted; their subdomains too. Empty: links are sent as written.",
    default: "dichvucong.gov.vn,dichvucong.gialai.gov.vn,vneid.gov.vn",
    parse: hostList,
  },
  TRACKED_LINK_PER_RECIPIENT: {
    doc: "true: each recipient gets their own short link code, so the results show who opened a link. That is personal data (Law 91/2025/QH15): turn it on only with a purpose, the recipients informed, and the retention of campaign links set. false: clicks are counted per campaign only.",
    default: "false",
    parse: oneOf("false", "true"),
  },
  CAMPAIGN_BATCH_SIZE: {
    doc: "Campaign recipients per send job (pulled from PostgreSQL by checkpoint).",
    default: "500",
    parse: integer(1, 10_000),
  },
  ZNS_POLICY: {
    doc: 'Zalo\'s own rules for ZNS campaigns as JSON: {"allowedTags":["2","3"],"rules":{"3":{"windowStart":"06:00","windowEnd":"22:00","maxPerDay":1}}} (tags: 1 transaction, 2 customer care, 3 promotion). Unset: those defaults (server/outreach/compliance/zns-policy.ts, docs/sms-providers.md).',
    optional: true,
    parse: (raw) => {
      try {
        // Its fields are checked by parseZnsPolicy when the worker starts.
        JSON.parse(raw);
      } catch {
        throw new InvalidValue("must be JSON");
      }
      return raw;
    },
  },
  ZNS_OUTCOME_WAIT_SECONDS: {
    doc: 'How long a ZNS campaign waits for Zalo\'s outcome of an accepted ZNS (a "not on Zalo" receipt sends the recipient to SMS) before it may complete.',
    default: "1800",
    parse: integer(1, 7 * 86_400),
  },
  CAMPAIGN_SEND_CONCURRENCY: { doc: "Campaign send jobs one worker process runs at once.", default: "4", parse: integer(1, 100) },
  CAMPAIGN_MAX_ATTEMPTS: {
    doc: "Attempts per campaign recipient before a transient error (timeout, 429, 5xx) becomes final.",
    default: "4",
    parse: integer(1, 20),
  },
  CAMPAIGN_RETRY_BASE_SECONDS: {
    doc: "First retry delay of a transient send error; doubled at each further attempt.",
    default: "30",
    parse: integer(1, 86_400),
  },
  CAMPAIGN_ERROR_PAUSE_RATE: {
    doc: "A running campaign pauses itself when more than this share (0 to 1) of its last CAMPAIGN_ERROR_WINDOW sends failed.",
    default: "0.2",
    parse: fraction,
  },
  CAMPAIGN_ERROR_WINDOW: { doc: "How many recent sends the error rate looks at.", default: "100", parse: integer(10, 100_000) },
  CAMPAIGN_RECONCILE_AFTER_SECONDS: {
    doc: "A recipient left 'sending' this long belongs to a worker that died; it is then settled by asking the provider. Keep above the providers' request timeout (15 s).",
    default: "60",
    parse: integer(1, 86_400),
  },
  DEGRADED_OPERATOR_NUMBER: {
    doc: "Operators' number (E.164) a caller is connected to when the database is down or too slow. Unset: the caller leaves a voicemail with Twilio instead.",
    optional: true,
    parse: pattern(/^\+[1-9]\d{6,14}$/, "an E.164 number such as +842563822478"),
  },
  DEGRADED_JOURNAL_FILE: {
    doc: "Local append-only file that keeps what happened to calls answered in degraded mode when Redis is down too; replayed into the call log once the database is back.",
    default: "var/voice-journal.jsonl",
    parse: text,
  },
  DEGRADED_REPLAY_INTERVAL_MS: {
    doc: "How often the server tries to write degraded calls from the journal (Redis, then the local file) into the call log.",
    default: "5000",
    parse: integer(50, 600_000),
  },
  AWS_REGION: { doc: "AWS region of SNS for SMS (credentials come from the standard AWS chain).", default: "ap-southeast-1", parse: text },
} satisfies Record<string, Variable<unknown>>;

type Variables = typeof variables;
export type Config = {
  [K in keyof Variables]: Variables[K] extends { optional: true }
    ? ReturnType<Variables[K]["parse"]> | undefined
    : ReturnType<Variables[K]["parse"]>;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Validates every variable and reports all problems at once rather than the first. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const config: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(variables) as [string, Variable<unknown>][]) {
    const given = env[name];
    const raw = given === undefined || given === "" ? spec.default : given;
    if (raw === undefined) {
      if (!spec.optional) problems.push(`${name} is required: ${spec.doc}`);
      continue;
    }
    try {
      config[name] = spec.parse(raw);
    } catch (error) {
      if (!(error instanceof InvalidValue)) throw error;
      problems.push(`${name} ${error.message} (got "${raw}")`);
    }
  }
  if (config.NODE_ENV === "production" && config.PRIVACY_HASH_KEY === DEVELOPMENT_PRIVACY_HASH_KEY) {
    problems.push("PRIVACY_HASH_KEY must be set to a secret of its own in production (openssl rand -base64 32)");
  }
  if (config.NODE_ENV === "production" && config.PUBLIC_BASE_URL?.toString().startsWith("http://localhost")) {
    problems.push("PUBLIC_BASE_URL must be set to the public address in production");
  }
  const softphone = ["TWILIO_API_KEY_SID", "TWILIO_API_KEY_SECRET", "TWILIO_TWIML_APP_SID"].filter((name) => config[name] !== undefined);
  if (softphone.length > 0 && (softphone.length < 3 || !config.TWILIO_ACCOUNT_SID)) {
    problems.push(
      "The console softphone needs TWILIO_ACCOUNT_SID, TWILIO_API_KEY_SID, TWILIO_API_KEY_SECRET and TWILIO_TWIML_APP_SID together",
    );
  }
  if (config.SMS_PROVIDER === "twilio") {
    if (!config.TWILIO_ACCOUNT_SID || !config.TWILIO_AUTH_TOKEN) {
      problems.push("SMS_PROVIDER=twilio needs TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN");
    }
    if (!config.TWILIO_MESSAGING_SERVICE_SID && !config.TWILIO_SMS_FROM) {
      problems.push("SMS_PROVIDER=twilio needs TWILIO_MESSAGING_SERVICE_SID or TWILIO_SMS_FROM");
    }
  }
  if (config.SMS_PROVIDER === "sns" && !config.AWS_SNS_SENDER_ID) problems.push("SMS_PROVIDER=sns needs AWS_SNS_SENDER_ID");
  if (problems.length > 0) throw new ConfigError(problems);
  return config as Config;
}

/** For entry points: a bad configuration stops the process with one message listing every problem. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

/** The text of .env.example: every variable with its meaning and default (kept in sync by a test). */
export function renderEnvExample(): string {
  const lines = ["# Tổng đài TTHC configuration. Copy to .env and adjust; unset variables take the default shown.", ""];
  for (const [name, spec] of Object.entries(variables) as [string, Variable<unknown>][]) {
    lines.push(`# ${spec.doc}${spec.optional ? " (optional)" : ""}`);
    lines.push(spec.default === undefined ? `# ${name}=` : `${name}=${spec.default}`, "");
  }
  return lines.join("\n");
}
