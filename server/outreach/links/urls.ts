// Finding the portal links in a campaign text and putting short links in their place. Pure: the
// allow-list and the short link of each URL are passed in.
//
// Only links to the allow-listed hosts (the national and provincial public-service portals) are
// shortened: a campaign cannot turn the hotline's address into a redirector to anywhere.

/** A URL as it appears in an SMS: http(s)://, up to the first space or character no URL ends with. */
const URL_PATTERN = /https?:\/\/[^\s<>"'{}|\\^`]+/gi;
/** Punctuation that ends a sentence rather than the URL ("… tại https://dichvucong.gov.vn."). */
const TRAILING = /[.,;:!?)\]]+$/;

/** The default allow-list: the national portal, Gia Lai's portal and the VNeID portal. */
export const DEFAULT_TRACKED_HOSTS = ["dichvucong.gov.vn", "dichvucong.gialai.gov.vn", "vneid.gov.vn"] as const;

/** A host is allowed when it is a listed host or a subdomain of one (www.dichvucong.gov.vn). */
export function hostAllowed(host: string, hosts: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  return hosts.some((allowed) => h === allowed || h.endsWith(`.${allowed}`));
}

/** The http(s) URL, parsed, if it is one a campaign may track; null otherwise (other hosts, credentials, odd ports). */
function trackable(candidate: string, hosts: readonly string[]): string | null {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.username || url.password || url.port) return null;
  return hostAllowed(url.hostname, hosts) ? candidate : null;
}

/**
 * A URL that runs into a {{variable}} differs per recipient ("…/ho-so/{{ma_ho_so}}"): it is sent as
 * written, since one short link per campaign and URL could not carry it.
 */
const runsIntoVariable = (text: string, end: number) => text[end] === "{";

/** The allow-listed URLs of a text, each once, in order of first appearance. */
export function findTrackableUrls(text: string, hosts: readonly string[]): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(URL_PATTERN)) {
    if (runsIntoVariable(text, match.index + match[0].length)) continue;
    const candidate = match[0].replace(TRAILING, "");
    if (trackable(candidate, hosts) && !found.includes(candidate)) found.push(candidate);
  }
  return found;
}

/** The text with every allow-listed URL replaced by `shortFor(url)`; other text (and other URLs) unchanged. */
export function replaceTrackableUrls(text: string, hosts: readonly string[], shortFor: (url: string) => string | undefined): string {
  return text.replace(URL_PATTERN, (match: string, offset: number) => {
    if (runsIntoVariable(text, offset + match.length)) return match;
    const candidate = match.replace(TRAILING, "");
    const short = trackable(candidate, hosts) ? shortFor(candidate) : undefined;
    return short === undefined ? match : short + match.slice(candidate.length);
  });
}

/** The public address of a short link. */
export function shortLinkUrl(publicBaseUrl: string, code: string): string {
  return `${publicBaseUrl.replace(/\/+$/, "")}/l/${code}`;
}

/**
 * The text as it will be sent before its links exist: each portal link replaced by a short link of
 * the real length, so previews, segment counts and cost estimates count what the citizen receives.
 */
export function withPlaceholderLinks(text: string, hosts: readonly string[], publicBaseUrl: string, placeholderCode: string): string {
  return replaceTrackableUrls(text, hosts, () => shortLinkUrl(publicBaseUrl, placeholderCode));
}
