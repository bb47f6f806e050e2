// /my-day: what the user should act on today — today's appointments from the agenda in time order,
// the follow-ups of the coming week beside the overdue follow-ups and those due today (done / move /
// reassign inline), planned contact moments of the coming two weeks, and relations whose contract
// with the current supplier ends within the proposal window, and new items of the news feeds of the
// user's own relations. Managers also see overdue per rep.
import { Anchor, Badge, Card, Group, Stack, Text, Title } from "@mantine/core";
import { type Column, ResponsiveTable } from "../../components/ResponsiveTable.js";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { can } from "../../../domain/roles.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { currentLanguage } from "../../i18n/index.js";
import { formatCount, formatDate, formatInstant } from "../../i18n/format.js";
import { FollowUpActions } from "../activities/FollowUpActions.js";
import { followUpColumns } from "../activities/follow-up-columns.js";
import type { FollowUp } from "../activities/types.js";
import { useCurrentUser } from "../auth/session.js";
import { type MyDay, useMyDay } from "./myday.api.js";
import { OverdueByRepSection } from "./OverdueByRep.js";
import { MyDayNews } from "../news/MyDayNews.js";

function longDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(currentLanguage() === "en" ? "en-GB" : "nl-NL", {
    timeZone: "UTC",
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

function Section({ id, title, count, shown, alarm = false, children }: { id: string; title: string; count: number; shown?: number; alarm?: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Group gap="xs" mb="sm">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        <Badge variant="light" color={count === 0 ? "gray" : alarm ? "red" : "teal"} aria-label={t("myday.count", { count })}>
          {formatCount(count)}
        </Badge>
      </Group>
      {children}
      {shown !== undefined && shown < count && (
        <Text size="sm" c="dimmed" mt="xs">
          {t("myday.capped", { shown: formatCount(shown), count: formatCount(count) })}
        </Text>
      )}
    </Card>
  );
}

function FollowUpTable({ items, canWrite, empty, label }: { items: readonly FollowUp[]; canWrite: boolean; empty: string; label: string }) {
  const { t } = useTranslation();
  if (items.length === 0) return <Text c="dimmed">{empty}</Text>;
  const columns: Column<FollowUp>[] = [
    followUpColumns.relation(t("myday.columns.relation")),
    followUpColumns.due(t("myday.columns.dueDate"), 120),
    followUpColumns.action(t("myday.columns.action")),
    ...(canWrite ? [followUpColumns.actions(t("myday.columns.actions"))] : []),
  ];
  return <ResponsiveTable rows={items} columns={columns} rowKey={(f) => f.id} label={label} minWidth={680} cardActions={canWrite ? (f) => <FollowUpActions followUp={f} /> : undefined} />;
}

function Appointments({ day }: { day: MyDay }) {
  const { t } = useTranslation();
  const items = day.appointments.items;
  return (
    <Section id="myday-appointments" title={t("myday.appointments")} count={items.length}>
      <Text size="sm" c="dimmed" mb="xs">
        {t("myday.appointmentsHint")}
      </Text>
      {items.length === 0 ? (
        <Text c="dimmed">{t("myday.noAppointments")}</Text>
      ) : (
        <ResponsiveTable
          rows={items}
          rowKey={(a) => a.activityId}
          label={t("myday.appointments")}
          minWidth={600}
          columns={[
            {
              key: "relation",
              label: t("myday.columns.relation"),
              render: (a) => (
                <Anchor component={Link} to={`/relations/${a.relation.id}`} size="sm">
                  {a.relation.name}
                </Anchor>
              ),
            },
            { key: "when", label: t("myday.columns.when"), render: (a) => formatInstant(a.occurredAt) },
            { key: "kind", label: t("myday.columns.kind"), render: (a) => t(`activities.kind.${a.kind}`, { defaultValue: a.kind }) },
            { key: "next", label: t("myday.columns.nextStep"), render: (a) => <span style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{a.nextStep ?? ""}</span>, wide: true },
          ]}
        />
      )}
    </Section>
  );
}

function TodaysAgenda({ day }: { day: MyDay }) {
  const { t } = useTranslation();
  const items = day.agenda.items;
  const legOf = new Map(day.agendaTravel.map((l) => [l.appointmentId, l]));
  return (
    <Section id="myday-agenda" title={t("myday.agenda")} count={items.length}>
      {items.length === 0 ? (
        <Text c="dimmed">{t("myday.noAgenda")}</Text>
      ) : (
        <Stack gap="xs" component="ol" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {items.map((a) => {
            const leg = legOf.get(a.id);
            return (
            <Card key={a.id} withBorder padding="xs" component="li" data-testid={`myday-appointment-${a.id}`}>
              {leg && (
                <Text size="xs" c="dimmed" mb={4} data-testid="myday-travel">
                  {t(leg.from === "home" ? "myday.travelFromHome" : "myday.travelFromPrevious", { minutes: leg.minutes, km: leg.km.toLocaleString("nl-NL") })}
                  {leg.estimate ? ` ${t("myday.travelEstimate")}` : ""}
                </Text>
              )}
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <Text fw={600} size="sm" style={{ whiteSpace: "nowrap" }}>
                  {a.startTime}–{a.endTime}
                </Text>
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Anchor component={Link} to={`/relations/${a.relation.id}`} size="sm" style={{ overflowWrap: "anywhere" }}>
                    {a.relation.name}
                  </Anchor>
                  <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                    {t(`agenda.visitType.${a.visitType}`)}
                    {a.address ? ` · ${a.address}` : ""}
                    {a.createdBy && a.createdBy.id !== a.forUser.id ? ` · ${t("agenda.plannedBy", { name: a.createdBy.name })}` : ""}
                  </Text>
                  <Anchor component={Link} to={`/agenda/${a.id}/voorbereiding`} size="xs">
                    {t("preparation.open")}
                  </Anchor>
                </Stack>
              </Group>
            </Card>
            );
          })}
        </Stack>
      )}
      <Group gap="md" mt="xs" wrap="wrap">
        <Anchor component={Link} to="/my-day/route" size="sm">
          {t("dayRoute.open")}
        </Anchor>
        <Anchor component={Link} to="/agenda?view=day" size="sm">
          {t("myday.toAgenda")}
        </Anchor>
      </Group>
    </Section>
  );
}

function ContractRenewals({ day }: { day: MyDay }) {
  const { t } = useTranslation();
  const { items, count, windowDays } = day.contractRenewals;
  return (
    <Section id="myday-renewals" title={t("myday.renewals")} count={count} shown={items.length}>
      <Text size="sm" c="dimmed" mb="xs">
        {t("myday.renewalsHint", { days: windowDays })}
      </Text>
      {items.length === 0 ? (
        <Text c="dimmed">{t("myday.noRenewals")}</Text>
      ) : (
        <ResponsiveTable
          rows={items}
          rowKey={(r) => r.relation.id}
          label={t("myday.renewals")}
          minWidth={760}
          columns={[
            {
              key: "relation",
              label: t("myday.columns.relation"),
              render: (r) => (
                <Anchor component={Link} to={`/relations/${r.relation.id}`} size="sm">
                  {r.relation.name}
                </Anchor>
              ),
            },
            { key: "city", label: t("myday.columns.city"), render: (r) => r.city ?? "" },
            {
              key: "phone",
              label: t("myday.columns.phone"),
              render: (r) =>
                r.phone && (
                  <Anchor size="sm" href={`tel:${r.phone.replace(/[^+\d]/g, "")}`}>
                    {r.phone}
                  </Anchor>
                ),
            },
            { key: "supplier", label: t("myday.columns.supplier"), render: (r) => r.currentSupplier ?? "" },
            {
              key: "end",
              label: t("myday.columns.contractEnd"),
              render: (r) => (
                <>
                  <Text size="sm">{formatDate(r.contractEndDate)}</Text>
                  <Text size="xs" c="dimmed">
                    {t("myday.daysLeft", { count: r.daysLeft })}
                  </Text>
                </>
              ),
            },
          ]}
        />
      )}
    </Section>
  );
}

export function MyDayPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const day = useMyDay();
  const canWrite = can(user.role, "crm.write");
  const isManager = can(user.role, "reports.team");

  return (
    <Stack>
      <Stack gap={0}>
        <Title order={1}>{t("nav.myDay")}</Title>
        {day.data && <Text c="dimmed">{longDate(day.data.date)}</Text>}
      </Stack>
      {day.isPending ? (
        <PageLoader />
      ) : day.isError ? (
        <ErrorAlert error={day.error} />
      ) : (
        <>
          <TodaysAgenda day={day.data} />
          <MyDayNews news={day.data.news} />
          <Section id="myday-overdue" alarm title={t("myday.overdue")} count={day.data.overdue.count} shown={day.data.overdue.items.length}>
            <FollowUpTable items={day.data.overdue.items} canWrite={canWrite} empty={t("myday.noOverdue")} label={t("myday.overdue")} />
          </Section>
          <Section id="myday-today" title={t("myday.dueToday")} count={day.data.dueToday.count} shown={day.data.dueToday.items.length}>
            <FollowUpTable items={day.data.dueToday.items} canWrite={canWrite} empty={t("myday.noneToday")} label={t("myday.dueToday")} />
          </Section>
          <Section id="myday-upcoming" title={t("myday.upcoming", { count: day.data.upcoming.days })} count={day.data.upcoming.count} shown={day.data.upcoming.items.length}>
            <FollowUpTable items={day.data.upcoming.items} canWrite={canWrite} empty={t("myday.noUpcoming")} label={t("myday.upcoming", { count: day.data.upcoming.days })} />
          </Section>
          <Appointments day={day.data} />
          <ContractRenewals day={day.data} />
        </>
      )}
      {isManager && <OverdueByRepSection />}
    </Stack>
  );
}
