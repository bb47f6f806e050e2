// The fields of a relation, grouped as a salesperson thinks of them. Shared by create and edit;
// the page owns the form state and the saving.
import { Checkbox, Fieldset, NumberInput, Select, SimpleGrid, Stack, TagsInput, TextInput, Textarea } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { useTranslation } from "react-i18next";
import { INITIAL_STATUSES } from "../../../domain/lifecycle.js";
import { useRayons, useUsers } from "../../api/reference.js";
import type { RelationDetail } from "../../api/types.js";
import { classOptions, kindOptions, legalFormOptions, statusOptions } from "./options.js";
import { ParentPicker } from "./ParentPicker.js";
import type { RelationFormValues } from "./relation-form.js";
import { RELATION_MAX } from "./relation-form.js";
import { RequirementsEditor } from "./RequirementsEditor.js";
import { SbiPicker } from "./SbiPicker.js";
import { FormButtons } from "../../components/FormButtons.js";

interface Props {
  form: UseFormReturnType<RelationFormValues>;
  mode: "create" | "edit";
  /** The stored relation when editing (for the names of its SBI codes and parent). */
  relation: RelationDetail | null;
  saving: boolean;
  onCancel: () => void;
}

export function RelationForm({ form, mode, relation, saving, onCancel }: Props) {
  const { t } = useTranslation();
  const users = useUsers();
  const rayons = useRayons();
  const label = (field: string) => t(`relationFields.${field}`);
  const text = (field: keyof RelationFormValues, extra: { required?: boolean; type?: string; placeholder?: string; autoComplete?: string } = {}) => (
    <TextInput label={label(field)} maxLength={RELATION_MAX[field]} autoComplete="off" {...extra} {...form.getInputProps(field)} />
  );

  return (
    <Stack>
      <Fieldset legend={t("relation.form.general")}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {text("name", { required: true })}
          <Select label={label("legalForm")} data={legalFormOptions(t)} clearable {...form.getInputProps("legalForm")} />
          <Select label={label("kind")} data={kindOptions(t)} allowDeselect={false} {...form.getInputProps("kind")} />
          {text("kvkNumber", { placeholder: "12345678" })}
          {text("debtorNumber")}
          <ParentPicker
            current={relation?.parent ?? null}
            selfId={relation?.id}
            value={form.values.parentId}
            onChange={(v) => form.setFieldValue("parentId", v)}
            error={form.errors.parentId}
          />
        </SimpleGrid>
        <SbiPicker
          known={relation?.sbiCodes ?? []}
          value={form.values.sbiCodes}
          onChange={(codes) => form.setFieldValue("sbiCodes", codes)}
          error={form.errors.sbiCodes}
        />
      </Fieldset>

      <Fieldset legend={t("relation.form.classification")}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {mode === "create" && (
            <Select label={t("relation.form.initialStatus")} data={statusOptions(t, INITIAL_STATUSES)} allowDeselect={false} {...form.getInputProps("status")} />
          )}
          <Select label={label("accountClass")} data={classOptions(t)} clearable {...form.getInputProps("accountClass")} />
          <Checkbox mt="xl" label={label("classOverride")} {...form.getInputProps("classOverride", { type: "checkbox" })} />
          {form.values.classOverride && (
            <Textarea label={label("classOverrideReason")} required autosize maxLength={500} {...form.getInputProps("classOverrideReason")} />
          )}
          {(mode === "create" ? form.values.accountClass !== null : form.isDirty("accountClass")) && !form.values.classOverride && (
            <Textarea label={label("classReason")} autosize maxLength={500} {...form.getInputProps("classReason")} />
          )}
        </SimpleGrid>
      </Fieldset>

      <Fieldset legend={t("relation.visitAddress")}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {text("visitStreet")}
          {text("visitHouseNumber")}
          {text("visitPostcode", { placeholder: "1234 AB" })}
          {text("visitCity")}
          {text("visitCountry", { placeholder: "NL" })}
        </SimpleGrid>
      </Fieldset>

      <Fieldset legend={t("relation.postalAddress")}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {text("postalStreet")}
          {text("postalHouseNumber")}
          {text("postalPostcode", { placeholder: "1234 AB" })}
          {text("postalCity")}
          {text("postalCountry", { placeholder: "NL" })}
        </SimpleGrid>
      </Fieldset>

      <Fieldset legend={t("relation.contact")}>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {text("phone", { type: "tel" })}
          {text("website", { type: "url", placeholder: "https://" })}
          {text("email", { type: "email" })}
        </SimpleGrid>
      </Fieldset>

      <Fieldset legend={t("relation.sales")}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={label("ownerId")}
            data={(users.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
            searchable
            clearable
            {...form.getInputProps("ownerId")}
          />
          <Select
            label={label("rayonId")}
            data={(rayons.data ?? []).map((r) => ({ value: String(r.id), label: r.name }))}
            searchable
            clearable
            {...form.getInputProps("rayonId")}
          />
          <NumberInput
            label={label("revenuePotentialCents")}
            prefix="€ "
            decimalSeparator=","
            thousandSeparator="."
            decimalScale={2}
            fixedDecimalScale
            allowNegative={false}
            min={0}
            hideControls
            {...form.getInputProps("revenuePotential")}
          />
          {text("currentSupplier")}
          {text("contractEndDate", { type: "date" })}
          <Textarea label={label("competitorPriceNote")} autosize maxLength={1000} {...form.getInputProps("competitorPriceNote")} />
        </SimpleGrid>
        <TagsInput
          mt="sm"
          label={label("productInterests")}
          description={t("relation.form.interestsHint")}
          maxTags={30}
          {...form.getInputProps("productInterests")}
        />
        <RequirementsEditor
          label={label("requirements")}
          description={t("relation.form.requirementsHint")}
          value={form.values.requirements}
          onChange={(next) => form.setFieldValue("requirements", next)}
        />
      </Fieldset>

      <Textarea label={label("notes")} autosize minRows={3} maxLength={10_000} {...form.getInputProps("notes")} />

      <FormButtons onCancel={onCancel} loading={saving} submitLabel={t("common.save")} />
    </Stack>
  );
}
