// Console sessions: a random token in an httpOnly cookie; the database keeps only its SHA-256.
import { createHash, randomBytes } from "node:crypto";
import type { SessionUser } from "../../contract/access/session-user.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../platform/db/client.js";
import { plainRows } from "../../platform/db/plain-sql.js";

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

interface SessionRow {
  expires_at: Date;
  last_seen_at: Date;
  active: boolean;
  id: number;
  username: string;
  name: string;
  email: string | null;
  roles: SessionUser["roles"];
  agency_id: number;
  agency_code: string;
  agency_name: string;
}

/**
 * The active user behind a session token, or null when the session is unknown, expired or the user
 * deactivated. Every console request asks: one statement, straight on the pool (plain-sql.ts).
 */
export async function findSessionUser(db: Db, token: string, ttlMs: number): Promise<SessionUser | null> {
  const id = digest(token);
  const [session] = await plainRows<SessionRow>(
    db,
    Prisma.sql`
    SELECT s.expires_at, s.last_seen_at, u.active, u.id, u.username, u.name, u.email, u.roles::text[] AS roles,
      a.id AS agency_id, a.code AS agency_code, a.name AS agency_name
    FROM sessions s JOIN users u ON u.id = s.user_id JOIN agencies a ON a.id = u.agency_id
    WHERE s.id = ${id}`,
  );
  const now = Date.now();
  if (!session || session.expires_at.getTime() <= now || !session.active) return null;
  if (now - session.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
    await db.session.update({ where: { id }, data: { lastSeenAt: new Date(now), expiresAt: new Date(now + ttlMs) } });
  }
  return {
    id: session.id,
    username: session.username,
    name: session.name,
    email: session.email,
    roles: session.roles,
    agency: { id: session.agency_id, code: session.agency_code, name: session.agency_name },
  };
}
