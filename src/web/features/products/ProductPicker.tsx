// A product found by type-ahead on code or name (GET /api/products?q=), for quote lines.
import { Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Product, useProductSearch } from "./products.api.js";

export interface ProductChoice {
  id: number;
  code: string;
  name: string;
  unit: string;
  /** Null for a product taken from a saved quote line (its list price is not part of the line). */
  listPriceCents: number | null;
}

interface Props {
  label: string;
  value: ProductChoice | null;
  onChange: (product: ProductChoice | null) => void;
  error?: React.ReactNode;
}

const choiceOf = (p: Product): ProductChoice => ({ id: p.id, code: p.code, name: p.name, unit: p.unit, listPriceCents: p.listPriceCents });

export function ProductPicker({ label, value, onChange, error }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 200);
  const results = useProductSearch(debounced);

  const data = useMemo(() => {
    const options = (results.data ?? []).map((p) => ({ value: String(p.id), label: `${p.code} – ${p.name}` }));
    if (value && !options.some((o) => o.value === String(value.id))) options.unshift({ value: String(value.id), label: `${value.code} – ${value.name}` });
    return options;
  }, [results.data, value]);

  return (
    <Select
      aria-label={label}
      placeholder={t("products.picker.placeholder")}
      data={data}
      value={value ? String(value.id) : null}
      onChange={(id) => {
        const found = (results.data ?? []).find((p) => String(p.id) === id);
        onChange(id === null ? null : found ? choiceOf(found) : value);
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={t("products.picker.nothingFound")}
      required
      error={error}
    />
  );
}
