// A day's route (the planning.route job's result): leaving home, the stops in order with arrival,
// start and departure, and coming home; above them the route on the map of the Netherlands
// (web/features/map: numbered stops, home as a square).
import { Alert, Anchor, Badge, Button, Card, Group, List, Stack, Text, Title } from "@mantine/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { isApiError } from "../../api/client.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { useCancelAppointment } from "../agenda/agenda.api.js";
import { longDayHeading } from "../agenda/agenda-dates.js";
import { warningText } from "../agenda/warnings.js";
import { type DayRoute, useAcceptRoute } from "./planning.api.js";
import { hours } from "./PlanView.js";
import { NlMap } from "../map/NlMap.js";
import type { MapRoute } from "../map/map-types.js";

const NO_POINTS = [] as const;

/** The route as the map draws it: from home, the stops in order with their start, back home. */
function mapRouteOf(route: DayRoute, homeLabel: string): MapRoute | null {
  if (route.stops.length === 0) return null;
  const home = route.home.lat !== null && route.home.lon !== null ? { lat: route.home.lat, lon: route.home.lon, label: homeLabel, home: true } : null;
  const stops = route.stops.map((s) => ({ lat: s.lat, lon: s.lon, label: s.relation.name, time: s.start, link: `/relations/${s.relation.id}` }));
  return { stops: home ? [home, ...stops, home] : stops };
}

/**
 * `onReplan`: a visit of the route was cancelled here; plan the rest of the day again from its
 * start (the gap it leaves gets nearby customers offered). A re-planned route whose times differ
 * from the agenda can be accepted: the agenda gets its times (the route shown stays as it was accepted).
 */
