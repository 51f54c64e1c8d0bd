// The console's one access rule: the permissions GET /api/auth/me sent (authProvider.getPermissions),
// read through the table the server's guards use (server/contract/permissions.ts). The authProvider's
// canAccess answers react-admin with it; the few places that need an answer synchronously (which
// resources App declares, which campaign actions to offer) call it on usePermissions' list.
import { opens } from "../../../server/contract/permissions";

export function can(permissions: unknown, resource: string, action: string): boolean {
  return Array.isArray(permissions) && opens(permissions, resource, action);
}
