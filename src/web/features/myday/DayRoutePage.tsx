// /my-day/route?date=: the day's route as the agenda has it (GET /api/my-day/route): leaving home,
// the stops in time order with the drive before each, arrival, start and departure, coming home,
// and the stops on the map of the Netherlands. The field app answers it from the device for the
// bundled days, so it works without signal; an appointment the rep may change is moved here
// (offline too: it waits in the outbox, marked, and the route is laid anew at once).
import { Alert, Anchor, Badge, Button, Card, Group, NumberInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { notifications } from "@mantine/notifications";
import { useMemo, useState } from "react";
import type { Static } from "typebox";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import type { AgendaRoute } from "../../../features/planning/agenda-route.schemas.js";
import { api, isApiError } from "../../api/client.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { VersionConflictAlert } from "../../components/VersionConflictAlert.js";
import { crmKeys } from "../activities/activities.api.js";
import { agendaKeys, type Appointment } from "../agenda/agenda.api.js";
import { addDays, amsterdamToInstant, isIsoDate, longDayHeading, todayInAmsterdam } from "../agenda/agenda-dates.js";
import { NlMap } from "../map/NlMap.js";
import type { MapRoute } from "../map/map-types.js";

type Route = Static<typeof AgendaRoute>;
type Stop = Route["stops"][number];

const NO_POINTS = [] as const;
const routeKey = (date: string) => ["my-day", "route", date] as const;

function useDayRoute(date: string) {
  return useQuery({ queryKey: routeKey(date), queryFn: ({ signal }) => api.get<Route>(`/api/my-day/route?date=${date}`, signal) });
}

function mapRouteOf(route: Route, homeLabel: string): MapRoute | null {
  if (route.stops.length === 0) return null;
  const home = route.home ? { lat: route.home.lat, lon: route.home.lon, label: homeLabel, home: true } : null;
  const stops = route.stops.map((s) => ({ lat: s.lat, lon: s.lon, label: s.relation.name, time: `${s.start}–${s.departure}`, link: `/relations/${s.relation.id}` }));
  return { stops: home ? [home, ...stops, home] : stops };
}

/** Date, time and duration for one stop; PATCH with the version the route showed (412 if moved meanwhile). */
function MoveForm({ stop, date, onDone }: { stop: Stop; date: string; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const startMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  const [day, setDay] = useState(date);
  const [time, setTime] = useState(stop.start);
  const [duration, setDuration] = useState<number | string>(startMinutes(stop.departure) - startMinutes(stop.start));
  const move = useMutation({
    mutationFn: () => api.patch<Appointment>(`/api/appointments/${stop.appointmentId}`, stop.appointmentVersion, { start: amsterdamToInstant(day, time), durationMinutes: Number(duration) }),
    onSuccess: () => {
      notifications.show({ message: t("agenda.moved"), color: "green" });
      void queryClient.invalidateQueries({ queryKey: ["my-day", "route"] });
      void queryClient.invalidateQueries({ queryKey: agendaKeys.all });
      void queryClient.invalidateQueries({ queryKey: crmKeys.myDay });
      onDone();
    },
  });
  return (
    <Stack gap="xs" mt="xs" data-testid="move-form">
      {isApiError(move.error, "version_conflict") ? <VersionConflictAlert onReload={() => void queryClient.invalidateQueries({ queryKey: ["my-day", "route"] })} /> : move.error ? <ErrorAlert error={move.error} reveal={false} /> : null}
      <Group align="flex-end" gap="xs" wrap="wrap">
        <TextInput type="date" label={t("agenda.fields.date")} value={day} onChange={(e) => setDay(e.currentTarget.value)} w={160} />
        <TextInput type="time" label={t("agenda.fields.time")} value={time} onChange={(e) => setTime(e.currentTarget.value)} w={110} />
        <NumberInput label={t("dayRoute.duration")} value={duration} onChange={setDuration} min={5} max={720} step={15} w={110} />
      </Group>
      <Group gap="xs">
        <Button size="xs" loading={move.isPending} disabled={!isIsoDate(day) || !/^\d{2}:\d{2}$/.test(time) || Number(duration) < 5} onClick={() => move.mutate()}>
          {t("agenda.moveConfirm")}
        </Button>
        <Button size="xs" variant="default" onClick={onDone}>
          {t("common.cancel")}
        </Button>
      </Group>
    </Stack>
  );
}

function StopCard({ stop, number, date }: { stop: Stop; number: number; date: string }) {
  const { t } = useTranslation();
  const [moving, setMoving] = useState(false);
  const drive =
    stop.travelMinutes === null
      ? null
      : stop.travelMinutes === 0
        ? t("dayRoute.samePlace")
        : t(stop.from === "home" ? "dayRoute.driveFromHome" : "dayRoute.driveFromPrevious", { minutes: stop.travelMinutes, km: (stop.km ?? 0).toLocaleString("nl-NL") });
  return (
    <Card withBorder padding="xs" component="li" data-testid={`route-stop-${stop.appointmentId}`}>
      {drive && (
        <Text size="xs" c="dimmed" mb={4}>
          {drive}
        </Text>
      )}
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Badge circle size="lg" variant="light" style={{ flexShrink: 0 }}>
          {number}
        </Badge>
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Group gap={6} wrap="wrap">
            <Text fw={600} size="sm" data-testid="route-stop-time" style={{ whiteSpace: "nowrap" }}>
              {stop.start}–{stop.departure}
            </Text>
            {stop.pending && (
              <Badge color="orange" variant="light" size="sm" data-testid="route-stop-pending">
                {t("dayRoute.pending")}
              </Badge>
            )}
            {stop.late && (
              <Badge color="red" variant="light" size="sm">
                {t("dayRoute.late")}
              </Badge>
            )}
          </Group>
          <Anchor component={Link} to={`/relations/${stop.relation.id}`} size="sm" style={{ overflowWrap: "anywhere" }}>
            {stop.relation.name}
          </Anchor>
          <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
            {[stop.address, t("dayRoute.arrival", { time: stop.arrival })].filter(Boolean).join(" · ")}
          </Text>
          <Group gap="xs" wrap="wrap">
            <Anchor component={Link} to={`/agenda/${stop.appointmentId}/voorbereiding`} size="xs">
              {t("preparation.open")}
            </Anchor>
            {stop.mayChange && !moving && (
              <Button size="compact-xs" variant="light" onClick={() => setMoving(true)} aria-label={t("dayRoute.moveLabel", { name: stop.relation.name })}>
                {t("agenda.move")}
              </Button>
            )}
          </Group>
          {moving && <MoveForm stop={stop} date={date} onDone={() => setMoving(false)} />}
        </Stack>
      </Group>
    </Card>
  );
}

export function DayRoutePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const today = todayInAmsterdam();
  const date = isIsoDate(params.get("date")) ? (params.get("date") as string) : today;
  const route = useDayRoute(date);
  const go = (d: string) => setParams({ date: d }, { replace: true });
  const data = route.data;
  // Kept by identity: a new array redraws the map and resets its zoom.
  const mapRoute = useMemo(() => (data ? mapRouteOf(data, t("dayRoute.home")) : null), [data, t]);
  const mapLabel = data ? t("dayRoute.mapLabel", { stops: data.stops.map((s, i) => `${i + 1}. ${s.relation.name}`).join(", ") }) : "";

  return (
    <Stack>
      <Stack gap={0}>
        <Title order={1}>{t("dayRoute.title")}</Title>
        <Text c="dimmed" data-testid="day-route-date">
          {longDayHeading(date)}
        </Text>
      </Stack>
      <Group gap={4} wrap="wrap">
        <Button variant="default" size="sm" onClick={() => go(addDays(date, -1))} aria-label={t("agenda.previous")}>
          ‹
        </Button>
        <Button variant="default" size="sm" onClick={() => go(today)}>
          {t("agenda.today")}
        </Button>
        <Button variant="default" size="sm" onClick={() => go(addDays(date, 1))} aria-label={t("agenda.next")}>
          ›
        </Button>
        <Anchor component={Link} to={`/agenda?view=day&date=${date}`} size="sm" ml="xs">
          {t("dayRoute.toAgenda")}
        </Anchor>
      </Group>
      {route.isPending ? (
        <PageLoader />
      ) : route.isError || !data ? (
        <ErrorAlert error={route.error} />
      ) : (
        <>
          {data.stops.length === 0 && data.withoutLocation.length === 0 ? (
            <Text c="dimmed">{t("dayRoute.empty")}</Text>
          ) : (
            <Text size="sm" data-testid="day-route-totals">
              {[
                data.leaveHome ? t("dayRoute.leaveHome", { time: data.leaveHome }) : null,
                data.returnHome ? t("dayRoute.returnHome", { time: data.returnHome }) : null,
                t("dayRoute.totals", { minutes: data.travelMinutes, km: data.km.toLocaleString("nl-NL") }),
              ]
                .filter(Boolean)
                .join(" · ")}
              {data.travelModel === "haversine" ? ` ${t("dayRoute.estimate")}` : ""}
            </Text>
          )}
          {!data.home && data.stops.length > 0 && <Alert color="yellow">{t("dayRoute.noHome")}</Alert>}
          {mapRoute && (
            <div data-testid="day-route-map">
              <NlMap points={NO_POINTS} groups={NO_POINTS} route={mapRoute} label={mapLabel} height={320} />
            </div>
          )}
          {data.stops.length > 0 && (
            <Stack gap="xs" component="ol" style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label={t("dayRoute.stops")}>
              {data.stops.map((s, i) => (
                <StopCard key={s.appointmentId} stop={s} number={i + 1} date={date} />
              ))}
            </Stack>
          )}
          {data.withoutLocation.length > 0 && (
            <Card withBorder padding="xs">
              <Text size="sm" fw={600}>
                {t("dayRoute.withoutLocation")}
              </Text>
              {data.withoutLocation.map((w) => (
                <Text key={w.appointmentId} size="sm" style={{ overflowWrap: "anywhere" }}>
                  {w.start}–{w.departure} {w.relation.name}
                </Text>
              ))}
            </Card>
          )}
        </>
      )}
    </Stack>
  );
}
