// The agency to pass something on to (a live call from the desk, a case): every active agency of the
// province, searched on the server (`q` over name and code, `transferTarget`), not only the user's
// own subtree. One picker, so the desk and the cases offer the same list.
import { Autocomplete, TextField } from "@mui/material";
import { useState } from "react";
import { useGetList } from "react-admin";

export interface AgencyOption {
  id: number;
  code: string;
  name: string;
}

export const useTransferTargets = (q: string) =>
  useGetList<AgencyOption>("agencies", {
    filter: q ? { q, transferTarget: true } : { transferTarget: true },
    sort: { field: "name", order: "ASC" },
    pagination: { page: 1, perPage: 20 },
  });

interface TransferTargetPickerProps {
  value: AgencyOption | null;
  onChange: (agency: AgencyOption | null) => void;
  label: string;
  helperText?: string;
  /** Agencies not to offer (the current owner). */
  exclude?: number[];
}

export const TransferTargetPicker = ({ value, onChange, label, helperText, exclude = [] }: TransferTargetPickerProps) => {
  const [search, setSearch] = useState("");
  const { data: agencies = [], isPending } = useTransferTargets(search);
  return (
    <Autocomplete
      options={agencies.filter((agency) => !exclude.includes(agency.id))}
      loading={isPending}
      value={value}
      onChange={(_, agency) => onChange(agency)}
      onInputChange={(_, text) => setSearch(text)}
      filterOptions={(options) => options}
      getOptionLabel={(option) => `${option.name} (${option.code})`}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      renderInput={(params) => <TextField {...params} required label={label} helperText={helperText} />}
    />
  );
};
