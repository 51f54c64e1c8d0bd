// A titled card of a record's page (a call, a case): a landmark named by its translated title.
import { Card, CardContent, Typography } from "@mui/material";
import type { ReactNode } from "react";
import { useTranslate } from "react-admin";

export const Section = ({ title, children }: { title: string; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <Card variant="outlined" sx={{ mt: 2 }} component="section" aria-label={translate(title)}>
      <CardContent>
        <Typography variant="h6" component="h3" sx={{ mb: 1 }}>
          {translate(title)}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
};
