// The relation of a quote, found by type-ahead on the relations list (GET /api/relations?q=).
import { Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Ref } from "../../api/types.js";
import { useRelationSearch } from "../relations/relations.api.js";

interface Props {
  value: number | null;
  onChange: (relation: Ref | null) => void;
  /** The chosen relation, so its name shows before any search. */
  current: Ref | null;
  error?: React.ReactNode;
  required?: boolean;
  /** Defaults to the quote's "Relatie". */
  label?: string;
}

export function RelationPicker({ value, onChange, current, error, required, label }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 200);
  const results = useRelationSearch(debounced);

  const data = useMemo(() => {
    const options = (results.data ?? []).map((r) => ({ value: String(r.id), label: r.city ? `${r.name} (${r.city})` : r.name }));
    if (current && !options.some((o) => o.value === String(current.id))) options.unshift({ value: String(current.id), label: current.name });
    return options;
  }, [results.data, current]);

  return (
    <Select
      label={label ?? t("quotes.fields.relation")}
      placeholder={t("quotes.form.relationSearch")}
      data={data}
      value={value === null ? null : String(value)}
      onChange={(id) => {
        const found = (results.data ?? []).find((r) => String(r.id) === id);
        onChange(id === null ? null : found ? { id: found.id, name: found.name } : current);
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={t("quotes.form.nothingFound")}
      required={required}
      error={error}
    />
  );
}
