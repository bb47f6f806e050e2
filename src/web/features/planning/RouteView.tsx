// A day's route (the planning.route job's result): leaving home, the stops in order with arrival,
// start and departure, and coming home. The map of the route (web/features/map, built separately)
// goes in the marked spot above the stops.
import { Alert, Anchor, Badge, Card, Group, List, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { longDayHeading } from "../agenda/agenda-dates.js";
import type { DayRoute } from "./planning.api.js";
import { hours } from "./PlanView.js";

export function RouteView({ route }: { route: DayRoute }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" data-testid="day-route">
      <Title order={2} size="h3">
        {t("planning.routeView.title", { date: longDayHeading(route.date) })}
      </Title>
      <Text size="sm" c="dimmed">
        {route.user.name} · {t("planning.routeView.totals", { travel: t("planning.plan.hours", { hours: hours(route.travelMinutes) }), selling: t("planning.plan.hours", { hours: hours(route.sellingMinutes) }) })}
      </Text>
      {/* The route map goes here: <RouteMap home={route.home} stops={route.stops} /> from web/features/map. */}
      <div data-map-slot="route" data-testid="route-map-slot" aria-hidden="true" style={{ display: "none" }} />
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
                      {[s.city, t("planning.plan.travelBefore", { count: s.travelMinutes }), s.movable ? t("planning.routeView.movable") : t("planning.routeView.fixed")].filter(Boolean).join(" · ")}
                    </Text>
                    <Text size="sm">
                      {t("planning.routeView.arrival")} {s.arrival} · {t("planning.routeView.start")} {s.start} · {t("planning.routeView.departure")} {s.departure}
                    </Text>
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
