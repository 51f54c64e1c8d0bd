// Security headers on every response (console, API, survey page), through @fastify/helmet.
//
// The CSP is what the built console (admin/dist) needs and no more: Vite emits one external module
// script and no inline script, so script-src is 'self' alone. style-src keeps 'unsafe-inline'
// because MUI's emotion injects <style> elements at run time and React writes style="" attributes;
// a nonce cannot work for a console served as static files, and inline styles cannot run code.
// The console must never be framed (clickjacking): frame-ancestors 'none' plus X-Frame-Options for
// older browsers. Referrer-Policy is same-origin, not no-referrer: with no-referrer browsers send
// `Origin: null` on the console's own POSTs, which the CSRF check (plugins/app/same-origin.ts) must
// refuse. HSTS and upgrade-insecure-requests only when the public URL is https, so a plain-http
// installation (a test bench, localhost) keeps working. The survey page sets its own, stricter CSP.
import helmet from "@fastify/helmet";
import fp from "fastify-plugin";

export default fp(
  async (fastify) => {
    const https = fastify.config.PUBLIC_BASE_URL.startsWith("https:");
    await fastify.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          "default-src": ["'self'"],
          "script-src": ["'self'"],
          "style-src": ["'self'", "'unsafe-inline'"],
          "img-src": ["'self'", "data:"],
          "font-src": ["'self'"],
          "connect-src": ["'self'"],
          "media-src": ["'self'"],
          "object-src": ["'none'"],
          "base-uri": ["'none'"],
          "form-action": ["'self'"],
          "frame-ancestors": ["'none'"],
          ...(https ? { "upgrade-insecure-requests": [] } : {}),
        },
      },
      frameguard: { action: "deny" },
      referrerPolicy: { policy: "same-origin" },
      strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    });
  },
  { name: "security-headers", dependencies: ["config"] },
);
