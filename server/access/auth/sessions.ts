// Console sessions: a random token in an httpOnly cookie; the database keeps only its SHA-256.
import { createHash, randomBytes } from "node:crypto";
import type { SessionUser } from "../../contract/access/session-user.js";
import type { Db } from "../../platform/db/client.js";

export const SESSION_COOKIE = "tthc_session";

/** Who a session belongs to: the shape GET /api/auth/me returns (server/contract/access/session-user.ts). */
export type { SessionUser };

const digest = (token: string) => createHash("sha256").update(token).digest("hex");

// Sliding expiry is written at most once a minute, not on every request.
const TOUCH_INTERVAL_MS = 60_000;

export async function createSession(db: Db, userId: number, ttlMs: number): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.session.create({ data: { id: digest(token), userId, expiresAt: new Date(Date.now() + ttlMs) } });
  return token;
}

export async function endSession(db: Db, token: string): Promise<void> {
  await db.session.deleteMany({ where: { id: digest(token) } });
}

/** The active user behind a session token, or null when the session is unknown, expired or the user deactivated. */
export async function findSessionUser(db: Db, token: string, ttlMs: number): Promise<SessionUser | null> {
  const id = digest(token);
  const session = await db.session.findUnique({
    where: { id },
    include: { user: { include: { agency: { select: { id: true, code: true, name: true } } } } },
  });
  const now = Date.now();
  if (!session || session.expiresAt.getTime() <= now || !session.user.active) return null;
  if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.session.update({ where: { id }, data: { lastSeenAt: new Date(now), expiresAt: new Date(now + ttlMs) } });
  }
  const { user } = session;
  return { id: user.id, username: user.username, name: user.name, email: user.email, roles: user.roles, agency: user.agency };
}
