// English messages: react-admin's own pack plus the console's. `enApp` is the reference shape for
// the app's messages; the Vietnamese file must have exactly the same keys (AppMessages).
import englishMessages from "ra-language-english";
import { enCalls } from "./en/calls";
import { enCampaigns } from "./en/campaigns";
import { enContacts } from "./en/contacts";
import { enFlows } from "./en/flows";
import { enHome } from "./en/home";
import { enRouting, enRoutingAudit, enRoutingFields, enRoutingResources, enRoutingValidation } from "./en/routing";
import { enSms } from "./en/sms";

export const enApp = {
  tthc: {
    app: {
      subtitle: "Administrative procedures hotline, Gia Lai province",
    },
    menu: {
      hotline: "Hotline",
      outreach: "Messaging",
      agencies: "Agencies and users",
      system: "System",
    },
    auth: {
      invalid_credentials: "Wrong username or password",
      too_many_attempts: "Too many failed sign-in attempts. Try again in %{minutes} minute(s).",
      forbidden: "You do not have permission to do this",
    },
    validation: {
      taken: "Already in use by another record",
      not_found: "Does not exist",
      parent_cycle: "An agency cannot be placed under itself or one of its own sub-agencies",
      password_too_short: "The password must be at least 12 characters long",
      password_personal: "The password must not contain the username, the user's name or e-mail",
      password_too_weak: "This password is too easy to guess: use a longer phrase of several unrelated words",
      in_use: "Still in use (it has sub-agencies, users or other linked records)",
      self_lockout: "You cannot remove your own administrator access or deactivate your own account",
      invalid: "Invalid value",
      format: "Wrong format",
      json: "Not valid JSON",
      sort: "This column cannot be sorted",
      range: "Invalid page range",
      filter: "Invalid filter",
      password_mismatch: "The two passwords do not match",
      invalid_characters: "Contains characters that cannot be stored (a NUL character or broken Unicode)",
      out_of_range: "Number out of the allowed range",
      required: "Required: enter a value or choose at least one item",
      retention_longer_than_calls: "Recordings cannot be kept longer than the call log they belong to",
      ...enRoutingValidation,
      ...enSms.validation,
      ...enContacts.validation,
    },
    kinds: {
      province: "Province",
      department: "Department",
      commune: "Commune",
      ward: "Ward",
      unit: "Unit",
    },
    roles: {
      admin: "Administrator",
      supervisor: "Supervisor",
      agent: "Agent",
      campaign_manager: "Campaign manager",
      campaign_approver: "Campaign approver",
      viewer: "Viewer",
    },
    actions: {
      login: "Sign in",
      login_failed: "Failed sign-in",
      logout: "Sign out",
      create: "Create",
      update: "Update",
      delete: "Delete",
      password_reset: "Password reset",
      listen: "Listened to a recording",
      export: "Export",
      retention_purge: "Retention purge",
      ...enFlows.actions,
      ...enRoutingAudit.actions,
      ...enContacts.actions,
    },
    audit_resources: {
      agencies: "Agencies",
      users: "Users",
      auth: "Authentication",
      calls: "Calls",
      "call-notes": "Call notes",
      recordings: "Recordings",
      reports: "Reports",
      settings: "Settings",
      ...enFlows.audit_resources,
      ...enRoutingAudit.audit_resources,
      ...enSms.audit_resources,
      ...enContacts.audit_resources,
    },
    dashboard: {
      welcome: "Welcome, %{name}",
      agencies_total: "Agencies",
      users_total: "User accounts",
    },
    agencies: {
      children: "Direct sub-agencies",
      no_children: "No sub-agencies",
      no_parent: "Top level",
      ancestors: "Agency hierarchy",
    },
    ...enRouting,
    users: {
      activate: "Activate",
      deactivate: "Deactivate",
      activate_title: "Activate %{smart_count} account(s)",
      activate_content: "Let the %{smart_count} selected account(s) sign in again?",
      deactivate_title: "Deactivate %{smart_count} account(s)",
      deactivate_content: "The %{smart_count} selected account(s) will be signed out and unable to sign in. Continue?",
      reset_password: {
        button: "Reset password",
        title: "Reset password for %{name}",
        new_password: "New password",
        confirm_password: "Confirm new password",
        help: "At least 12 characters, hard to guess, without the user's name. All of the user's open sessions are signed out.",
        success: "Password changed",
      },
    },
    audit: {
      changes: "Changes",
      field: "Field",
      before: "Before",
      after: "After",
      no_changes: "No recorded data",
    },
    ...enCalls.tthc,
    ...enHome.tthc,
    ...enFlows.tthc,
    ...enContacts.tthc,
    ...enCampaigns.tthc,
    ...enSms.tthc,
  },
  resources: {
    agencies: {
      name: "Agency |||| Agencies",
      fields: {
        id: "ID",
        code: "Code",
        name: "Name",
        kind: "Kind",
        parentId: "Parent agency",
        phone: "Phone",
        active: "Active",
        childCount: "Sub-agencies",
        createdAt: "Created at",
        updatedAt: "Updated at",
        q: "Search",
        ...enRoutingFields.agencies,
      },
    },
    users: {
      name: "User |||| Users",
      fields: {
        id: "ID",
        username: "Username",
        email: "Email",
        name: "Full name",
        roles: "Roles",
        role: "Role",
        agencyId: "Agency",
        active: "Active",
        password: "Password",
        lastLoginAt: "Last sign-in",
        createdAt: "Created at",
        updatedAt: "Updated at",
        q: "Search",
        ...enRoutingFields.users,
      },
    },
    ...enRoutingResources,
    "audit-logs": {
      name: "Audit log |||| Audit log",
      fields: {
        id: "ID",
        actorId: "User",
        actorName: "User",
        action: "Action",
        resource: "Object",
        resourceId: "Object ID",
        before: "Before",
        after: "After",
        ip: "IP address",
        createdAt: "Time",
      },
    },
    ...enCalls.resources,
    ...enFlows.resources,
    ...enContacts.resources,
    ...enCampaigns.resources,
    ...enSms.resources,
  },
};

export type AppMessages = typeof enApp;

const en: typeof englishMessages & AppMessages = { ...englishMessages, ...enApp };

export default en;
