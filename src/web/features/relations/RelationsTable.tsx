// The relations table with sortable column headers (aria-sort tells screen readers the order); on a
// phone a list of cards with the sort as a choice above it (issue 8: nothing wider than 390 px).
import { Anchor, Box, Group, NativeSelect, Paper, Stack, Table, Text, UnstyledButton } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { RelationSummary } from "../../api/types.js";
import { ClassBadge, StatusBadge } from "../../components/badges.js";
import { type ListState, SORTS, type SortKey } from "./list-state.js";

interface Props {
  rows: readonly RelationSummary[];
  sort: SortKey;
  order: "asc" | "desc";
  onSort: (change: Partial<ListState>) => void;
}

function SortableTh({ column, label, sort, order, onSort }: { column: SortKey; label: string } & Omit<Props, "rows">) {
  const { t } = useTranslation();
  const active = sort === column;
  const next = active && order === "asc" ? "desc" : "asc";
  return (
    <Table.Th aria-sort={active ? (order === "asc" ? "ascending" : "descending") : "none"}>
      <UnstyledButton
        fw={600}
        fz="sm"
        title={t("relations.sortBy", { column: label })}
        onClick={() => onSort({ sort: column, order: next })}
      >
        {label} {active ? (order === "asc" ? "▲" : "▼") : ""}
      </UnstyledButton>
    </Table.Th>
  );
}

export function RelationsTable({ rows, sort, order, onSort }: Props) {
  const { t } = useTranslation();
  const th = (column: SortKey, key: string) => (
    <SortableTh column={column} label={t(`relations.columns.${key}`)} sort={sort} order={order} onSort={onSort} />
  );
  return (
    <>
      <Box visibleFrom="sm">
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            {th("name", "name")}
            {th("city", "city")}
            {th("status", "status")}
            {th("class", "class")}
            {th("owner", "owner")}
            <Table.Th>{t("relations.columns.rayon")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Anchor component={Link} to={`/relations/${r.id}`}>
                  {r.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{r.city ?? ""}</Table.Td>
              <Table.Td>
                <StatusBadge status={r.status} />
              </Table.Td>
              <Table.Td>
                <ClassBadge accountClass={r.accountClass} override={r.classOverride} />
              </Table.Td>
              <Table.Td>{r.owner?.name ?? ""}</Table.Td>
              <Table.Td>{r.rayon?.name ?? ""}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
      </Box>
      <Stack hiddenFrom="sm" gap="xs">
        <NativeSelect
          label={t("relations.sortLabel")}
          value={`${sort}.${order}`}
          onChange={(e) => {
            const [s, o] = e.currentTarget.value.split(".") as [SortKey, "asc" | "desc"];
            onSort({ sort: s, order: o });
          }}
          data={SORTS.flatMap((s) =>
            (["asc", "desc"] as const).map((o) => ({ value: `${s}.${o}`, label: `${t(`relations.columns.${s}`)} ${o === "asc" ? "▲" : "▼"}` })),
          )}
        />
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: "none" }} aria-label={t("relations.title")}>
          {rows.map((r) => (
            <Paper key={r.id} component="li" withBorder p="xs">
              <Anchor component={Link} to={`/relations/${r.id}`} fw={600} size="sm" style={{ overflowWrap: "anywhere" }}>
                {r.name}
              </Anchor>
              <Group gap={6} mt={4}>
                <StatusBadge status={r.status} />
                <ClassBadge accountClass={r.accountClass} override={r.classOverride} />
              </Group>
              <Text size="xs" c="dimmed" mt={4} style={{ overflowWrap: "anywhere" }}>
                {[r.city, r.owner?.name, r.rayon?.name].filter(Boolean).join(" · ")}
              </Text>
            </Paper>
          ))}
        </Stack>
      </Stack>
    </>
  );
}
