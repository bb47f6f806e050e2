// One appointment: what, where, with whom, who planned it, the warnings; change it, move it to
// another date and time (the way to move on a phone), cancel it or delete it.
import { Alert, Anchor, Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { isApiError } from "../../api/client.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { VersionConflictAlert } from "../../components/VersionConflictAlert.js";
import { type Appointment, useCancelAppointment, useDeleteAppointment, useUpdateAppointment } from "./agenda.api.js";
import { amsterdamToInstant, longDayHeading } from "./agenda-dates.js";
import { notifySaved, warningText } from "./warnings.js";

interface Props {
  appointment: Appointment;
  canWrite: boolean;
  onEdit: () => void;
  onClose: () => void;
  onReload: () => void;
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: "anywhere", whiteSpace: "pre-wrap" }}>
        {children}
      </Text>
    </div>
  );
}

export function AppointmentDetails({ appointment: a, canWrite, onEdit, onClose, onReload }: Props) {
  const { t } = useTranslation();
  const cancel = useCancelAppointment();
  const remove = useDeleteAppointment();
  const move = useUpdateAppointment();
  const [mode, setMode] = useState<"view" | "move" | "cancel" | "delete">("view");
  const [reason, setReason] = useState("");
  const [date, setDate] = useState(a.date);
  const [time, setTime] = useState(a.startTime);
  const error = cancel.error ?? remove.error ?? move.error;
  const planned = a.status === "planned";
  // The server's own rule (mayChange): no move, change or cancel is offered that it would refuse.
  const mayChange = canWrite && a.mayChange;

  return (
    <Stack>
      {isApiError(error, "version_conflict") ? <VersionConflictAlert onReload={onReload} /> : error ? <ErrorAlert error={error} reveal={false} /> : null}
      {a.warnings.map((w) => (
        <Alert key={`${w.code}-${w.other?.id ?? ""}`} color="yellow" title={t("agenda.warning.title")}>
          {warningText(t, w)}
        </Alert>
      ))}
      {!planned && (
        <Alert color="gray" title={t("agenda.cancelled")}>
          {a.cancelReason ?? ""} {a.cancelledBy ? t("agenda.cancelledBy", { name: a.cancelledBy.name }) : ""}
        </Alert>
      )}
      <Row label={t("agenda.fields.when")}>
        {longDayHeading(a.date)}, {a.startTime}–{a.endTime}
      </Row>
      <Row label={t("agenda.fields.relation")}>
        <Anchor component={Link} to={`/relations/${a.relation.id}`}>
          {a.relation.name}
        </Anchor>
      </Row>
      <Row label={t("agenda.fields.visitType")}>{t(`agenda.visitType.${a.visitType}`)}</Row>
      <Row label={t("agenda.fields.place")}>{a.address ?? t(`agenda.place.${a.placeKind}`)}</Row>
      {a.persons.length > 0 && <Row label={t("agenda.fields.persons")}>{a.persons.map((p) => p.name).join(", ")}</Row>}
      <Row label={t("agenda.fields.forUser")}>
        {a.forUser.name}
        {a.createdBy && a.createdBy.id !== a.forUser.id ? ` — ${t("agenda.plannedBy", { name: a.createdBy.name })}` : ""}
      </Row>
      {a.notes && <Row label={t("agenda.fields.notes")}>{a.notes}</Row>}
      <Group gap="xs" wrap="wrap">
        <Button component={Link} to={`/agenda/${a.id}/voorbereiding`} variant="light" size="xs">
          {t("preparation.open")}
        </Button>
        <Button component={Link} to={`/agenda/${a.id}/verslag`} variant="subtle" size="xs">
          {t("preparation.report")}
        </Button>
      </Group>

      {mayChange && mode === "move" && (
        <Group align="flex-end" wrap="wrap">
          <TextInput type="date" label={t("agenda.fields.date")} value={date} onChange={(e) => setDate(e.currentTarget.value)} />
          <TextInput type="time" label={t("agenda.fields.time")} value={time} onChange={(e) => setTime(e.currentTarget.value)} />
          <Button
            loading={move.isPending}
            disabled={!date || !time}
            onClick={() =>
              move.mutate({ id: a.id, version: a.version, changes: { start: amsterdamToInstant(date, time) } }, { onSuccess: (saved) => { notifySaved(t, saved, t("agenda.moved")); onClose(); } })
            }
          >
            {t("agenda.moveConfirm")}
          </Button>
        </Group>
      )}
      {mayChange && mode === "cancel" && (
        <Group align="flex-end" wrap="wrap">
          <TextInput label={t("agenda.cancelReason")} value={reason} maxLength={500} onChange={(e) => setReason(e.currentTarget.value)} style={{ flex: 1, minWidth: 180 }} />
          <Button color="orange" loading={cancel.isPending} onClick={() => cancel.mutate({ id: a.id, version: a.version, reason }, { onSuccess: () => { notifications.show({ message: t("agenda.cancelDone"), color: "green" }); onClose(); } })}>
            {t("agenda.cancelConfirm")}
          </Button>
        </Group>
      )}
      {canWrite && mode === "delete" && (
        <Group wrap="wrap">
          <Text size="sm">{t("agenda.deleteQuestion")}</Text>
          <Button color="red" loading={remove.isPending} onClick={() => remove.mutate({ id: a.id, version: a.version }, { onSuccess: () => { notifications.show({ message: t("agenda.deleted"), color: "green" }); onClose(); } })}>
            {t("agenda.deleteConfirm")}
          </Button>
        </Group>
      )}
      {canWrite && (
        <Group justify="flex-end" gap="xs" wrap="wrap">
          {mayChange && (
            <>
              <Button variant="default" onClick={() => setMode(mode === "move" ? "view" : "move")}>
                {t("agenda.move")}
              </Button>
              <Button variant="default" onClick={() => setMode(mode === "cancel" ? "view" : "cancel")}>
                {t("agenda.cancel")}
              </Button>
              <Button variant="default" onClick={onEdit}>
                {t("common.edit")}
              </Button>
            </>
          )}
          <Button variant="subtle" color="red" onClick={() => setMode(mode === "delete" ? "view" : "delete")}>
            {t("agenda.delete")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
