import { List, ListItem, ListItemText } from "@mui/material";
import type { Problem } from "../../../../server/contract/hotline/ivr-flows";

/** "file: node: message", as `npm run flows:check` prints them. */
export const ProblemList = ({ problems }: { problems: Problem[] }) => (
  <List dense disablePadding>
    {problems.map((problem) => (
      <ListItem key={`${problem.file}:${problem.node ?? ""}:${problem.message}`} disableGutters>
        <ListItemText
          primary={problem.message}
          secondary={[problem.file, problem.node].filter(Boolean).join(" › ")}
          slotProps={{ primary: { sx: { fontFamily: "monospace", fontSize: 13 } } }}
        />
      </ListItem>
    ))}
  </List>
);
