// SBI codes of a relation, picked by searching code or description on the server.
import { MultiSelect } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSbiSearch } from "../../api/reference.js";
import { sentenceCase } from "./options.js";

interface Props {
  value: string[];
  onChange: (codes: string[]) => void;
  error?: React.ReactNode;
  /** Names of the codes already chosen (from the relation), so they show before any search. */
  known: readonly { code: string; nameNl: string; nameEn: string }[];
}

export function SbiPicker({ value, onChange, error, known }: Props) {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 200);
  const results = useSbiSearch(debounced);
  const [labels, setLabels] = useState<Record<string, string>>({});
  const en = i18n.language === "en";

  const data = useMemo(() => {
    const byCode = new Map<string, string>();
    for (const k of known) byCode.set(k.code, `${k.code} – ${sentenceCase(en ? k.nameEn : k.nameNl)}`);
    for (const [code, label] of Object.entries(labels)) byCode.set(code, label);
    const options = (results.data ?? []).map((s) => ({ value: s.code, label: `${s.code} – ${sentenceCase(en ? s.name_en : s.name_nl)}` }));
    for (const o of options) byCode.delete(o.value);
    // Chosen codes first (so their labels show), then the search results.
    const chosen = value.filter((c) => byCode.has(c)).map((c) => ({ value: c, label: byCode.get(c) ?? c }));
    return [...chosen, ...options];
  }, [known, labels, results.data, value, en]);

  return (
    <MultiSelect
      label={t("relationFields.sbiCodes")}
      placeholder={t("relation.form.sbiSearch")}
      data={data}
      value={value}
      onChange={(codes) => {
        // Remember the labels of picked codes: the next search will not return them.
        const next = { ...labels };
        for (const c of codes) {
          const option = data.find((o) => o.value === c);
          if (option) next[c] = option.label;
        }
        setLabels(next);
        onChange(codes);
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server already searched code and names in both languages.
      filter={({ options }) => options}
      maxValues={10}
      error={error}
      clearable
    />
  );
}
