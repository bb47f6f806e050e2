// Small pieces the sales pages share: a key figure, a change against last year, a target reached,
// a titled section.
import { Badge, Card, Group, Paper, Progress, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatBp, formatChangeBp } from "./sales-format.js";

export function Kpi({ label, value, hint, testId }: { label: string; value: ReactNode; hint?: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="sm" miw={0}>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} fz="lg" fw={700} data-kpi={testId} style={{ overflowWrap: "anywhere" }}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed" component="div">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

/** "+12,5 %" in green, "−3,0 %" in red, with words for screen readers (colour is never the only cue). */
export function ChangeBadge({ bp }: { bp: number | null }) {
  const { t } = useTranslation();
  if (bp === null) return <Text span size="sm" c="dimmed">—</Text>;
  const color = bp > 0 ? "green.8" : bp < 0 ? "red.8" : "dimmed";
  return (
    <Text span size="sm" fw={600} c={color} style={{ whiteSpace: "nowrap" }} aria-label={t(bp < 0 ? "sales.changeDown" : "sales.changeUp", { change: formatChangeBp(bp) })}>
      {formatChangeBp(bp)}
    </Text>
  );
}

/** A small label beside a name ("jouw rayon", "koploper"): never shrunk or cut off. */
export function Tag({ color = "teal", children }: { color?: string; children: ReactNode }) {
  return (
    <Badge size="xs" color={color} variant="light" style={{ textTransform: "none", flexShrink: 0 }} styles={NO_CUT}>
      {children}
    </Badge>
  );
}

/** Mantine cuts a badge's label off with an ellipsis when a table column is narrow; these never are. */
const NO_CUT = { label: { overflow: "visible", textOverflow: "clip" } } as const;

/** An account class (A, B, C, key account), "strategic" when overridden — never cut off in a table. */
export function ClassTag({ accountClass, override = false }: { accountClass: string | null; override?: boolean }) {
  const { t } = useTranslation();
  if (accountClass === null) return null;
  const label = t(`accountClass.${accountClass}`, { defaultValue: accountClass });
  return (
    <Badge color={accountClass === "key" ? "grape" : "indigo"} variant={override ? "filled" : "outline"} style={{ textTransform: "none", flexShrink: 0 }} styles={NO_CUT}>
      {override ? `${label} (${t("relation.classOverridden")})` : label}
    </Badge>
  );
}

/** Share of a target reached: a bar and the percentage (green from 100 %, orange from 90 %, else red). */
export function Reached({ bp }: { bp: number | null }) {
  if (bp === null) return <Text span size="sm" c="dimmed">—</Text>;
  const color = bp >= 10_000 ? "green" : bp >= 9_000 ? "orange" : "red";
  return (
    <Group gap="xs" wrap="nowrap" justify="flex-end">
      <Progress value={Math.min(100, bp / 100)} color={color} w={64} aria-hidden />
      <Text size="sm" style={{ whiteSpace: "nowrap" }}>
        {formatBp(bp)}
      </Text>
    </Group>
  );
}

export function Section({ title, id, actions, children }: { title: string; id: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-labelledby={id} miw={0}>
      <Stack gap="sm">
        <Group justify="space-between" align="center" gap="xs">
          <Title order={2} size="h4" id={id}>
            {title}
          </Title>
          {actions}
        </Group>
        {children}
      </Stack>
    </Card>
  );
}

export { numberCell } from "../../components/ResponsiveTable.js";
