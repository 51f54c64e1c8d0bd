// Telling a citizen's click from a machine's fetch, as well as a redirect can: messaging apps fetch
// every link to draw a preview (Zalo, Facebook, Telegram, WhatsApp, Slack…), crawlers and scripts
// follow links, and a HEAD request reads no page. Those are answered like anyone else but counted
// apart, so the click-through is people's. A bot that claims to be a browser is counted as a click:
// the dedupe per address (clicks.ts) keeps one such fetcher from inflating the count.

const BOT_AGENTS = [
  "facebookexternalhit",
  "facebot",
  "zalo",
  "telegrambot",
  "whatsapp",
  "slackbot",
  "slack-imgproxy",
  "twitterbot",
  "linkedinbot",
  "discordbot",
  "skypeuripreview",
  "viber",
  "googlebot",
  "google-inspectiontool",
  "bingbot",
  "applebot",
  "yandex",
  "baiduspider",
  "coccocbot",
  "bot/",
  "crawler",
  "spider",
  "preview",
  "curl/",
  "wget/",
  "python-requests",
  "python-urllib",
  "go-http-client",
  "okhttp",
  "java/",
  "node-fetch",
  "axios/",
  "headlesschrome",
] as const;

export type ClickKind = "click" | "bot" | "head";

/** How a request to a short link counts: a click, or a machine's fetch (HEAD, a known agent, no agent). */
export function classifyRequest(method: string, userAgent: string | undefined): ClickKind {
  if (method.toUpperCase() === "HEAD") return "head";
  const agent = (userAgent ?? "").toLowerCase().trim();
  if (agent === "") return "bot";
  return BOT_AGENTS.some((marker) => agent.includes(marker)) ? "bot" : "click";
}
