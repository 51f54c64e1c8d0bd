// Who may do what with SMS templates, senders and the sending policy, mirroring the server:
// campaign managers write templates, approvers read them; administrators alone write senders and
// the policy; people outside campaigns see none of it.
import type { AuthProvider } from "react-admin";

const has = (permissions: unknown, role: string) => Array.isArray(permissions) && permissions.includes(role);
const isAdmin = (permissions: unknown) => has(permissions, "admin");

export const seesSms = (permissions: unknown) =>
  isAdmin(permissions) || has(permissions, "campaign_manager") || has(permissions, "campaign_approver");
export const writesTemplates = (permissions: unknown) => isAdmin(permissions) || has(permissions, "campaign_manager");

const READ = ["list", "show", "export"];
const WRITE = ["create", "edit", "delete"];

/** Adds the SMS resources' rules to authProvider.canAccess; other resources keep the provider's rules. */
export function withSmsAccess(provider: AuthProvider): AuthProvider {
  const rules: Record<string, (permissions: unknown, action: string) => boolean> = {
    "sms-templates": (permissions, action) =>
      READ.includes(action) ? seesSms(permissions) : WRITE.includes(action) && writesTemplates(permissions),
    "sms-senders": (permissions, action) => (READ.includes(action) ? seesSms(permissions) : isAdmin(permissions)),
    "sms-policy": (permissions) => isAdmin(permissions),
  };
  return {
    ...provider,
    async canAccess(params) {
      const rule = rules[params.resource];
      if (!rule) return provider.canAccess ? provider.canAccess(params) : true;
      const permissions: unknown = await provider.getPermissions?.({}).catch(() => []);
      return rule(permissions, params.action);
    },
  };
}
