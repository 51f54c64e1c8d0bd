import { Admin, Resource } from "react-admin";
import { Route } from "react-router-dom";
import { can } from "./access/can";
import users from "./access/users";
import hoursOverrides from "./agencies/hours-overrides";
import agencies from "./agencies/tree";
import { authProvider } from "./authProvider";
import { catchAllFor } from "./common/OutOfReach";
import { APP_TITLE } from "./config";
import { dataProvider } from "./dataProvider";
import { Home } from "./home/Home";
import board from "./hotline/board";
import callbackRequests from "./hotline/callback-requests";
import calls from "./hotline/calls";
import caseServiceLevels from "./hotline/case-service-levels";
import cases from "./hotline/cases";
import desk from "./hotline/desk";
import ivrFlowVersions from "./hotline/ivr-flows";
import knowledgeArticles from "./hotline/knowledge";
import noteCategories from "./hotline/note-categories";
import satisfactionReport from "./hotline/reports";
import agencyReports from "./hotline/reports/periodic";
import reportScoring from "./hotline/reports/scoring";
import simulator from "./hotline/simulator";
import { i18nProvider } from "./i18n";
import { Layout, LoginPage } from "./layout";
import campaigns from "./outreach/campaigns";
import contactLists from "./outreach/contact-lists";
import contacts, { ContactImportWizard } from "./outreach/contacts";
import dnc from "./outreach/dnc";
import segments from "./outreach/segments";
import smsPolicy from "./outreach/sms-policy";
import smsSenders from "./outreach/sms-senders";
import smsTemplates from "./outreach/sms-templates";
import suppressions from "./outreach/suppressions";
import znsTemplates from "./outreach/zns-templates";
import privacyRequests from "./privacy/requests";
import auditLogs from "./system/audit-logs";
import retention from "./system/retention";

// Every screen, in the menu's order. Each is declared only for those who may list it (the calls for
// everyone, users and the audit log for administrators, campaigns for campaign staff...), so others
// get neither the menu entry nor the route; the server refuses them with 403 all the same.
const RESOURCES = [
  <Resource key="desk" name="desk" {...desk} />,
  <Resource key="board" name="board" {...board} />,
  <Resource key="calls" name="calls" {...calls} />,
  <Resource key="satisfaction-report" name="satisfaction-report" {...satisfactionReport} />,
  <Resource key="agency-reports" name="agency-reports" {...agencyReports} />,
  <Resource key="report-scoring" name="report-scoring" {...reportScoring} />,
  <Resource key="agencies" name="agencies" {...agencies} />,
  <Resource key="callback-requests" name="callback-requests" {...callbackRequests} />,
  <Resource key="knowledge-articles" name="knowledge-articles" {...knowledgeArticles} />,
  <Resource key="cases" name="cases" {...cases} />,
  <Resource key="hours-overrides" name="hours-overrides" {...hoursOverrides} />,
  <Resource key="ivr-flow-versions" name="ivr-flow-versions" {...ivrFlowVersions} />,
  <Resource key="note-categories" name="note-categories" {...noteCategories} />,
  <Resource key="case-service-levels" name="case-service-levels" {...caseServiceLevels} />,
  <Resource key="campaigns" name="campaigns" {...campaigns} />,
  <Resource key="contacts" name="contacts" {...contacts}>
    <Route path="import" element={<ContactImportWizard />} />
  </Resource>,
  <Resource key="contact-lists" name="contact-lists" {...contactLists} />,
  <Resource key="segments" name="segments" {...segments} />,
  <Resource key="suppressions" name="suppressions" {...suppressions} />,
  <Resource key="dnc" name="dnc" {...dnc} />,
  <Resource key="sms-templates" name="sms-templates" {...smsTemplates} />,
  <Resource key="zns-templates" name="zns-templates" {...znsTemplates} />,
  <Resource key="sms-senders" name="sms-senders" {...smsSenders} />,
  <Resource key="sms-policy" name="sms-policy" {...smsPolicy} />,
  <Resource key="simulator" name="simulator" {...simulator} />,
  <Resource key="privacy-requests" name="privacy-requests" {...privacyRequests} />,
  <Resource key="users" name="users" {...users} />,
  <Resource key="audit-logs" name="audit-logs" {...auditLogs} />,
  <Resource key="retention" name="retention" {...retention} />,
];

const CatchAll = catchAllFor(RESOURCES.map((resource) => resource.props.name));

export const App = () => (
  <Admin
    title={APP_TITLE}
    dataProvider={dataProvider}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    layout={Layout}
    loginPage={LoginPage}
    dashboard={Home}
    catchAll={CatchAll}
    requireAuth
    disableTelemetry
  >
    {(permissions) => RESOURCES.filter((resource) => can(permissions, resource.props.name, "list"))}
  </Admin>
);
