// The day and week views: hour rows on the Amsterdam clock with a column per day. An appointment can
// be dragged to another hour or day (it keeps its minutes and duration).
import { Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Appointment } from "./agenda.api.js";
import { AppointmentCard } from "./AppointmentCard.js";
import classes from "./agenda.module.css";
import { shortDay } from "./agenda-dates.js";

/** Hours shown: the field day (DOMAIN.md: first visit at 08:30–09:00, the last one late). */
const FIRST_HOUR = 7;
const LAST_HOUR = 19;
const HOURS = Array.from({ length: LAST_HOUR - FIRST_HOUR + 1 }, (_, i) => FIRST_HOUR + i);

const hourOf = (a: Appointment) => Math.min(LAST_HOUR, Math.max(FIRST_HOUR, Number(a.startTime.slice(0, 2))));
const pad = (n: number) => String(n).padStart(2, "0");

interface Props {
  days: readonly string[];
  today: string;
  items: readonly Appointment[];
  showUser: boolean;
  onOpen: (a: Appointment) => void;
  onMove: (a: Appointment, date: string, time: string) => void;
  /** Without signal: the days the device does not keep (shown as not available, not as empty). */
  unavailable?: ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set();

export function TimeGrid({ days, today, items, showUser, onOpen, onMove, unavailable = NONE }: Props) {
  const { t } = useTranslation();
  const [over, setOver] = useState<string | null>(null);
  const byId = new Map(items.map((a) => [a.id, a]));
  return (
    <div className={days.length === 1 ? classes.day : classes.week}>
      <div className={classes.head} />
      {days.map((d) => (
        <div key={d} className={classes.head} data-today={d === today || undefined} data-unavailable={unavailable.has(d) || undefined}>
          {shortDay(d)}
          {unavailable.has(d) && (
            <Text span display="block" size="xs" c="dimmed" fw={400}>
              {t("agenda.offline.notKeptShort")}
            </Text>
          )}
        </div>
      ))}
      {HOURS.map((hour) => (
        <div key={hour} style={{ display: "contents" }}>
          <div className={classes.hour}>{pad(hour)}:00</div>
          {days.map((d) => {
            const key = `${d}T${pad(hour)}`;
            const here = items.filter((a) => a.date === d && hourOf(a) === hour);
            return (
              // biome-ignore lint/a11y/noStaticElementInteractions: a drop target for the mouse; keyboard and touch users move an appointment from its details ("Verplaatsen")
              <div
                key={key}
                className={classes.slot}
                data-over={over === key || undefined}
                data-slot={key}
                data-unavailable={unavailable.has(d) || undefined}
                onDragOver={(e) => {
                  e.preventDefault();
                  e.dataTransfer.dropEffect = "move";
                  if (over !== key) setOver(key);
                }}
                onDragLeave={() => setOver((o) => (o === key ? null : o))}
                onDrop={(e) => {
                  e.preventDefault();
                  setOver(null);
                  const a = byId.get(Number(e.dataTransfer.getData("text/plain")));
                  if (!a) return;
                  const time = `${pad(hour)}:${a.startTime.slice(3, 5)}`;
                  if (a.date !== d || a.startTime !== time) onMove(a, d, time);
                }}
              >
                {here.map((a) => (
                  <AppointmentCard key={a.id} appointment={a} showUser={showUser} draggable compact={days.length > 1} onOpen={onOpen} />
                ))}
              </div>
            );
          })}
        </div>
      ))}
      {items.length === 0 && unavailable.size === 0 && (
        <Text c="dimmed" size="sm" p="xs" style={{ gridColumn: "1 / -1" }}>
          {t("agenda.empty")}
        </Text>
      )}
    </div>
  );
}
