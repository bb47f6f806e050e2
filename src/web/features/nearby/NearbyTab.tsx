// "Alternatieve adressen": the customers and prospects nearest to this relation (straight line from
// postcode coordinates), so a rep can fill a gap when a visit falls through or ends early.
import { Anchor, Checkbox, Group, Select, Stack, Table, Text } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, isApiError, queryString } from "../../api/client.js";
import { fieldMessage } from "../../api/problems.js";
import { ClassBadge, StatusBadge } from "../../components/badges.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";

interface NearbyItem {
  id: number;
  name: string;
  status: string;
  accountClass: string | null;
  street: string | null;
  houseNumber: string | null;
  postcode: string | null;
  city: string | null;
  phone: string | null;
  distanceKm: number;
}

interface Nearby {
  origin: { id: number; name: string; city: string | null };
  statuses: string[];
  items: NearbyItem[];
}

const STATUS_CHOICES = ["customer", "prospect", "former_customer", "suspect"] as const;

/** 1.4 → "1,4 km" (always one decimal, Dutch comma in Dutch). */
export function formatKm(km: number, language: string): string {
  const nf = new Intl.NumberFormat(language === "en" ? "en-GB" : "nl-NL", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return `${nf.format(km)} km`;
}

export function NearbyTab({ relationId }: { relationId: number }) {
  const { t, i18n } = useTranslation();
  const [statuses, setStatuses] = useState<string[]>(["customer", "prospect"]);
  const [limit, setLimit] = useState("20");
  const nearby = useQuery({
    queryKey: ["relations", "nearby", relationId, statuses.join(","), limit],
    queryFn: ({ signal }) => api.get<Nearby>(`/api/relations/${relationId}/nearby${queryString({ limit, statuses: statuses.join(",") })}`, signal),
    enabled: statuses.length > 0,
    placeholderData: keepPreviousData,
  });
  const noCoordinates = isApiError(nearby.error) ? nearby.error.fields.find((f) => f.code === "coordinates_missing") : undefined;

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t("nearby.intro")}
      </Text>
      <Group align="end">
        <Checkbox.Group label={t("nearby.statuses")} value={statuses} onChange={setStatuses}>
          <Group mt={4}>
            {STATUS_CHOICES.map((s) => (
              <Checkbox key={s} value={s} label={t(`status.${s}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Select label={t("nearby.limit")} data={["10", "20", "50", "100"]} value={limit} onChange={(v) => v && setLimit(v)} allowDeselect={false} w={100} />
      </Group>
      {statuses.length === 0 ? (
        <Text c="dimmed">{t("nearby.chooseStatus")}</Text>
      ) : nearby.isPending ? (
        <PageLoader />
      ) : noCoordinates ? (
        <Text>{t("nearby.noCoordinates", { message: fieldMessage(t, noCoordinates) })}</Text>
      ) : nearby.isError ? (
        <ErrorAlert error={nearby.error} reveal={false} />
      ) : nearby.data.items.length === 0 ? (
        <Text c="dimmed">{t("nearby.none")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th style={{ textAlign: "right" }}>{t("nearby.columns.distance")}</Table.Th>
                <Table.Th>{t("nearby.columns.name")}</Table.Th>
                <Table.Th>{t("nearby.columns.address")}</Table.Th>
                <Table.Th>{t("nearby.columns.phone")}</Table.Th>
                <Table.Th>{t("nearby.columns.status")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {nearby.data.items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td style={{ textAlign: "right", whiteSpace: "nowrap" }}>{formatKm(r.distanceKm, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/relations/${r.id}`} size="sm">
                      {r.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{r.city ?? ""}</Text>
                    <Text size="xs" c="dimmed">
                      {[[r.street, r.houseNumber].filter(Boolean).join(" "), r.postcode].filter(Boolean).join(", ")}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    {r.phone && (
                      <Anchor size="sm" href={`tel:${r.phone.replace(/[^+\d]/g, "")}`}>
                        {r.phone}
                      </Anchor>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <StatusBadge status={r.status} />
                      <ClassBadge accountClass={r.accountClass} />
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