export function RouteView({ route, onReplan }: { route: DayRoute; onReplan?: (from: string) => void }) {
  const { t } = useTranslation();
  const cancel = useCancelAppointment();
  const accept = useAcceptRoute();
  const changes = route.stops.filter((s) => s.appointmentId !== null && s.agendaStart !== null && s.agendaStart !== s.start).length;
  // Kept by identity: a new array redraws the map and resets its zoom.
  const mapRoute = useMemo(() => mapRouteOf(route, t("planning.routeView.home")), [route, t]);
  return (
    <Stack gap="sm" data-testid="day-route">
      <Title order={2} size="h3">
        {t("planning.routeView.title", { date: longDayHeading(route.date) })}
      </Title>
      <Text size="sm" c="dimmed">
        {route.user.name} · {t("planning.routeView.totals", { travel: t("planning.plan.hours", { hours: hours(route.travelMinutes) }), selling: t("planning.plan.hours", { hours: hours(route.sellingMinutes) }) })}
      </Text>
      {mapRoute && (
        <div data-testid="day-route-map">
          <NlMap points={NO_POINTS} groups={NO_POINTS} route={mapRoute} label={t("planning.routeView.mapLabel", { count: route.stops.length })} height={360} />
        </div>
      )}
      {cancel.isError && <ErrorAlert error={cancel.error} />}
      {route.replanFrom !== null && <Text size="sm" c="dimmed">{t("planning.routeView.replanned", { time: route.replanFrom })}</Text>}
      {route.replanFrom !== null && route.feasible && changes > 0 && !accept.isSuccess && (
        <Card withBorder padding="xs" data-testid="accept-route">
          <Stack gap={6}>
            <Text size="sm">{t("planning.routeView.acceptHint", { count: changes })}</Text>
            <Group gap="xs">
              <Button size="sm" loading={accept.isPending} onClick={() => accept.mutate(route)}>
                {t("planning.routeView.accept")}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
      {accept.isSuccess && (
        <Alert color="green" role="status">
          {t("planning.routeView.accepted", { count: accept.data.moved.length })}
        </Alert>
      )}
      {accept.isSuccess && accept.data.moved.some((m) => m.warnings.length > 0) && (
        // The agenda's overlap policy: an overlap is said, never refused (domain/agenda.ts).
        <Alert color="yellow" title={t("agenda.warning.title")} data-testid="accept-route-warnings">
          <List size="sm" spacing={2}>
            {accept.data.moved.flatMap((m) =>
              m.warnings.map((w) => (
                <List.Item key={`${m.appointmentId}-${w.code}-${w.other?.id ?? ""}`}>
                  {t("planning.routeView.acceptWarning", { name: route.stops.find((s) => s.appointmentId === m.appointmentId)?.relation.name ?? "", time: m.to, warning: warningText(t, w) })}
                </List.Item>
              )),
            )}
          </List>
        </Alert>
      )}
      {accept.isError && (isApiError(accept.error, "version_conflict") ? <Alert color="yellow">{t("planning.routeView.acceptStale")}</Alert> : <ErrorAlert error={accept.error} />)}
      {!route.feasible && <Alert color="yellow">{t("planning.routeView.infeasible")}</Alert>}
      {route.stops.length === 0 && route.feasible && <Text size="sm">{t("planning.routeView.empty")}</Text>}
      {route.stops.length > 0 && (
        <Card withBorder padding="sm">
          <List spacing="xs" size="sm" listStyleType="none" p={0}>
            <List.Item>
              <Text size="sm" fw={600}>
                {route.leaveHome} {t("planning.routeView.leave")}
              </Text>
            </List.Item>
            {route.stops.map((s, i) => (
              <List.Item key={`${s.relation.id}-${s.start}`} data-testid="route-stop">
                <Group gap={8} wrap="nowrap" align="flex-start">
                  <Badge circle size="lg" variant="light">
                    {i + 1}
                  </Badge>
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Anchor component={Link} to={`/relations/${s.relation.id}`} size="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
                      {s.relation.name}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {[
                        s.city,
                        t("planning.plan.travelBefore", { count: s.travelMinutes }),
                        s.peakDelayMinutes > 0 ? t("planning.routeView.peakDelay", { count: s.peakDelayMinutes }) : null,
                        s.movable ? t("planning.routeView.movable") : t("planning.routeView.fixed"),
                      ]
                        .filter(Boolean)
                        .join(" · ")}
                    </Text>
                    <Text size="sm">
                      {t("planning.routeView.arrival")} {s.arrival} · {t("planning.routeView.start")} {s.start} · {t("planning.routeView.departure")} {s.departure}
                    </Text>
                    {onReplan && s.appointmentId !== null && s.appointmentVersion !== null && (
                      <Group gap={4} mt={2}>
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="red"
                          loading={cancel.isPending}
                          onClick={() =>
                            cancel.mutate(
                              { id: s.appointmentId as number, version: s.appointmentVersion as number, reason: t("planning.routeView.cancelReason") },
                              { onSuccess: () => onReplan(s.start) },
                            )
                          }
                        >
                          {t("planning.routeView.cancelled")}
                        </Button>
                      </Group>
                    )}
                    {s.agendaStart !== null && s.agendaStart !== s.start && (
                      <Text size="xs" c="orange.8">
                        {t("planning.routeView.agendaTime", { time: s.agendaStart })}
                      </Text>
                    )}
                  </Stack>
                </Group>
              </List.Item>
            ))}
            <List.Item>
              <Text size="sm" fw={600}>
                {route.returnHome} {t("planning.routeView.back")}
              </Text>
            </List.Item>
          </List>
        </Card>
      )}
      {route.gaps.length > 0 && (
        <Stack gap={4} data-testid="route-gaps">
          {route.gaps.map((g) => (
            <Alert key={`${g.after.id}-${g.from}`} color="blue" variant="light" title={t("planning.routeView.gap", { from: g.from, until: g.until, minutes: g.minutes })}>
              {g.alternatives.length === 0 ? (
                <Text size="sm">{t("planning.routeView.noAlternatives")}</Text>
              ) : (
                <List size="sm" spacing={2}>
                  {g.alternatives.map((a) => (
                    <List.Item key={a.id}>
                      <Anchor component={Link} to={`/relations/${a.id}`}>
                        {a.name}
                      </Anchor>{" "}
                      {t("planning.routeView.alternative", { city: a.city ?? "", km: a.distanceKm.toLocaleString() })}
                    </List.Item>
                  ))}
                </List>
              )}
            </Alert>
          ))}
        </Stack>
      )}
      {[...route.withoutLocation, ...route.unrouted].length > 0 && (
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            {t("planning.routeView.withoutLocation")}
          </Text>
          <List size="sm">
            {[...route.withoutLocation, ...route.unrouted].map((a) => (
              <List.Item key={a.appointmentId}>
                {a.start} {a.relation.name}
              </List.Item>
            ))}
          </List>
        </Stack>
      )}
    </Stack>
  );
}
