// One cycle plan as the rep reads it: totals (driving against time with customers), the weeks and
// their days with visits and times, what did not fit and why, and accepting it into the agenda.
import { Alert, Anchor, Badge, Button, Card, Group, List, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { isApiError } from "../../api/client.js";
import { ClassBadge } from "../../components/badges.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { currentLanguage } from "../../i18n/index.js";
import { longDayHeading, numericDate } from "../agenda/agenda-dates.js";
import { type CyclePlan, type PlanDay, usePlanDecision } from "./planning.api.js";

/** Minutes as hours with one decimal in the UI language: 90 → "1,5". */
export const hours = (minutes: number) => (Math.round(minutes / 6) / 10).toLocaleString(currentLanguage() === "en" ? "en-GB" : "nl-NL", { minimumFractionDigits: 1 });

interface Props {
  plan: CyclePlan;
  onRoute: (date: string) => void;
}

export function PlanView({ plan, onRoute }: Props) {
  const { t } = useTranslation();
  const decide = usePlanDecision();
  const weeks = Array.from({ length: plan.weeks }, (_, w) => plan.days.slice(w * 7, w * 7 + 7));
  const total = plan.totals.travelMinutes + plan.totals.sellingMinutes;
  const share = total === 0 ? 0 : Math.round((plan.totals.sellingMinutes / total) * 100);
  const accepted = plan.state === "accepted";
  return (
    <Stack gap="md" data-testid="cycle-plan">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={2}>
          <Group gap="xs" wrap="wrap">
            <Title order={2} size="h3">
              {t("planning.plan.title", { from: numericDate(plan.startDate), to: numericDate(plan.endDate) })}
            </Title>
            <Badge color={accepted ? "green" : plan.state === "draft" ? "blue" : "gray"} variant="light" data-testid="plan-state">
              {t(`planning.state.${plan.state}`)}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {t("planning.plan.madeBy", { name: plan.createdBy?.name ?? "—", weeks: plan.cycleWeeks, model: t(`planning.plan.model.${plan.travelModel}`, { defaultValue: plan.travelModel }) })}
          </Text>
        </Stack>
        {plan.state === "draft" && (
          <Group gap="xs" wrap="wrap">
            <Button loading={decide.isPending && decide.variables?.decision === "accept"} onClick={() => decide.mutate({ id: plan.id, version: plan.version, decision: "accept" })}>
              {t("planning.plan.accept")}
            </Button>
            <Button variant="default" loading={decide.isPending && decide.variables?.decision === "discard"} onClick={() => decide.mutate({ id: plan.id, version: plan.version, decision: "discard" })}>
              {t("planning.plan.discard")}
            </Button>
          </Group>
        )}
      </Group>
      {decide.error && (isApiError(decide.error, "version_conflict") ? <Alert color="yellow">{t("planning.plan.stale")}</Alert> : <ErrorAlert error={decide.error} />)}
      {accepted && (
        <Alert color="green" role="status">
          <Text size="sm">{t("planning.plan.accepted", { count: plan.totals.plannedVisits, name: plan.forUser.name })}</Text>
          <Anchor component={Link} to={`/agenda?view=week&date=${plan.startDate}&user=${plan.forUser.id}`} size="sm" data-testid="to-agenda">
            {t("planning.plan.toAgenda")}
          </Anchor>
        </Alert>
      )}
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Figure label={t("planning.plan.planned")} value={String(plan.totals.plannedVisits)} />
        <Figure label={t("planning.plan.fixed")} value={String(plan.totals.fixedVisits)} />
        <Figure label={t("planning.plan.travel")} value={t("planning.plan.hours", { hours: hours(plan.totals.travelMinutes) })} />
        <Figure label={t("planning.plan.selling")} value={t("planning.plan.hours", { hours: hours(plan.totals.sellingMinutes) })} hint={t("planning.plan.sellingShare", { pct: share })} />
      </SimpleGrid>
      <Problems plan={plan} />
      {weeks.map((days, w) => (
        <Stack key={days[0]?.date ?? w} gap="xs" component="section">
          <Title order={3} size="h4">
            {t("planning.plan.week", { week: w + 1 })}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
            {days
              .filter((d) => d.slot !== null || d.visits.length > 0)
              .map((d) => (
                <DayCard key={d.date} day={d} onRoute={onRoute} />
              ))}
          </SimpleGrid>
        </Stack>
      ))}
    </Stack>
  );
}

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg">
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}

