// A list's members on its page: the contacts in it, with the same columns as the contacts grid, and a
// bulk action that takes the ticked ones out of the list (the contacts themselves stay).
import PlaylistRemoveIcon from "@mui/icons-material/PlaylistRemove";
import { useState } from "react";
import {
  Button,
  Confirm,
  Datagrid,
  type Identifier,
  Pagination,
  ReferenceField,
  ReferenceManyField,
  TextField,
  useCanAccess,
  useListContext,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from "react-admin";
import { ConsentChip } from "../contacts/ConsentChip";
import { changeMembers } from "./api";

const RemoveFromListButton = ({ listId }: { listId: Identifier }) => {
  const { selectedIds, onUnselectItems } = useListContext();
  const [open, setOpen] = useState(false);
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const count = selectedIds.length.toLocaleString("vi-VN");

  const remove = async () => {
    setOpen(false);
    try {
      const removed = await changeMembers(listId, "DELETE", { contactIds: selectedIds });
      notify("tthc.contact_lists.removed", { type: "success", messageArgs: { count: removed.toLocaleString("vi-VN") } });
      onUnselectItems();
      refresh();
    } catch (error) {
      notify(error instanceof Error ? error.message : "ra.notification.http_error", { type: "error" });
    }
  };
  return (
    <>
      <Button label="tthc.contact_lists.remove" onClick={() => setOpen(true)}>
        <PlaylistRemoveIcon />
      </Button>
      <Confirm
        isOpen={open}
        title="tthc.contact_lists.remove"
        content={translate("tthc.contact_lists.remove_confirm", { count })}
        onConfirm={remove}
        onClose={() => setOpen(false)}
      />
    </>
  );
};

export const ListMembers = (_props: { label: string }) => {
  const list = useRecordContext();
  const { canAccess } = useCanAccess({ resource: "contact-lists", action: "edit" });
  if (!list) return null;
  return (
    <ReferenceManyField reference="contacts" target="listId" sort={{ field: "id", order: "DESC" }} perPage={25} pagination={<Pagination />}>
      <Datagrid rowClick="show" bulkActionButtons={canAccess ? <RemoveFromListButton listId={list.id} /> : false}>
        <TextField source="phone" />
        <TextField source="name" emptyText="—" />
        <ReferenceField source="agencyId" reference="agencies" link={false} emptyText="—" />
        <ConsentChip source="consentStatus" />
      </Datagrid>
    </ReferenceManyField>
  );
};
