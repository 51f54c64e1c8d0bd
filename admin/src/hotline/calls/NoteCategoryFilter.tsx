// Filters of the call list by what the calls' final notes say: a note category (its code) or a kind.
import { SelectInput, useGetList, useLocaleState } from "react-admin";
import type { NoteCategory } from "../../../../server/contract/hotline/note-categories";
import { categoryName, kindChoices } from "../note-categories/choices";

/** Administrators also get the deactivated categories: old calls are still filed under them. */
export const NoteCategoryFilter = ({ source }: { source: string; alwaysOn?: boolean }) => {
  const [locale] = useLocaleState();
  const { data = [] } = useGetList<NoteCategory & { id: number }>("note-categories", {
    pagination: { page: 1, perPage: 1000 },
    sort: { field: "sortOrder", order: "ASC" },
  });
  return <SelectInput source={source} choices={data.map((c) => ({ id: c.code, name: categoryName(c, locale) }))} translateChoice={false} />;
};

export const noteKindFilter = <SelectInput key="noteKind" source="noteKind" choices={kindChoices} />;
