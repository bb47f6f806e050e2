// Actions on one follow-up, used on the relation page and on "My day": done (one click), move to a
// new date (with quick choices counted from today) and reassign. Each sends If-Match; when someone
// else changed the follow-up first, the lists are fetched again and the user is told.
import { Button, Group, Modal, Select, Stack } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { QuickChoice } from "../../../domain/followup-dates.js";
import { isApiError } from "../../api/client.js";
import { errorMessage, mapFieldErrors } from "../../api/problems.js";
import { useUsers } from "../../api/reference.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { VersionConflictAlert } from "../../components/VersionConflictAlert.js";
import { useRefreshCrm, useUpdateFollowUp } from "./activities.api.js";
import { DueDatePicker } from "./DueDatePicker.js";
import type { FollowUp, FollowUpPatchBody } from "./types.js";

type Dialog = null | "move" | "reassign";

export function FollowUpActions({ followUp }: { followUp: FollowUp }) {
  const { t } = useTranslation();
  const update = useUpdateFollowUp();
  const refresh = useRefreshCrm();
  const [dialog, setDialog] = useState<Dialog>(null);
  const name = followUp.action;

  const setStatus = (status: "open" | "done") =>
    update.mutate(
      { followUp, changes: { status } },
      {
        onSuccess: () => notifications.show({ message: t(status === "done" ? "activities.followUps.markedDone" : "activities.followUps.reopened"), color: "green" }),
        onError: (error) => {
          if (isApiError(error, "version_conflict")) refresh(followUp.relation.id);
          notifications.show({ color: "red", message: isApiError(error, "version_conflict") ? t("activities.followUps.changedMeanwhile") : errorMessage(t, error) });
        },
      },
    );

  if (followUp.status === "done") {
    return (
      <Button size="compact-sm" variant="subtle" onClick={() => setStatus("open")} loading={update.isPending} aria-label={`${t("activities.followUps.reopen")}: ${name}`}>
        {t("activities.followUps.reopen")}
      </Button>
    );
  }
  return (
    <>
      <Group gap={4} wrap="nowrap">
        <Button size="compact-sm" variant="light" color="green" onClick={() => setStatus("done")} loading={update.isPending} aria-label={`${t("activities.followUps.done")}: ${name}`}>
          {t("activities.followUps.done")}
        </Button>
        <Button size="compact-sm" variant="subtle" onClick={() => setDialog("move")} aria-label={`${t("activities.followUps.move")}: ${name}`}>
          {t("activities.followUps.move")}
        </Button>
        <Button size="compact-sm" variant="subtle" onClick={() => setDialog("reassign")} aria-label={`${t("activities.followUps.reassign")}: ${name}`}>
          {t("activities.followUps.reassign")}
        </Button>
      </Group>
      {dialog !== null && <FollowUpDialog followUp={followUp} mode={dialog} onClose={() => setDialog(null)} />}
    </>
  );
}

function FollowUpDialog({ followUp, mode, onClose }: { followUp: FollowUp; mode: "move" | "reassign"; onClose: () => void }) {
  const { t } = useTranslation();
  const users = useUsers();
  const update = useUpdateFollowUp();
  const refresh = useRefreshCrm();
  const [dueDate, setDueDate] = useState(followUp.dueDate);
  const [quickChoice, setQuickChoice] = useState<QuickChoice | null>(null);
  const [assignedTo, setAssignedTo] = useState<string | null>(String(followUp.assignedTo.id));
  const conflict = isApiError(update.error, "version_conflict");
  const field = mode === "move" ? "dueDate" : "assignedTo";
  const mapped = mapFieldErrors(t, update.error, [field], { quickChoice: "dueDate" });
  const options = (users.data ?? []).map((u) => ({ value: String(u.id), label: u.name }));
  if (!options.some((o) => o.value === String(followUp.assignedTo.id))) options.push({ value: String(followUp.assignedTo.id), label: followUp.assignedTo.name });

  const submit = () => {
    const changes: FollowUpPatchBody = mode === "move" ? { dueDate } : { assignedTo: Number(assignedTo) };
    update.mutate(
      { followUp, changes },
      {
        onSuccess: () => {
          notifications.show({ message: t(mode === "move" ? "activities.followUps.moved" : "activities.followUps.reassigned"), color: "green" });
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t(mode === "move" ? "activities.followUps.moveTitle" : "activities.followUps.reassignTitle", { action: followUp.action })}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack>
          {conflict && (
            <VersionConflictAlert
              onReload={() => {
                refresh(followUp.relation.id);
                onClose();
              }}
            />
          )}
          {update.isError && !conflict && Object.keys(mapped.byField).length === 0 && <ErrorAlert error={update.error} fields={mapped.other} />}
          {mode === "move" ? (
            <DueDatePicker
              label={t("activities.followUps.newDate")}
              value={dueDate}
              onChange={setDueDate}
              quickChoice={quickChoice}
              onQuickChoice={setQuickChoice}
              from={undefined}
              error={mapped.byField.dueDate}
              required
            />
          ) : (
            <Select
              label={t("activities.followUp.assignedTo")}
              data={options}
              searchable
              allowDeselect={false}
              value={assignedTo}
              onChange={setAssignedTo}
              error={mapped.byField.assignedTo}
              required
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={update.isPending} disabled={mode === "move" ? !/^\d{4}-\d{2}-\d{2}$/.test(dueDate) : !assignedTo}>
              {t(mode === "move" ? "activities.followUps.move" : "activities.followUps.reassign")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
