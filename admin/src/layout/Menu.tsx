// The console's menu in the server's wings: the hotline, messaging, privacy, agencies and users, the system.
// Entries are the resources the user may see (App.tsx declares only those), under their section.
import ListSubheader from "@mui/material/ListSubheader";
import { Menu as RaMenu, useResourceDefinitions, useSidebarState, useTranslate } from "react-admin";

const SECTIONS = [
  {
    id: "hotline",
    resources: [
      "desk",
      "board",
      "calls",
      "cases",
      "callback-requests",
      "knowledge-articles",
      "satisfaction-report",
      "agency-reports",
      "ivr-flow-versions",
      "note-categories",
      "case-service-levels",
      "report-scoring",
      "simulator",
    ],
  },
  {
    id: "outreach",
    resources: [
      "campaigns",
      "contacts",
      "contact-lists",
      "segments",
      "suppressions",
      "dnc",
      "sms-templates",
      "zns-templates",
      "sms-senders",
      "sms-policy",
    ],
  },
  { id: "privacy", resources: ["privacy-requests"] },
  { id: "agencies", resources: ["agencies", "hours-overrides", "users"] },
  { id: "system", resources: ["audit-logs", "retention"] },
] as const;

export const Menu = () => {
  const resources = useResourceDefinitions();
  const translate = useTranslate();
  const [open] = useSidebarState();
  const listed = (name: string) => resources[name]?.hasList === true;
  const placed = new Set<string>(SECTIONS.flatMap((section) => section.resources));
  // A resource added without a section still shows, at the end, rather than vanishing.
  const others = Object.keys(resources).filter((name) => listed(name) && !placed.has(name));
  return (
    <RaMenu>
      <RaMenu.DashboardItem />
      {SECTIONS.map((section) => {
        const names = section.resources.filter(listed);
        if (names.length === 0) return null;
        return [
          open ? (
            <ListSubheader key={section.id} disableSticky sx={{ lineHeight: "32px", mt: 1, bgcolor: "transparent" }}>
              {translate(`tthc.menu.${section.id}`)}
            </ListSubheader>
          ) : null,
          ...names.map((name) => <RaMenu.ResourceItem key={name} name={name} />),
        ];
      })}
      {others.map((name) => (
        <RaMenu.ResourceItem key={name} name={name} />
      ))}
    </RaMenu>
  );
};
