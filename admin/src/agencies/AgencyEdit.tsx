import { Box } from "@mui/material";
import { DeleteButton, Edit, SaveButton, SimpleForm, Toolbar } from "react-admin";
import { AgencyBreadcrumb } from "./AgencyBreadcrumb";
import { AgencyChildren } from "./AgencyChildren";
import { AgencyInputs } from "./AgencyInputs";

// Pessimistic, so the server's field errors (taken, parent_cycle, in_use) show before leaving.
const EditToolbar = () => (
  <Toolbar sx={{ justifyContent: "space-between" }}>
    <SaveButton />
    <DeleteButton mutationMode="pessimistic" />
  </Toolbar>
);

export const AgencyEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <Box sx={{ px: 2, pt: 2 }}>
      <AgencyBreadcrumb />
    </Box>
    <SimpleForm toolbar={<EditToolbar />}>
      <AgencyInputs />
    </SimpleForm>
    <AgencyChildren />
  </Edit>
);
