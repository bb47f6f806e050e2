// The follow-ups of a relation: open ones with due date, assignee and action, and their actions;
// done ones behind a toggle; and a follow-up without a contact moment ("add follow-up").
import { Button, Collapse, Group, Modal, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { type Column, ResponsiveTable } from "../../components/ResponsiveTable.js";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { QuickChoice } from "../../../domain/followup-dates.js";
import { mapFieldErrors } from "../../api/problems.js";
import { useUsers } from "../../api/reference.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { formatDate, formatInstant } from "../../i18n/format.js";
import { useCurrentUser } from "../auth/session.js";
import { useCreateFollowUp, useRelationFollowUps } from "./activities.api.js";
import { DueDatePicker } from "./DueDatePicker.js";
import { FollowUpActions } from "./FollowUpActions.js";
import { FollowUpTimingBadge } from "./FollowUpTiming.js";
import type { FollowUp } from "./types.js";
import { FormButtons } from "../../components/FormButtons.js";

function FollowUpRows({ items, canWrite }: { items: readonly FollowUp[]; canWrite: boolean }) {
  const { t } = useTranslation();
  const columns: Column<FollowUp>[] = [
    {
      key: "due",
      label: t("activities.followUps.dueDate"),
      render: (f) => (
        <Group gap={6}>
          <Text size="sm">{formatDate(f.dueDate)}</Text>
          <FollowUpTimingBadge timing={f.timing} />
        </Group>
      ),
    },
    {
      key: "action",
      label: t("activities.followUps.action"),
      wide: true,
      render: (f) => (
        <div style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
          {f.action}
          {f.person && (
            <Text size="xs" c="dimmed">
              {f.person.name}
            </Text>
          )}
          {f.doneAt && (
            <Text size="xs" c="dimmed">
              {t("activities.followUps.doneBy", { date: formatInstant(f.doneAt), name: f.doneBy?.name ?? "" })}
            </Text>
          )}
        </div>
      ),
    },
    { key: "assignee", label: t("activities.followUps.assignedTo"), render: (f) => f.assignedTo.name },
    ...(canWrite ? [{ key: "actions", label: t("activities.followUps.actions"), tableOnly: true, render: (f: FollowUp) => <FollowUpActions followUp={f} /> }] : []),
  ];
  return (
    <ResponsiveTable
      rows={items}
      columns={columns}
      rowKey={(f) => f.id}
      label={t("activities.followUps.title")}
      minWidth={640}
      cardActions={canWrite ? (f) => <FollowUpActions followUp={f} /> : undefined}
    />
  );
}

export function FollowUpsSection({ relationId, canWrite }: { relationId: number; canWrite: boolean }) {
  const { t } = useTranslation();
  const followUps = useRelationFollowUps(relationId);
  const [showDone, doneToggle] = useDisclosure(false);
  const [adding, setAdding] = useState(false);
  const open = followUps.data?.filter((f) => f.status !== "done") ?? [];
  const done = followUps.data?.filter((f) => f.status === "done") ?? [];

  return (
    <Stack gap="xs" component="section" aria-labelledby="followups-title">
      <Group justify="space-between">
        <Title order={2} size="h4" id="followups-title">
          {t("activities.followUps.title")} ({open.length})
        </Title>
        {canWrite && (
          <Button size="compact-sm" variant="light" onClick={() => setAdding(true)}>
            {t("activities.followUps.add")}
          </Button>
        )}
      </Group>
      {followUps.isPending ? (
        <PageLoader />
      ) : followUps.isError ? (
        <ErrorAlert error={followUps.error} reveal={false} />
      ) : (
        <>
          {open.length === 0 ? <Text c="dimmed">{t("activities.followUps.noneOpen")}</Text> : <FollowUpRows items={open} canWrite={canWrite} />}
          {done.length > 0 && (
            <>
              <Group>
                <Button size="compact-sm" variant="subtle" onClick={doneToggle.toggle} aria-expanded={showDone}>
                  {showDone ? t("activities.followUps.hideDone") : t("activities.followUps.showDone", { count: done.length })}
                </Button>
              </Group>
              <Collapse expanded={showDone}>{showDone && <FollowUpRows items={done} canWrite={canWrite} />}</Collapse>
            </>
          )}
        </>
      )}
      {adding && <AddFollowUpDialog relationId={relationId} onClose={() => setAdding(false)} />}
    </Stack>
  );
}

function AddFollowUpDialog({ relationId, onClose }: { relationId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const users = useUsers();
  const create = useCreateFollowUp(relationId);
  const [action, setAction] = useState("");
  const [dueDate, setDueDate] = useState("");
  const [quickChoice, setQuickChoice] = useState<QuickChoice | null>(null);
  const [assignedTo, setAssignedTo] = useState<string | null>(String(me.id));
  const [tried, setTried] = useState(false);
  const mapped = mapFieldErrors(t, create.error, ["action", "dueDate", "assignedTo"], { quickChoice: "dueDate" });
  const local = {
    action: tried && action.trim() === "" ? t("fieldErrors.required") : undefined,
    dueDate: tried && !/^\d{4}-\d{2}-\d{2}$/.test(dueDate) ? t("activities.followUp.dateRequired") : undefined,
  };

  const submit = () => {
    setTried(true);
    if (action.trim() === "" || !/^\d{4}-\d{2}-\d{2}$/.test(dueDate)) return;
    create.mutate(
      { action: action.trim(), dueDate, ...(assignedTo ? { assignedTo: Number(assignedTo) } : {}) },
      {
        onSuccess: () => {
          notifications.show({ message: t("activities.followUps.added"), color: "green" });
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t("activities.followUps.add")}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack>
          {create.isError && Object.keys(mapped.byField).length === 0 && <ErrorAlert error={create.error} fields={mapped.other} />}
          <TextInput
            label={t("activities.followUp.action")}
            placeholder={t("activities.followUp.actionPlaceholder")}
            required
            maxLength={500}
            value={action}
            onChange={(e) => setAction(e.currentTarget.value)}
            error={local.action ?? mapped.byField.action}
          />
          <DueDatePicker
            label={t("activities.followUp.dueDate")}
            value={dueDate}
            onChange={setDueDate}
            quickChoice={quickChoice}
            onQuickChoice={setQuickChoice}
            from={undefined}
            error={local.dueDate ?? mapped.byField.dueDate}
            required
          />
          <Select
            label={t("activities.followUp.assignedTo")}
            data={(users.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
            searchable
            allowDeselect={false}
            value={assignedTo}
            onChange={setAssignedTo}
            error={mapped.byField.assignedTo}
          />
          <FormButtons onCancel={onClose} loading={create.isPending} submitLabel={t("common.add")} />
        </Stack>
      </form>
    </Modal>
  );
}
