// The parent company (group) of a relation, found by type-ahead on the relations list.
import { Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Ref } from "../../api/types.js";
import { useRelationSearch } from "./relations.api.js";

interface Props {
  value: string | null;
  onChange: (id: string | null) => void;
  error?: React.ReactNode;
  /** The current parent, so its name shows before any search. */
  current: Ref | null;
  /** The relation being edited, which cannot be its own parent. */
  selfId?: number;
}

export function ParentPicker({ value, onChange, error, current, selfId }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 200);
  const results = useRelationSearch(debounced);
  const [picked, setPicked] = useState<Ref | null>(current);

  const data = useMemo(() => {
    const options = (results.data ?? [])
      .filter((r) => r.id !== selfId)
      .map((r) => ({ value: String(r.id), label: r.city ? `${r.name} (${r.city})` : r.name }));
    if (picked && value === String(picked.id) && !options.some((o) => o.value === value)) {
      options.unshift({ value, label: picked.name });
    }
    return options;
  }, [results.data, picked, value, selfId]);

  return (
    <Select
      label={t("relationFields.parentId")}
      placeholder={t("relation.form.parentSearch")}
      data={data}
      value={value}
      onChange={(id, option) => {
        setPicked(id && option ? { id: Number(id), name: option.label } : null);
        onChange(id);
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      clearable
      error={error}
    />
  );
}
