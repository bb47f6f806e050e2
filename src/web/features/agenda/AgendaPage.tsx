// /agenda: the day, week and list views of the agendas the user may see (own; inside sales also its
// field reps'; managers everyone's). Choices live in the URL (?view=week&date=2026-12-02&user=7).
// On a wide screen appointments are dragged to another hour or day; on a phone the week is a list of
// days and an appointment is moved from its details ("Verplaatsen").
import { Alert, Button, Group, Modal, SegmentedControl, Select, Stack, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CalendarFeedModal } from "./CalendarFeedModal.js";
import { useSearchParams } from "react-router";
import { can } from "../../../domain/roles.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { useCurrentUser } from "../auth/session.js";
import { type Appointment, useAgendaUsers, useAppointments, useUpdateAppointment } from "./agenda.api.js";
import { addDays, amsterdamToInstant, isIsoDate, longDayHeading, mondayOf, numericDate, shortDay, todayInAmsterdam } from "./agenda-dates.js";
import { AppointmentDetails } from "./AppointmentDetails.js";
import { AppointmentForm } from "./AppointmentForm.js";
import { DayList } from "./DayList.js";
import { TimeGrid } from "./TimeGrid.js";
import { notifySaved } from "./warnings.js";

const VIEWS = ["day", "week", "list"] as const;
type View = (typeof VIEWS)[number];
/** The list view shows four weeks from the chosen date. */
const LIST_DAYS = 28;

type Dialog = { kind: "new"; date: string; time: string } | { kind: "details"; id: number } | { kind: "edit"; id: number } | null;

