import DoneIcon from "@mui/icons-material/Done";
import { Button, useNotify, useRecordContext, useRefresh, useUpdate } from "react-admin";
import type { CallbackRequest } from "../../../../server/contract/hotline/callbacks";

/** Closes an open request without another call (e.g. the citizen came to the office). */
export const CloseButton = () => {
  const record = useRecordContext<CallbackRequest>();
  const [update, { isPending }] = useUpdate();
  const notify = useNotify();
  const refresh = useRefresh();
  if (record?.status !== "open") return null;
  const close = () =>
    update(
      "callback-requests",
      { id: record.id, data: { status: "closed" }, previousData: record },
      {
        mutationMode: "pessimistic",
        onSuccess: () => {
          notify("tthc.callbacks.closed_success", { type: "success" });
          refresh();
        },
        onError: (error) => notify(error instanceof Error ? error.message : "ra.notification.http_error", { type: "error" }),
      },
    );
  return (
    <Button label="tthc.callbacks.close" onClick={close} disabled={isPending}>
      <DoneIcon />
    </Button>
  );
};
