// A message shown as the phone shows it: the text as sent, line breaks kept, in a bubble.
import { Box } from "@mui/material";

export const SmsBubble = ({ text, testId }: { text: string; testId: string }) => (
  <Box
    data-testid={testId}
    sx={{ p: 1.5, borderRadius: 2, bgcolor: "action.hover", whiteSpace: "pre-wrap", fontFamily: "monospace", maxWidth: 420 }}
  >
    {text}
  </Box>
);
