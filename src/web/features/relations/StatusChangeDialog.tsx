// Change the lifecycle status: only the statuses the domain allows next, always with a reason
// (kept in the status history).
import { Button, Group, Modal, Select, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { RelationStatus } from "../../../domain/lifecycle.js";
import { isApiError } from "../../api/client.js";
import { mapFieldErrors } from "../../api/problems.js";
import type { RelationDetail } from "../../api/types.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { VersionConflictAlert } from "../../components/VersionConflictAlert.js";
import { statusOptions } from "./options.js";
import { useUpdateRelation } from "./relations.api.js";

interface Props {
  relation: RelationDetail;
  opened: boolean;
  onClose: () => void;
  onReload: () => void;
}

const REASON_MAX = 500;

export function StatusChangeDialog({ relation, opened, onClose, onReload }: Props) {
  const { t } = useTranslation();
  const update = useUpdateRelation(relation.id);
  const form = useForm({
    initialValues: { status: null as string | null, statusReason: "" },
    validate: {
      status: (v) => (v ? null : t("fieldErrors.required")),
      statusReason: (v) =>
        v.trim() === "" ? t("fieldErrors.status_reason_required") : v.length > REASON_MAX ? t("fieldErrors.maxLength", { max: REASON_MAX }) : null,
    },
  });
  const close = () => {
    form.reset();
    update.reset();
    onClose();
  };
  const mapped = mapFieldErrors(t, update.error, ["status", "statusReason"]);
  const conflict = isApiError(update.error, "version_conflict");

  return (
    <Modal opened={opened} onClose={close} title={t("relation.statusDialog.title")}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          update.mutate(
            { version: relation.version, changes: { status: values.status as RelationStatus, statusReason: values.statusReason.trim() } },
            {
              onSuccess: () => {
                notifications.show({ message: t("relation.statusDialog.done"), color: "green" });
                close();
              },
              onError: (error) => form.setErrors(mapFieldErrors(t, error, ["status", "statusReason"]).byField),
            },
          ),
        )}
      >
        <Stack>
          <Text size="sm">{t("relation.statusDialog.current", { status: t(`status.${relation.status}`) })}</Text>
          {conflict && (
            <VersionConflictAlert
              onReload={() => {
                update.reset();
                onReload();
              }}
            />
          )}
          {update.isError && !conflict && Object.keys(mapped.byField).length === 0 && <ErrorAlert error={update.error} fields={mapped.other} />}
          {relation.allowedNextStatuses.length === 0 ? (
            <Text>{t("relation.statusDialog.noneAllowed")}</Text>
          ) : (
            <>
              <Select
                label={t("relation.statusDialog.newStatus")}
                data={statusOptions(t, relation.allowedNextStatuses)}
                required
                {...form.getInputProps("status")}
              />
              <Textarea
                label={t("relation.statusDialog.reason")}
                description={t("relation.statusDialog.reasonHint")}
                required
                autosize
                minRows={2}
                maxLength={REASON_MAX}
                {...form.getInputProps("statusReason")}
              />
            </>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={update.isPending} disabled={relation.allowedNextStatuses.length === 0}>
              {t("relation.statusDialog.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