export function AgendaPage() {
  const { t } = useTranslation();
  const [feedOpen, setFeedOpen] = useState(false);
  const me = useCurrentUser();
  const canWrite = can(me.role, "crm.write");
  const wide = useMediaQuery("(min-width: 48em)", true);
  const [params, setParams] = useSearchParams();
  const today = todayInAmsterdam();
  const view: View = (VIEWS as readonly string[]).includes(params.get("view") ?? "") ? (params.get("view") as View) : "week";
  const date = isIsoDate(params.get("date")) ? (params.get("date") as string) : today;
  const userParam = params.get("user");
  const users = useAgendaUsers();
  // Default: your own agenda; "all" shows every agenda you may see.
  const userId = userParam === "all" ? null : userParam && /^\d+$/.test(userParam) ? Number(userParam) : me.id;

  const from = view === "day" ? date : view === "week" ? mondayOf(date) : date;
  const to = view === "day" ? date : view === "week" ? addDays(mondayOf(date), 6) : addDays(date, LIST_DAYS - 1);
  const days = Array.from({ length: view === "day" ? 1 : 7 }, (_, i) => addDays(from, i));
  const list = useAppointments(from, to, userId);
  const move = useUpdateAppointment();
  const [dialog, setDialog] = useState<Dialog>(null);

  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) next.set(k, v);
    setParams(next, { replace: true });
  };
  const step = view === "day" ? 1 : view === "week" ? 7 : LIST_DAYS;
  const items = list.data?.items ?? [];
  const current = dialog && dialog.kind !== "new" ? items.find((a) => a.id === dialog.id) : undefined;
  const showUser = userId === null;
  // Without signal the list comes from the device, which keeps only the bundle's days.
  const kept = list.data?.offline?.days;
  const unavailable = kept ? new Set(Array.from({ length: (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1 }, (_, i) => addDays(from, i)).filter((d) => !kept.includes(d))) : undefined;

  const onMove = (a: Appointment, d: string, time: string) =>
    move.mutate({ id: a.id, version: a.version, changes: { start: amsterdamToInstant(d, time) } }, { onSuccess: (saved) => notifySaved(t, saved, t("agenda.moved")) });

  const heading = view === "day" ? longDayHeading(date) : view === "week" ? `${numericDate(from)} – ${numericDate(to)}` : t("agenda.listFrom", { date: numericDate(from), to: numericDate(to) });
  const userOptions = [{ value: "all", label: t("agenda.allAgendas") }, ...(users.data?.items ?? []).map((u) => ({ value: String(u.id), label: u.id === me.id ? t("agenda.myAgenda", { name: u.name }) : u.name }))];

  return (
    <Stack>
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Stack gap={0}>
          <Title order={1}>{t("nav.agenda")}</Title>
          <Text c="dimmed" data-testid="agenda-heading">
            {heading}
          </Text>
        </Stack>
        <Group gap="xs" wrap="wrap">
          <Button variant="default" onClick={() => setFeedOpen(true)}>
            {t("agenda.feed.button")}
          </Button>
          {canWrite && <Button onClick={() => setDialog({ kind: "new", date: view === "day" ? date : date < from || date > to ? from : date, time: "09:00" })}>{t("agenda.new")}</Button>}
        </Group>
      </Group>
      <CalendarFeedModal opened={feedOpen} onClose={() => setFeedOpen(false)} />
      <Group gap="xs" wrap="wrap">
        <SegmentedControl value={view} onChange={(v) => set({ view: v })} data={VIEWS.map((v) => ({ value: v, label: t(`agenda.view.${v}`) }))} aria-label={t("agenda.viewLabel")} />
        <Group gap={4} wrap="nowrap">
          <Button variant="default" size="sm" onClick={() => set({ date: addDays(date, -step) })} aria-label={t("agenda.previous")}>
            ‹
          </Button>
          <Button variant="default" size="sm" onClick={() => set({ date: today })}>
            {t("agenda.today")}
          </Button>
          <Button variant="default" size="sm" onClick={() => set({ date: addDays(date, step) })} aria-label={t("agenda.next")}>
            ›
          </Button>
        </Group>
        {(users.data?.items.length ?? 0) > 1 && (
          <Select aria-label={t("agenda.whose")} data={userOptions} value={userId === null ? "all" : String(userId)} onChange={(v) => v && set({ user: v })} allowDeselect={false} w={220} maw="100%" />
        )}
      </Group>
      {move.isError && <ErrorAlert error={move.error} />}
      {kept && (
        <Alert color="gray" title={t("agenda.offline.title")} data-testid="agenda-offline">
          {t("agenda.offline.text", { days: kept.map(shortDay).join(", ") })}
        </Alert>
      )}
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : view === "list" ? (
        <DayList items={items} showUser={showUser} unavailable={unavailable} onOpen={(a) => setDialog({ kind: "details", id: a.id })} />
      ) : wide ? (
        <TimeGrid days={days} today={today} items={items} showUser={showUser} unavailable={unavailable} onOpen={(a) => setDialog({ kind: "details", id: a.id })} onMove={onMove} />
      ) : (
        <DayList items={items} days={days} showUser={showUser} unavailable={unavailable} onOpen={(a) => setDialog({ kind: "details", id: a.id })} />
      )}
      <Modal
        opened={dialog !== null}
        onClose={() => setDialog(null)}
        title={dialog?.kind === "new" ? t("agenda.newTitle") : dialog?.kind === "edit" ? t("agenda.editTitle") : t("agenda.detailsTitle")}
        size="lg"
        fullScreen={!wide}
      >
        {dialog?.kind === "new" && (
          <AppointmentForm
            appointment={null}
            initial={{ date: dialog.date, time: dialog.time, ...(userId !== null ? { forUserId: userId } : {}) }}
            onSaved={(saved) => {
              notifySaved(t, saved, t("agenda.planned"));
              setDialog(null);
              // Planned for someone else: show that agenda, where the appointment is.
              set({ date: saved.date, ...(userId !== null && saved.forUser.id !== userId ? { user: String(saved.forUser.id) } : {}) });
            }}
            onCancel={() => setDialog(null)}
            onReload={() => void list.refetch()}
          />
        )}
        {dialog?.kind === "edit" && current && (
          <AppointmentForm
            appointment={current}
            onSaved={(saved) => {
              notifySaved(t, saved, t("common.saved"));
              setDialog(null);
            }}
            onCancel={() => setDialog({ kind: "details", id: current.id })}
            onReload={() => void list.refetch()}
          />
        )}
        {dialog?.kind === "details" && current && (
          <AppointmentDetails appointment={current} canWrite={canWrite} onEdit={() => setDialog({ kind: "edit", id: current.id })} onClose={() => setDialog(null)} onReload={() => void list.refetch()} />
        )}
      </Modal>
    </Stack>
  );
}