function DayCard({ day, onRoute }: { day: PlanDay; onRoute: (date: string) => void }) {
  const { t } = useTranslation();
  const [week, weekday] = (day.slot ?? "-").split("-");
  return (
    <Card withBorder padding="sm" data-testid={`plan-day-${day.date}`}>
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text fw={600} size="sm">
            {longDayHeading(day.date)}
          </Text>
          {day.off && (
            <Badge color="gray" variant="light">
              {t("planning.plan.dayOff")}
            </Badge>
          )}
        </Group>
        {day.slot && (
          <Text size="xs" c="dimmed">
            {t("planning.plan.slot", { week, day: t(`territory.weekdays.${weekday}`) })}
          </Text>
        )}
        {day.visits.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("planning.plan.noVisits")}
          </Text>
        ) : (
          <>
            <Text size="xs" c="dimmed">
              {t("planning.plan.homeTimes", { leave: day.leaveHome, back: day.returnHome })} · {t("planning.plan.travel")} {t("planning.plan.minutes", { count: day.travelMinutes })} · {t("planning.plan.selling")}{" "}
              {t("planning.plan.minutes", { count: day.sellingMinutes })}
              {!day.exact && ` · ${t("planning.plan.heuristic")}`}
            </Text>
            <List spacing={4} size="sm" listStyleType="none" p={0}>
              {day.visits.map((v) => (
                <List.Item key={`${v.relation.id}-${v.start}`}>
                  <Group gap={6} wrap="nowrap" align="flex-start">
                    <Text size="sm" fw={600} style={{ whiteSpace: "nowrap" }}>
                      {v.start}–{v.end}
                    </Text>
                    <Stack gap={0} style={{ minWidth: 0 }}>
                      <Anchor component={Link} to={`/relations/${v.relation.id}`} size="sm" style={{ overflowWrap: "anywhere" }}>
                        {v.relation.name}
                      </Anchor>
                      <Group gap={4} wrap="wrap">
                        {v.city && (
                          <Text size="xs" c="dimmed">
                            {v.city}
                          </Text>
                        )}
                        <ClassBadge accountClass={v.accountClass} />
                        <Badge size="xs" variant={v.kind === "fixed" ? "filled" : "light"} color={v.kind === "fixed" ? "dark" : "blue"}>
                          {v.kind === "fixed" ? t("planning.plan.fixed") : v.visitType ? t(`agenda.visitType.${v.visitType}`) : t("planning.plan.planned")}
                        </Badge>
                        <Text size="xs" c="dimmed">
                          {t("planning.plan.travelBefore", { count: v.travelMinutes })}
                        </Text>
                        {v.movedFrom && (
                          <Text size="xs" c="orange.8">
                            {t("planning.plan.moved", { date: numericDate(v.movedFrom) })}
                          </Text>
                        )}
                      </Group>
                    </Stack>
                  </Group>
                </List.Item>
              ))}
            </List>
            <Group>
              <Button size="xs" variant="light" onClick={() => onRoute(day.date)} data-testid={`route-${day.date}`}>
                {t("planning.plan.route")}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Card>
  );
}

function Problems({ plan }: { plan: CyclePlan }) {
  const { t } = useTranslation();
  const s = plan.summary;
  const nothing = s.unplaced.length === 0 && s.withoutLocation.length === 0 && s.normConflicts.length === 0 && s.dayClashes.length === 0;
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="plan-problems" data-testid="plan-problems">
      <Stack gap={6}>
        <Title order={3} size="h4" id="plan-problems">
          {t("planning.problems.title")}
        </Title>
        <Text size="sm">{t("planning.problems.due", { planned: s.plannedVisits, due: s.dueVisits })}</Text>
        {nothing && <Text size="sm">{t("planning.problems.none")}</Text>}
        {s.travelNote && (
          <Text size="sm" c="orange.8">
            {t("planning.problems.travelNote", { note: s.travelNote })}
          </Text>
        )}
        {s.unplaced.length > 0 && (
          <ProblemList title={t("planning.problems.unplaced")}>
            {s.unplaced.map((u) => (
              <List.Item key={u.relation.id}>
                <Anchor component={Link} to={`/relations/${u.relation.id}`}>
                  {u.relation.name}
                </Anchor>{" "}
                ({t("planning.problems.dueOn", { date: numericDate(u.due) })}): {t(`planning.problems.reason.${u.reason}`, { dates: u.tried.map(numericDate).join(", ") })}
              </List.Item>
            ))}
          </ProblemList>
        )}
        {s.dayClashes.length > 0 && (
          <ProblemList title={t("planning.problems.dayClashes")}>
            {s.dayClashes.map((c) => (
              <List.Item key={c.date}>
                {t("planning.problems.dayClash", {
                  date: numericDate(c.date),
                  areas: c.subAreas.map((a) => t("planning.problems.clashArea", { rayon: a.rayon.name, week: a.week, weeks: a.cycleWeeks, day: t(`territory.weekdays.${a.weekday}`) })).join(t("planning.problems.and")),
                })}
              </List.Item>
            ))}
          </ProblemList>
        )}
        {s.normConflicts.length > 0 && (
          <ProblemList title={t("planning.problems.normConflicts")}>
            {s.normConflicts.map((c) => (
              <List.Item key={c.relation.id}>
                <Anchor component={Link} to={`/relations/${c.relation.id}`}>
                  {c.relation.name}
                </Anchor>
                : {t("planning.problems.normConflict", { norm: c.norm, possible: c.possible })}
              </List.Item>
            ))}
          </ProblemList>
        )}
        {s.withoutLocation.length > 0 && (
          <ProblemList title={t("planning.problems.withoutLocation")}>
            {s.withoutLocation.map((r) => (
              <List.Item key={r.id}>
                <Anchor component={Link} to={`/relations/${r.id}`}>
                  {r.name}
                </Anchor>{" "}
                {[r.postcode, r.city].filter(Boolean).join(" ")}
              </List.Item>
            ))}
          </ProblemList>
        )}
      </Stack>
    </Card>
  );
}

function ProblemList({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      <List size="sm" spacing={2} style={{ overflowWrap: "anywhere" }}>
        {children}
      </List>
    </Stack>
  );
}
