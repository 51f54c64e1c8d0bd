import { Admin, Resource } from "react-admin";
import { Route } from "react-router-dom";
import users from "./access/users";
import hoursOverrides from "./agencies/hours-overrides";
import agencies from "./agencies/tree";
import { handlesCalls } from "./agencies/tree/access";
import { authProvider } from "./authProvider";
import { APP_TITLE } from "./config";
import { Dashboard } from "./Dashboard";
import { dataProvider } from "./dataProvider";
import callbackRequests from "./hotline/callback-requests";
import calls from "./hotline/calls";
import ivrFlowVersions from "./hotline/ivr-flows";
import satisfactionReport from "./hotline/reports";
import simulator, { canSimulate } from "./hotline/simulator";
import { i18nProvider } from "./i18n";
import { Layout, LoginPage } from "./layout";
import campaigns, { seesCampaigns, withCampaignAccess } from "./outreach/campaigns";
import contactLists from "./outreach/contact-lists";
import contacts, { ContactImportWizard, seesContacts, withContactAccess } from "./outreach/contacts";
import dnc from "./outreach/dnc";
import segments from "./outreach/segments";
import smsPolicy from "./outreach/sms-policy";
import smsSenders from "./outreach/sms-senders";
import smsTemplates, { seesSms, withSmsAccess } from "./outreach/sms-templates";
import suppressions from "./outreach/suppressions";
import { isAdmin } from "./roles";
import auditLogs from "./system/audit-logs";

// Campaign managers create and edit campaigns, which the stock rules (read-only for non-admins) refuse.
// Likewise managers write SMS templates (withSmsAccess).
const campaignAwareAuthProvider = withContactAccess(withSmsAccess(withCampaignAccess(authProvider)));

// Users and the audit log are only declared for administrators, so others get neither the menu
// entries nor the routes; the server enforces the same rules with 403. Campaigns likewise are only
// declared for campaign managers, approvers and administrators.
export const App = () => (
  <Admin
    title={APP_TITLE}
    dataProvider={dataProvider}
    authProvider={campaignAwareAuthProvider}
    i18nProvider={i18nProvider}
    layout={Layout}
    loginPage={LoginPage}
    dashboard={Dashboard}
    requireAuth
    disableTelemetry
  >
    {(permissions) => [
      <Resource key="calls" name="calls" {...calls} />,
      <Resource key="satisfaction-report" name="satisfaction-report" {...satisfactionReport} />,
      <Resource key="agencies" name="agencies" {...agencies} />,
      ...(handlesCalls(permissions) ? [<Resource key="callback-requests" name="callback-requests" {...callbackRequests} />] : []),
      <Resource key="hours-overrides" name="hours-overrides" {...hoursOverrides} />,
      <Resource key="ivr-flow-versions" name="ivr-flow-versions" {...ivrFlowVersions} />,
      ...(seesCampaigns(permissions) ? [<Resource key="campaigns" name="campaigns" {...campaigns} />] : []),
      ...(seesContacts(permissions)
        ? [
            <Resource key="contacts" name="contacts" {...contacts}>
              <Route path="import" element={<ContactImportWizard />} />
            </Resource>,
            <Resource key="contact-lists" name="contact-lists" {...contactLists} />,
            <Resource key="segments" name="segments" {...segments} />,
            <Resource key="suppressions" name="suppressions" {...suppressions} />,
            <Resource key="dnc" name="dnc" {...dnc} />,
          ]
        : []),
      ...(seesSms(permissions)
        ? [
            <Resource key="sms-templates" name="sms-templates" {...smsTemplates} />,
            <Resource key="sms-senders" name="sms-senders" {...smsSenders} />,
          ]
        : []),
      ...(isAdmin(permissions) ? [<Resource key="sms-policy" name="sms-policy" {...smsPolicy} />] : []),
      ...(canSimulate(permissions) ? [<Resource key="simulator" name="simulator" {...simulator} />] : []),
      ...(isAdmin(permissions)
        ? [<Resource key="users" name="users" {...users} />, <Resource key="audit-logs" name="audit-logs" {...auditLogs} />]
        : []),
    ]}
  </Admin>
);
