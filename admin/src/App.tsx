import { Admin, Resource } from "react-admin";
import agencies from "./agencies";
import { handlesCalls } from "./agencies/access";
import auditLogs from "./audit-logs";
import { authProvider } from "./authProvider";
import callbackRequests from "./callback-requests";
import calls from "./calls";
import { APP_TITLE } from "./config";
import { Dashboard } from "./Dashboard";
import { dataProvider } from "./dataProvider";
import hoursOverrides from "./hours-overrides";
import { i18nProvider } from "./i18n";
import ivrFlowVersions from "./ivr-flows";
import { Layout, LoginPage } from "./layout";
import satisfactionReport from "./reports";
import { isAdmin } from "./roles";
import simulator, { canSimulate } from "./simulator";
import users from "./users";

// Users and the audit log are only declared for administrators, so others get neither the menu
// entries nor the routes; the server enforces the same rules with 403.
export const App = () => (
  <Admin
    title={APP_TITLE}
    dataProvider={dataProvider}
    authProvider={authProvider}
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
      ...(canSimulate(permissions) ? [<Resource key="simulator" name="simulator" {...simulator} />] : []),
      ...(isAdmin(permissions)
        ? [<Resource key="users" name="users" {...users} />, <Resource key="audit-logs" name="audit-logs" {...auditLogs} />]
        : []),
    ]}
  </Admin>
);
