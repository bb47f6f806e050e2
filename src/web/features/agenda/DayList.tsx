// The list view (and the week on a phone): appointments grouped by day, in time order.
import { Card, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Appointment } from "./agenda.api.js";
import { AppointmentCard } from "./AppointmentCard.js";
import { longDay, longDayHeading } from "./agenda-dates.js";

interface Props {
  items: readonly Appointment[];
  /** Days shown even when empty (the week on a phone); else only days with appointments. */
  days?: readonly string[];
  showUser: boolean;
  onOpen: (a: Appointment) => void;
  /** Without signal: the days the device does not keep (said so, not shown as empty). */
  unavailable?: ReadonlySet<string>;
}

export function DayList({ items, days, showUser, onOpen, unavailable }: Props) {
  const { t } = useTranslation();
  const dates = days ?? [...new Set(items.map((a) => a.date))];
  if (dates.length === 0) return <Text c="dimmed">{t(unavailable ? "agenda.offline.noneKept" : "agenda.empty")}</Text>;
  return (
    <Stack gap="sm">
      {dates.map((d) => {
        const here = items.filter((a) => a.date === d);
        return (
          <Card key={d} withBorder padding="sm" component="section" aria-label={longDay(d)}>
            <Title order={3} size="h5" mb={6}>
              {longDayHeading(d)}
            </Title>
            {here.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t(unavailable?.has(d) ? "agenda.offline.notKept" : "agenda.noneThisDay")}
              </Text>
            ) : (
              <Stack gap={6}>
                {here.map((a) => (
                  <AppointmentCard key={a.id} appointment={a} showUser={showUser} draggable={false} onOpen={onOpen} />
                ))}
              </Stack>
            )}
          </Card>
        );
      })}
    </Stack>
  );
}
