// Bulk delete that asks first and then reports what the server really did. Each record is deleted
// on its own request, so one refusal (409 "in use") neither hides the others' success nor passes
// for one: the notice counts the deleted rows and names the refused ones with the server's reason,
// and the refused rows stay in the list, still selected.
import DeleteIcon from "@mui/icons-material/Delete";
import { useState } from "react";
import {
  Button,
  Confirm,
  type Identifier,
  useDataProvider,
  useGetRecordRepresentation,
  useListContext,
  useNotify,
  useRefresh,
  useResourceContext,
  useTranslate,
} from "react-admin";

export const BulkDeleteButton = () => {
  const { selectedIds, data = [], onSelect } = useListContext();
  const resource = useResourceContext() ?? "";
  const dataProvider = useDataProvider();
  const represent = useGetRecordRepresentation(resource);
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);

  // Mid-sentence, the resource's name is in lower case ("Xóa 2 cơ quan").
  const noun = (count: number) => translate(`resources.${resource}.name`, { smart_count: count }).toLocaleLowerCase("vi");

  const remove = async () => {
    setBusy(true);
    const ids = [...selectedIds];
    const results = await Promise.allSettled(
      ids.map((id) => dataProvider.delete(resource, { id, previousData: data.find((record) => record.id === id) })),
    );
    const refused: { id: Identifier; reason: string }[] = [];
    results.forEach((result, i) => {
      if (result.status === "rejected") refused.push({ id: ids[i], reason: String(result.reason?.message ?? "") });
    });
    const names = refused
      .map(({ id, reason }) => {
        const record = data.find((candidate) => candidate.id === id);
        const name = record ? String(represent(record)) : String(id);
        return `${name} (${translate(reason, { _: reason })})`;
      })
      .join("; ");
    const deleted = ids.length - refused.length;
    if (refused.length === 0) notify("ra.notification.deleted", { type: "info", messageArgs: { smart_count: deleted } });
    else if (deleted === 0) notify("tthc.forms.bulk_delete_none", { type: "error", messageArgs: { names } });
    else notify("tthc.forms.bulk_delete_partial", { type: "warning", messageArgs: { deleted, refused: refused.length, names } });
    onSelect(refused.map(({ id }) => id));
    setBusy(false);
    setOpen(false);
    refresh();
  };

  return (
    <>
      <Button label="ra.action.delete" color="error" onClick={() => setOpen(true)} disabled={busy}>
        <DeleteIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title="ra.message.bulk_delete_title"
        content="ra.message.bulk_delete_content"
        titleTranslateOptions={{ smart_count: selectedIds.length, name: noun(selectedIds.length) }}
        contentTranslateOptions={{ smart_count: selectedIds.length, name: noun(1) }}
        confirmColor="warning"
        onConfirm={remove}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
