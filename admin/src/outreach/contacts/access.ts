// Who may do what with contacts, lists, segments, opt-outs and the DNC list, mirroring the server:
// campaign managers write, approvers read (with masked numbers), removing an opt-out is the admin's.
import type { AuthProvider } from "react-admin";

const has = (permissions: unknown, role: string) => Array.isArray(permissions) && permissions.includes(role);

export const CONTACT_RESOURCES: readonly string[] = ["contacts", "contact-lists", "segments", "suppressions", "dnc"];
export const writesContacts = (permissions: unknown) => has(permissions, "admin") || has(permissions, "campaign_manager");
export const seesContacts = (permissions: unknown) => writesContacts(permissions) || has(permissions, "campaign_approver");

const READ = ["list", "show", "export"];
const WRITE = ["create", "edit"];

export function withContactAccess(provider: AuthProvider): AuthProvider {
  return {
    ...provider,
    async canAccess(params) {
      if (!CONTACT_RESOURCES.includes(params.resource)) return provider.canAccess ? provider.canAccess(params) : true;
      const permissions: unknown = await provider.getPermissions?.({}).catch(() => []);
      if (READ.includes(params.action)) return seesContacts(permissions);
      if (WRITE.includes(params.action)) return writesContacts(permissions);
      if (params.action === "delete")
        return params.resource === "suppressions" || params.resource === "contacts"
          ? has(permissions, "admin")
          : writesContacts(permissions);
      return has(permissions, "admin");
    },
  };
}
