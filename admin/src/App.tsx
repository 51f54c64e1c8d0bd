import { Admin, Resource } from "react-admin";
import agencies from "./agencies";
import auditLogs from "./audit-logs";
import { authProvider } from "./authProvider";
import { APP_TITLE } from "./config";
import { Dashboard } from "./Dashboard";
import { dataProvider } from "./dataProvider";
import { i18nProvider } from "./i18n";
import { Layout, LoginPage } from "./layout";
import { isAdmin } from "./roles";
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
      <Resource key="agencies" name="agencies" {...agencies} />,
      ...(isAdmin(permissions)
        ? [<Resource key="users" name="users" {...users} />, <Resource key="audit-logs" name="audit-logs" {...auditLogs} />]
        : []),
    ]}
  </Admin>
);
