// The yearly revenue from which a relation is an A or a B account, by default and per market segment
// (administrators and sales managers). Amounts are typed in euros and stored as cents.
import { Alert, Button, Group, Select, Table, Text } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { MoneyInput } from "../quotes/MoneyInput.js";
import { useSegments } from "../products/products.api.js";
import { type ThresholdSettings, useSaveThresholds, useThresholds } from "./sales.api.js";
import { Section } from "./SalesBits.js";

interface Line {
  /** "default" or a segment id. */
  key: string;
  A: number | string;
  B: number | string;
}

const euros = (cents: number) => Math.round(cents / 100);
const cents = (value: number | string) => Math.round(Number(value || 0) * 100);

function linesOf(settings: ThresholdSettings): Line[] {
  return [
    { key: "default", A: euros(settings.default.A), B: euros(settings.default.B) },
    ...Object.entries(settings.bySegment).map(([key, t]) => ({ key, A: euros(t.A), B: euros(t.B) })),
  ];
}

export function ThresholdsEditor() {
  const { t } = useTranslation();
  const thresholds = useThresholds();
  const segments = useSegments();
  const save = useSaveThresholds();
  const [lines, setLines] = useState<Line[] | null>(null);
  useEffect(() => {
    if (thresholds.data && lines === null) setLines(linesOf(thresholds.data));
  }, [thresholds.data, lines]);
  if (thresholds.isError) return <ErrorAlert error={thresholds.error} reveal={false} />;
  if (!lines) return <PageLoader />;
  const segmentName = (key: string) => segments.data?.find((s) => String(s.id) === key)?.name ?? t("sales.thresholds.segment");
  const unused = (segments.data ?? []).filter((s) => !lines.some((l) => l.key === String(s.id)));
  const set = (key: string, change: Partial<Line>) => setLines((ls) => (ls ?? []).map((l) => (l.key === key ? { ...l, ...change } : l)));
  const wrongOrder = lines.filter((l) => cents(l.B) > cents(l.A)).map((l) => l.key);
  const submit = () => {
    const [first, ...rest] = lines;
    if (!first) return;
    save.mutate(
      { default: { A: cents(first.A), B: cents(first.B) }, bySegment: Object.fromEntries(rest.map((l) => [l.key, { A: cents(l.A), B: cents(l.B) }])) },
      { onSuccess: (saved) => setLines(linesOf(saved)) },
    );
  };
  return (
    <Section title={t("sales.thresholds.title")} id="sales-thresholds">
      <Text size="sm" c="dimmed">
        {t("sales.thresholds.hint")}
      </Text>
      <Table.ScrollContainer minWidth={520}>
        <Table fz="sm" aria-label={t("sales.thresholds.title")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("sales.thresholds.for")}</Table.Th>
              <Table.Th>{t("sales.thresholds.fromA")}</Table.Th>
              <Table.Th>{t("sales.thresholds.fromB")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((l) => {
              const name = l.key === "default" ? t("sales.thresholds.default") : segmentName(l.key);
              return (
                <Table.Tr key={l.key}>
                  <Table.Th scope="row" fw={500}>
                    {name}
                  </Table.Th>
                  <Table.Td>
                    <MoneyInput aria-label={t("sales.thresholds.fromAFor", { name })} value={l.A} decimalScale={0} onChange={(v) => set(l.key, { A: String(v) })} miw={140} />
                  </Table.Td>
                  <Table.Td>
                    <MoneyInput
                      aria-label={t("sales.thresholds.fromBFor", { name })}
                      value={l.B}
                      decimalScale={0}
                      onChange={(v) => set(l.key, { B: String(v) })}
                      error={wrongOrder.includes(l.key) ? t("sales.thresholds.order") : undefined}
                      miw={140}
                    />
                  </Table.Td>
                  <Table.Td>
                    {l.key !== "default" && (
                      <Button size="compact-xs" variant="subtle" color="red" onClick={() => setLines((ls) => (ls ?? []).filter((x) => x.key !== l.key))}>
                        {t("sales.thresholds.remove")}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="space-between" align="flex-end">
        <Select
          label={t("sales.thresholds.addSegment")}
          placeholder={t("sales.thresholds.chooseSegment")}
          data={unused.map((s) => ({ value: String(s.id), label: s.name }))}
          value={null}
          onChange={(id) => {
            if (!id) return;
            const base = lines[0] ?? { A: 0, B: 0 };
            setLines([...lines, { key: id, A: base.A, B: base.B }]);
          }}
          disabled={unused.length === 0}
          comboboxProps={{ withinPortal: true }}
        />
        <Button loading={save.isPending} disabled={wrongOrder.length > 0} onClick={submit}>
          {t("sales.thresholds.save")}
        </Button>
      </Group>
      {save.isError && <ErrorAlert error={save.error} fields={save.error instanceof ApiError ? save.error.fields : []} />}
      {save.isSuccess && (
        <Alert color="green" role="status">
          {t("sales.thresholds.saved")}
        </Alert>
      )}
    </Section>
  );
}
