// "Thêm vào danh sách": the contacts grid's bulk action. Adds the ticked contacts, or every contact the
// current filter matches (all pages), to a list chosen in a dialog.
import PlaylistAddIcon from "@mui/icons-material/PlaylistAdd";
import { Dialog, DialogActions, DialogContent, DialogTitle } from "@mui/material";
import { useState } from "react";
import {
  Button,
  Form,
  RadioButtonGroupInput,
  ReferenceInput,
  required,
  SaveButton,
  SelectInput,
  useListContext,
  useNotify,
  useRefresh,
  useTranslate,
} from "react-admin";
import { changeMembers } from "../contact-lists/api";

export const AddToListButton = () => {
  const { selectedIds, filterValues, total, onUnselectItems } = useListContext();
  const [open, setOpen] = useState(false);
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const count = (n: number) => n.toLocaleString("vi-VN");

  const submit = async (values: Record<string, unknown>) => {
    try {
      const members = values.scope === "filter" ? { filter: filterValues } : { contactIds: selectedIds };
      const added = await changeMembers(values.listId as number, "POST", members);
      notify("tthc.contact_lists.added", { type: "success", messageArgs: { count: count(added) } });
      setOpen(false);
      onUnselectItems();
      refresh();
    } catch (error) {
      notify(error instanceof Error ? error.message : "ra.notification.http_error", { type: "error" });
    }
  };

  const scopes = [
    { id: "selected", name: translate("tthc.contact_lists.scope_selected", { count: count(selectedIds.length) }) },
    { id: "filter", name: translate("tthc.contact_lists.scope_filter", { count: count(total ?? 0) }) },
  ];
  return (
    <>
      <Button label="tthc.contacts.add_to_list" onClick={() => setOpen(true)}>
        <PlaylistAddIcon />
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby="add-to-list-title" fullWidth maxWidth="sm">
        <Form onSubmit={submit} record={{ scope: "selected" }}>
          <DialogTitle id="add-to-list-title">{translate("tthc.contacts.add_to_list")}</DialogTitle>
          <DialogContent>
            <ReferenceInput source="listId" reference="contact-lists" sort={{ field: "name", order: "ASC" }}>
              <SelectInput label="tthc.contact_lists.choose" optionText="name" validate={required()} fullWidth />
            </ReferenceInput>
            <RadioButtonGroupInput source="scope" label="tthc.contact_lists.scope" choices={scopes} row={false} />
          </DialogContent>
          <DialogActions>
            <Button label="ra.action.cancel" onClick={() => setOpen(false)} />
            <SaveButton label="tthc.contacts.add_to_list" icon={<PlaylistAddIcon />} alwaysEnable />
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
};
