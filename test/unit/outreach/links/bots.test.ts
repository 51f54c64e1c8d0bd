// Which requests to a short link count as a citizen's click.
import { describe, expect, it } from "vitest";
import { classifyRequest } from "../../../../server/outreach/links/bots.js";

describe("what counts as a click", () => {
  const PHONE = "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36";

  it("counts a phone's browser", () => {
    expect(classifyRequest("GET", PHONE)).toBe("click");
    expect(classifyRequest("GET", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148")).toBe(
      "click",
    );
  });

  it("sets apart link previews, crawlers, scripts, requests without an agent and HEAD", () => {
    for (const agent of [
      "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
      "Mozilla/5.0 (compatible; Zalo/1.0)",
      "ZaloPC-win32-24v",
      "TelegramBot (like TwitterBot)",
      "WhatsApp/2.23.20.0 A",
      "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
      "curl/8.5.0",
      "python-requests/2.31",
      "",
    ]) {
      expect(classifyRequest("GET", agent), agent).toBe("bot");
    }
    expect(classifyRequest("GET", undefined)).toBe("bot");
    expect(classifyRequest("HEAD", PHONE)).toBe("head");
  });
});
