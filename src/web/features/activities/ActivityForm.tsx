// Log or edit a contact moment: kind, date/time, who took part (our users and the relation's persons),
// sales method, notes for the customer record and separate internal notes, outcome, vk%, next step;
// when logging, also the next action with its date and assignee, and files to attach.
import { DateTimeField } from "../../components/DateTimeField.js";
import { FileInput, Fieldset, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/client.js";
import { errorMessage } from "../../api/problems.js";
import { useUsers } from "../../api/reference.js";
import type { Person } from "../../api/types.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { VersionConflictAlert } from "../../components/VersionConflictAlert.js";
import { useCurrentUser } from "../auth/session.js";
import { ACTIVITY_MAX, type ActivityFormValues, activityChanges, activityCreateBody, activityFieldErrors, activityFormValues, dateOf, validateActivity } from "./activity-form.js";
import { uploadAttachment, useCreateActivity, useRefreshCrm, useUpdateActivity } from "./activities.api.js";
import { DueDatePicker } from "./DueDatePicker.js";
import { ACCEPTED_FILES, MAX_FILE_BYTES, UploadErrors, uploadMessage } from "./Attachments.js";
import { kindOptions, salesMethodOptions } from "./options.js";
import type { Activity } from "./types.js";
import { FormButtons } from "../../components/FormButtons.js";

interface Props {
  relationId: number;
  persons: readonly Person[];
  /** The contact moment to edit; null logs a new one. */
  activity: Activity | null;
  onDone: () => void;
  /** Fetch the timeline again after a version conflict. */
  onReload: () => void;
}

export function ActivityForm({ relationId, persons, activity, onDone, onReload }: Props) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const users = useUsers();
  const create = useCreateActivity(relationId);
  const update = useUpdateActivity(relationId);
  const refresh = useRefreshCrm();
  const mutation = activity ? update : create;
  const [files, setFiles] = useState<File[]>([]);
  const [uploadErrors, setUploadErrors] = useState<string[]>([]);
  const form = useForm<ActivityFormValues>({
    initialValues: activityFormValues(activity, { userId: me.id, now: new Date() }),
    validate: validateActivity(t),
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: restart from the stored values when a reloaded version arrives
  useEffect(() => {
    const values = activityFormValues(activity, { userId: me.id, now: new Date() });
    form.setInitialValues(values);
    form.setValues(values);
    form.clearErrors();
  }, [activity?.id, activity?.version]);

  const userOptions = (users.data ?? []).map((u) => ({ value: String(u.id), label: u.name }));
  // Users that left keep their name on old contact moments.
  for (const u of activity?.users ?? []) if (!userOptions.some((o) => o.value === String(u.id))) userOptions.push({ value: String(u.id), label: u.name });
  const chosen = new Set(form.values.personIds);
  const personOptions = persons.filter((p) => p.active || chosen.has(String(p.id))).map((p) => ({ value: String(p.id), label: p.displayName }));
  for (const p of activity?.persons ?? []) if (!personOptions.some((o) => o.value === String(p.id))) personOptions.push({ value: String(p.id), label: p.name });

  const conflict = isApiError(mutation.error, "version_conflict");
  const mapped = activityFieldErrors(t, mutation.error);

  const uploadAll = async (activityId: number) => {
    const failed: string[] = [];
    for (const file of files) {
      if (file.size > MAX_FILE_BYTES) {
        failed.push(t("activities.attachments.failed", { name: file.name, message: t("activities.attachments.tooLarge") }));
        continue;
      }
      try {
        await uploadAttachment(activityId, file);
      } catch (error) {
        failed.push(t("activities.attachments.failed", { name: file.name, message: uploadMessage(t, error) }));
      }
    }
    refresh(relationId);
    return failed;
  };

  const submit = (values: ActivityFormValues) => {
    const onError = (error: unknown) => form.setErrors(activityFieldErrors(t, error).byField);
    if (activity) {
      const changes = activityChanges(activityFormValues(activity, { userId: me.id, now: new Date() }), values);
      if (Object.keys(changes).length === 0) return onDone();
      update.mutate(
        { id: activity.id, version: activity.version, changes },
        {
          onSuccess: () => {
            notifications.show({ message: t("activities.saved"), color: "green" });
            onDone();
          },
          onError,
        },
      );
      return;
    }
    create.mutate(activityCreateBody(values), {
      onSuccess: async (created) => {
        const failed = files.length > 0 ? await uploadAll(created.id) : [];
        notifications.show({ message: t("activities.created"), color: "green" });
        setFiles([]);
        setUploadErrors(failed);
        if (failed.length === 0) {
          form.reset();
          onDone();
        } else {
          // The contact moment is saved; only the files need another try (from its card).
          form.setValues(activityFormValues(null, { userId: me.id, now: new Date() }));
        }
      },
      onError,
    });
  };

  const textarea = (field: "notes" | "internalNotes", extra: { description?: string } = {}) => (
    <Textarea label={t(`activities.fields.${field}`)} autosize minRows={3} maxRows={12} maxLength={ACTIVITY_MAX[field]} {...extra} {...form.getInputProps(field)} />
  );

  return (
    <form noValidate onSubmit={form.onSubmit(submit)} aria-label={activity ? t("activities.editTitle") : t("activities.addTitle")}>
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
        <UploadErrors messages={uploadErrors} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select label={t("activities.fields.kind")} data={kindOptions(t)} allowDeselect={false} required {...form.getInputProps("kind")} />
          <DateTimeField
            label={t("activities.fields.occurredAt")}
            required
            value={form.values.occurredAt}
            onChange={(local) => form.setFieldValue("occurredAt", local)}
            error={form.errors.occurredAt}
          />
          <Select label={t("activities.fields.salesMethod")} data={salesMethodOptions(t)} clearable {...form.getInputProps("salesMethod")} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <MultiSelect label={t("activities.fields.userIds")} data={userOptions} searchable required {...form.getInputProps("userIds")} />
          <MultiSelect
            label={t("activities.fields.personIds")}
            data={personOptions}
            searchable
            nothingFoundMessage={t("activities.form.noPersons")}
            {...form.getInputProps("personIds")}
          />
        </SimpleGrid>
        {textarea("notes", { description: t("activities.form.notesHint") })}
        {textarea("internalNotes", { description: t("activities.form.internalHint") })}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t("activities.fields.outcome")} maxLength={ACTIVITY_MAX.outcome} {...form.getInputProps("outcome")} />
          <NumberInput label={t("activities.fields.winChance")} min={0} max={100} allowDecimal={false} allowNegative={false} suffix=" %" {...form.getInputProps("winChance")} />
          <TextInput label={t("activities.fields.nextStep")} maxLength={ACTIVITY_MAX.nextStep} {...form.getInputProps("nextStep")} />
        </SimpleGrid>
        {!activity && (
          <Fieldset legend={t("activities.followUp.legend")}>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label={t("activities.followUp.action")}
                placeholder={t("activities.followUp.actionPlaceholder")}
                maxLength={ACTIVITY_MAX.followUpAction}
                {...form.getInputProps("followUpAction")}
              />
              <DueDatePicker
                label={t("activities.followUp.dueDate")}
                value={form.values.followUpDueDate}
                onChange={(date) => form.setFieldValue("followUpDueDate", date)}
                quickChoice={form.values.followUpQuickChoice}
                onQuickChoice={(choice) => form.setFieldValue("followUpQuickChoice", choice)}
                from={dateOf(form.values.occurredAt) ?? undefined}
                error={form.errors.followUpDueDate as string | undefined}
              />
              <Select label={t("activities.followUp.assignedTo")} data={userOptions} searchable allowDeselect={false} {...form.getInputProps("followUpAssignedTo")} />
            </SimpleGrid>
          </Fieldset>
        )}
        {!activity && (
          <FileInput
            label={t("activities.attachments.add")}
            description={t("activities.attachments.hint")}
            multiple
            clearable
            accept={ACCEPTED_FILES}
            value={files}
            onChange={setFiles}
          />
        )}
        {users.isError && <Text c="red" size="sm">{errorMessage(t, users.error)}</Text>}
        <FormButtons onCancel={onDone} loading={mutation.isPending} submitLabel={activity ? t("common.save") : t("activities.submit")} />
      </Stack>
    </form>
  );
}
