// Cookie-session auth against /api/auth. The session cookie is httpOnly, so the console never
// sees a token: it asks /api/auth/me who it is once, and caches the answer (signed in or not) until
// login, logout or a 401 from the API.
import type { AuthProvider } from "react-admin";
import type { Me } from "../../server/contract/access/session-user";
import type { Permission } from "../../server/contract/permissions";
import { can } from "./access/can";
import { API_URL } from "./dataProvider";
import { i18nProvider } from "./i18n";

class AuthError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

let me: Promise<Me> | null = null;
/** Whether the server last treated us as signed in; logging out without a session is pointless. */
let sessionAlive = false;

function getMe(): Promise<Me> {
  if (me) return me;
  const pending = fetch(`${API_URL}/auth/me`, { credentials: "include", headers: { Accept: "application/json" } }).then(
    async (response) => {
      sessionAlive = response.ok;
      if (!response.ok) throw new AuthError("ra.auth.auth_check_error", response.status);
      return (await response.json()) as Me;
    },
  );
  // "Not signed in" (401) is kept until login, or the login page's checks (checkAuth, permissions,
  // canAccess) would each ask again; any other failure (offline, 5xx) is asked again next time.
  pending.catch((error: unknown) => {
    if (me === pending && !(error instanceof AuthError && error.status === 401)) me = null;
  });
  me = pending;
  return pending;
}

/** What the console knows without asking once it has logged out, or the API said 401: nobody is signed in. */
function signedOut(): Promise<Me> {
  const answer = Promise.reject(new AuthError("ra.auth.auth_check_error", 401));
  answer.catch(() => {});
  return answer;
}

async function permissionsOrNone(): Promise<Permission[]> {
  try {
    return (await getMe()).permissions;
  } catch {
    return [];
  }
}

function loginError(response: Response): Error {
  if (response.status === 401) return new Error("tthc.auth.invalid_credentials");
  if (response.status === 429) {
    const seconds = Number(response.headers.get("Retry-After")) || 60;
    // The login form shows error.message as is, so interpolate here.
    return new Error(i18nProvider.translate("tthc.auth.too_many_attempts", { minutes: Math.ceil(seconds / 60) }));
  }
  return new Error("ra.auth.sign_in_error");
}

export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    me = null;
    let response: Response;
    try {
      response = await fetch(`${API_URL}/auth/login`, {
        method: "POST",
        credentials: "include",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ username, password }),
      });
    } catch {
      throw new Error("ra.notification.http_error");
    }
    if (!response.ok) throw loginError(response);
    sessionAlive = true;
  },

  async logout() {
    // react-admin logs out after every failed check too: asking again would only hear 401 again.
    me = signedOut();
    if (!sessionAlive) return;
    sessionAlive = false;
    try {
      await fetch(`${API_URL}/auth/logout`, { method: "POST", credentials: "include" });
    } catch {
      // Offline: the cookie expires on its own; the console forgets the user either way.
    }
  },

  async checkAuth() {
    await getMe();
  },

  async checkError(error: { status?: number }) {
    if (error?.status === 401) {
      me = signedOut();
      sessionAlive = false;
      throw new AuthError("ra.notification.logged_out", 401);
    }
    // 403 and everything else: stay signed in, the caller shows the error.
  },

  async getIdentity() {
    const { id, name, agency, roles } = await getMe();
    return { id, fullName: name, agency, roles };
  },

  getPermissions: permissionsOrNone,

  async canAccess({ resource, action }) {
    return can(await permissionsOrNone(), resource, action);
  },
};
