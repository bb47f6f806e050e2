// Add or edit a person of a relation, in a dialog. Server field problems appear beside their field.
import { Checkbox, Group, Modal, MultiSelect, Select, SimpleGrid, Stack, TextInput, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { DMU_ROLES } from "../../../domain/dmu.js";
import { GENDERS } from "../../../domain/person-name.js";
import { isApiError } from "../../api/client.js";
import { mapFieldErrors } from "../../api/problems.js";
import type { Person } from "../../api/types.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { VersionConflictAlert } from "../../components/VersionConflictAlert.js";
import { PERSON_FIELDS, type PersonFormValues, personBody, personChanges, personFormValues, validatePerson } from "./person-form.js";
import { useCreatePerson, useUpdatePerson } from "./persons.api.js";
import { FormButtons } from "../../components/FormButtons.js";

interface Props {
  relationId: number;
  /** The person to edit; null adds a new one. */
  person: Person | null;
  opened: boolean;
  onClose: () => void;
  /** Fetch the relation (with its persons) again after a version conflict. */
  onReload: () => void;
}

export function PersonFormModal({ relationId, person, opened, onClose, onReload }: Props) {
  const { t } = useTranslation();
  const create = useCreatePerson(relationId);
  const update = useUpdatePerson(relationId);
  const mutation = person ? update : create;
  const form = useForm<PersonFormValues>({ initialValues: personFormValues(person), validate: validatePerson(t) });

  // A (re)opened dialog, or a reloaded person, starts from the stored values.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the person or its version changes
  useEffect(() => {
    if (!opened) return;
    const values = personFormValues(person);
    form.setInitialValues(values);
    form.setValues(values);
    form.clearErrors();
  }, [opened, person?.id, person?.version]);

  const close = () => {
    create.reset();
    update.reset();
    onClose();
  };
  const mapped = mapFieldErrors(t, mutation.error, PERSON_FIELDS);
  const conflict = isApiError(mutation.error, "version_conflict");

  const submit = (values: PersonFormValues) => {
    const handlers = {
      onSuccess: () => {
        notifications.show({ message: t("persons.saved"), color: "green" });
        close();
      },
      onError: (error: unknown) => form.setErrors(mapFieldErrors(t, error, PERSON_FIELDS).byField),
    };
    if (person) {
      const changes = personChanges(personFormValues(person), values);
      if (Object.keys(changes).length === 0) return close();
      update.mutate({ id: person.id, version: person.version, changes }, handlers);
    } else {
      create.mutate(personBody(values), handlers);
    }
  };

  const text = (field: keyof PersonFormValues, extra: { required?: boolean; type?: string; autoComplete?: string } = {}) => (
    <TextInput label={t(`persons.fields.${field}`)} {...extra} {...form.getInputProps(field)} />
  );

  return (
    <Modal
      opened={opened}
      onClose={close}
      size="lg"
      title={person ? t("persons.editTitle", { name: person.displayName }) : t("persons.addTitle")}
    >
      <form noValidate onSubmit={form.onSubmit(submit)}>
        <Stack>
          {conflict && (
            <VersionConflictAlert
              onReload={() => {
                update.reset();
                onReload();
              }}
            />
          )}
          {mutation.isError && !conflict && <ErrorAlert error={mutation.error} fields={mapped.other} />}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {text("firstName", { autoComplete: "off" })}
            {text("initials")}
            {text("infix")}
            {text("lastName", { required: true })}
            <Select
              label={t("persons.fields.gender")}
              data={GENDERS.map((g) => ({ value: g, label: t(`gender.${g}`) }))}
              allowDeselect={false}
              {...form.getInputProps("gender")}
            />
            {text("title")}
            {text("jobTitle")}
            {text("department")}
            {text("phoneDirect", { type: "tel" })}
            {text("phoneMobile", { type: "tel" })}
            {text("email", { type: "email" })}
            {text("linkedinUrl", { type: "url" })}
          </SimpleGrid>
          <MultiSelect
            label={t("persons.fields.dmuRoles")}
            data={DMU_ROLES.map((r) => ({ value: r, label: t(`dmu.${r}`) }))}
            {...form.getInputProps("dmuRoles")}
          />
          <Group align="end">
            <Checkbox label={t("persons.fields.active")} {...form.getInputProps("active", { type: "checkbox" })} />
            {!form.values.active && text("leftOn", { type: "date" })}
          </Group>
          <Textarea label={t("persons.fields.notes")} autosize minRows={2} {...form.getInputProps("notes")} />
          <FormButtons onCancel={close} loading={mutation.isPending} submitLabel={t("common.save")} />
        </Stack>
      </form>
    </Modal>
  );
}
