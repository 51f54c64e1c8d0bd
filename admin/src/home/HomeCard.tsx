import type { SvgIconComponent } from "@mui/icons-material";
import { Box, Card, CardActionArea, CardContent, Skeleton, Stack, Typography } from "@mui/material";
import type { ReactNode } from "react";
import { Link, useTranslate } from "react-admin";

export interface HomeCardProps {
  /** data-testid of the figure: `home-<id>`. */
  id: string;
  label: string;
  icon: SvgIconComponent;
  /** null while loading. */
  value: string | null;
  detail?: ReactNode;
  /** Where the figure's rows are; without it the card is not a link. */
  to?: string;
  warn?: boolean;
  children?: ReactNode;
}

/** One figure of a home page, with what it counts one click away. */
export const HomeCard = ({ id, label, icon: Icon, value, detail, to, warn, children }: HomeCardProps) => {
  const translate = useTranslate();
  const content = (
    <CardContent>
      <Stack direction="row" spacing={2} sx={{ alignItems: "center" }}>
        <Icon fontSize="large" color={warn ? "warning" : "primary"} />
        <Box sx={{ minWidth: 0 }}>
          <Typography color="text.secondary">{translate(label)}</Typography>
          <Typography variant="h4" component="p" data-testid={`home-${id}`} color={warn ? "warning.main" : undefined}>
            {value ?? <Skeleton width={60} />}
          </Typography>
          {detail && (
            <Typography variant="caption" color="text.secondary" component="div">
              {detail}
            </Typography>
          )}
        </Box>
      </Stack>
      {children}
    </CardContent>
  );
  return (
    <Card sx={{ minWidth: 240, flex: "1 1 240px", maxWidth: 420 }} data-testid={`home-card-${id}`}>
      {to ? (
        <CardActionArea component={Link} to={to} sx={{ height: "100%" }}>
          {content}
        </CardActionArea>
      ) : (
        content
      )}
    </Card>
  );
};
