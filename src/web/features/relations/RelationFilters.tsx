// Filters of the relations list: status, class, SBI section, city, postcode range and owner.
import { Button, Group, MultiSelect, SimpleGrid } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { FieldError } from "../../api/client.js";
import { fieldMessage } from "../../api/problems.js";
import { useSbiSections, useUsers } from "../../api/reference.js";
import { DebouncedTextInput } from "../../components/DebouncedTextInput.js";
import { hasFilters, type ListState } from "./list-state.js";
import { classOptions, sentenceCase, statusOptions } from "./options.js";

interface Props {
  state: ListState;
  update: (change: Partial<ListState>) => void;
  /** Field problems of the last list request (a postcode bound the server cannot read). */
  problems: readonly FieldError[];
}

export function RelationFilters({ state, update, problems }: Props) {
  const { t, i18n } = useTranslation();
  const sections = useSbiSections();
  const users = useUsers();
  const problemOf = (field: string) => {
    const p = problems.find((x) => x.field === field);
    return p ? fieldMessage(t, p) : undefined;
  };
  const english = i18n.language === "en";

  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
      <MultiSelect
        label={t("relations.filter.status")}
        placeholder={state.status.length === 0 ? t("relations.filter.any") : undefined}
        data={statusOptions(t)}
        value={state.status}
        onChange={(status) => update({ status })}
        clearable
      />
      <MultiSelect
        label={t("relations.filter.class")}
        placeholder={state.class.length === 0 ? t("relations.filter.any") : undefined}
        data={[...classOptions(t), { value: "none", label: t("accountClass.none") }]}
        value={state.class}
        onChange={(value) => update({ class: value })}
        clearable
      />
      <MultiSelect
        label={t("relations.filter.sbi")}
        placeholder={state.sbi.length === 0 ? t("relations.filter.any") : undefined}
        data={(sections.data ?? []).map((s) => ({ value: s.code, label: `${s.code} – ${sentenceCase(english ? s.name_en : s.name_nl)}` }))}
        value={state.sbi}
        onChange={(sbi) => update({ sbi })}
        searchable
        clearable
      />
      <MultiSelect
        label={t("relations.filter.owner")}
        placeholder={state.owner.length === 0 ? t("relations.filter.any") : undefined}
        data={[{ value: "none", label: t("relations.filter.noOwner") }, ...(users.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))]}
        value={state.owner}
        onChange={(owner) => update({ owner })}
        searchable
        clearable
      />
      <DebouncedTextInput label={t("relations.filter.city")} value={state.city} onCommit={(city) => update({ city })} />
      <DebouncedTextInput
        label={t("relations.filter.postcodeFrom")}
        value={state.postcodeFrom}
        onCommit={(postcodeFrom) => update({ postcodeFrom })}
        error={problemOf("postcodeFrom")}
        maxLength={7}
        placeholder="1000"
      />
      <DebouncedTextInput
        label={t("relations.filter.postcodeTo")}
        value={state.postcodeTo}
        onCommit={(postcodeTo) => update({ postcodeTo })}
        error={problemOf("postcodeTo")}
        maxLength={7}
        placeholder="1099 ZZ"
      />
      <Group align="end">
        <Button
          variant="default"
          disabled={!hasFilters(state)}
          onClick={() => update({ status: [], class: [], sbi: [], owner: [], city: "", postcodeFrom: "", postcodeTo: "", visitNorm: "", normAsOf: "" })}
        >
          {t("relations.clearFilters")}
        </Button>
      </Group>
    </SimpleGrid>
  );
}
