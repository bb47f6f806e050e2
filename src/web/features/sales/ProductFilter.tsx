// One product chosen by type-ahead on code or name (GET /api/products?q=), for filters and the
// introduction curve; the chosen product's name is looked up by id, so a link keeps its label.
import { Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.js";
import { type Product, useProductSearch } from "../products/products.api.js";

export function useProduct(id: number | null | undefined) {
  return useQuery({
    queryKey: ["products", "one", id],
    queryFn: ({ signal }) => api.get<Product>(`/api/products/${id}`, signal),
    enabled: id !== null && id !== undefined,
    staleTime: 5 * 60 * 1000,
  });
}

interface Props {
  value: number | null | undefined;
  onChange: (id: number | null) => void;
  label?: string;
  placeholder?: string;
  maw?: number;
}

export function ProductFilter({ value, onChange, label, placeholder, maw }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 200);
  const results = useProductSearch(debounced);
  const chosen = useProduct(value);
  const data = useMemo(() => {
    const options = (results.data ?? []).map((p) => ({ value: String(p.id), label: `${p.code} – ${p.name}` }));
    const c = chosen.data;
    if (c && !options.some((o) => o.value === String(c.id))) options.unshift({ value: String(c.id), label: `${c.code} – ${c.name}` });
    return options;
  }, [results.data, chosen.data]);
  return (
    <Select
      label={label ?? t("sales.dimensions.product")}
      placeholder={placeholder ?? t("sales.report.all")}
      data={data}
      value={value ? String(value) : null}
      onChange={(id) => onChange(id === null ? null : Number(id))}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={t("products.picker.nothingFound")}
      clearable
      maw={maw}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
