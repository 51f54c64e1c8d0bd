// Who may do what with campaigns, mirroring server/outreach/campaigns/routes.ts: managers prepare, submit and
// resend; approvers approve or reject (never their own: two-person rule); both may launch, pause,
// resume and cancel an approved campaign (campaigns:send); others see nothing.
import type { AuthProvider } from "react-admin";
import type { CampaignAction } from "./api";

const has = (permissions: unknown, role: string) => Array.isArray(permissions) && permissions.includes(role);

export const isCampaignManager = (permissions: unknown) => has(permissions, "admin") || has(permissions, "campaign_manager");
export const isCampaignApprover = (permissions: unknown) => has(permissions, "admin") || has(permissions, "campaign_approver");
export const seesCampaigns = (permissions: unknown) => isCampaignManager(permissions) || isCampaignApprover(permissions);

const APPROVER_ACTIONS: readonly CampaignAction[] = ["approve", "reject"];
const SEND_ACTIONS: readonly CampaignAction[] = ["launch", "pause", "resume", "cancel"];

export function mayRun(permissions: unknown, action: CampaignAction): boolean {
  if (SEND_ACTIONS.includes(action)) return seesCampaigns(permissions);
  return APPROVER_ACTIONS.includes(action) ? isCampaignApprover(permissions) : isCampaignManager(permissions);
}

const READ = ["list", "show", "export"];
const WRITE = ["create", "edit"];

/**
 * Adds the campaigns rules to the console's authProvider.canAccess: the stock rules allow only
 * reading to non-administrators, but managers create and edit drafts.
 */
export function withCampaignAccess(provider: AuthProvider): AuthProvider {
  return {
    ...provider,
    async canAccess(params) {
      if (params.resource !== "campaigns") return provider.canAccess ? provider.canAccess(params) : true;
      const permissions: unknown = await provider.getPermissions?.({}).catch(() => []);
      if (READ.includes(params.action)) return seesCampaigns(permissions);
      if (WRITE.includes(params.action)) return isCampaignManager(permissions);
      return has(permissions, "admin");
    },
  };
}
