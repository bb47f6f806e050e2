// A table on a wide screen, a list of cards on a phone (issue 8: nothing clipped at 390 px, actions
// reachable): each card has the first column as its title and the other columns as label – value.
import { Box, Paper, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import type { ReactNode } from "react";

/** Figures right-aligned and on one line. */
export const numberCell = { textAlign: "right", whiteSpace: "nowrap" } as const;

export interface Column<R> {
  key: string;
  label: ReactNode;
  numeric?: boolean;
  render: (row: R) => ReactNode;
  /** Shown in the table only (a checkbox that the card shows elsewhere, a repeat of the title). */
  tableOnly?: boolean;
  /** Width of the table column. */
  width?: number;
  /** How the value reads on a card, when it differs from the table ("Regel 3" for a bare 3). */
  cardRender?: (row: R) => ReactNode;
  /** Takes the card's whole width (a long text). */
  wide?: boolean;
}

interface Props<R> {
  rows: readonly R[];
  columns: readonly Column<R>[];
  rowKey: (row: R) => string | number;
  label: string;
  /** The table scrolls in its own container below this width. */
  minWidth?: number;
  /** A totals row (one cell per column). */
  footer?: readonly ReactNode[];
  /** Bold rows (the viewer's own, a total). */
  strong?: (row: R) => boolean;
  /** Actions of a card, at its foot (the table has them in a column). */
  cardActions?: (row: R) => ReactNode;
  cardsFrom?: "xs" | "sm" | "md";
}

export function ResponsiveTable<R>({ rows, columns, rowKey, label, minWidth = 0, footer, strong, cardActions, cardsFrom = "sm" }: Props<R>) {
  // A card's title is the first column a card shows; table-only columns (a checkbox) stay out.
  const cardColumns = columns.filter((c) => !c.tableOnly);
  const [title, ...rest] = cardColumns;
  const footerOf = (c: Column<R>) => footer?.[columns.indexOf(c)];
  return (
    <>
      <Box visibleFrom={cardsFrom}>
        <Table.ScrollContainer minWidth={minWidth}>
          <Table striped fz="sm" aria-label={label}>
            <Table.Thead>
              <Table.Tr>
                {columns.map((c) => (
                  <Table.Th key={c.key} style={c.numeric ? numberCell : undefined} w={c.width}>
                    {c.label}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={rowKey(r)} fw={strong?.(r) ? 700 : undefined}>
                  {columns.map((c) => (
                    <Table.Td key={c.key} style={c.numeric ? numberCell : undefined}>
                      {c.render(r)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
            {footer && (
              <Table.Tfoot>
                <Table.Tr fw={700}>
                  {footer.map((cell, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: one cell per column, in column order
                    <Table.Td key={i} style={columns[i]?.numeric ? numberCell : undefined}>
                      {cell}
                    </Table.Td>
                  ))}
                </Table.Tr>
              </Table.Tfoot>
            )}
          </Table>
        </Table.ScrollContainer>
      </Box>
      <Stack gap="xs" hiddenFrom={cardsFrom} component="ul" p={0} m={0} style={{ listStyle: "none" }} aria-label={label}>
        {rows.map((r) => (
          <Paper key={rowKey(r)} component="li" withBorder p="xs">
            <Card row={r} title={title} rest={rest} strong={strong?.(r) ?? false} actions={cardActions?.(r)} />
          </Paper>
        ))}
        {footer && title && (
          <Paper component="li" withBorder p="xs" bg="var(--mantine-color-gray-light)">
            <Stack gap={4}>
              <Text fw={700} size="sm">
                {footerOf(title)}
              </Text>
              <SimpleGrid cols={2} spacing={4} verticalSpacing={2}>
                {/* A totals card shows only the columns that have a total. */}
                {rest
                  .filter((c) => footerOf(c) !== "" && footerOf(c) != null)
                  .map((c) => (
                    <Pair key={c.key} label={c.label} value={footerOf(c)} bold wide={c.wide ?? false} />
                  ))}
              </SimpleGrid>
            </Stack>
          </Paper>
        )}
      </Stack>
    </>
  );
}

function Card<R>({ row, title, rest, strong, actions }: { row: R; title: Column<R> | undefined; rest: readonly Column<R>[]; strong: boolean; actions: ReactNode }) {
  return (
    <Stack gap={4}>
      {title && (
        <Text fw={strong ? 700 : 600} size="sm" component="div" style={{ overflowWrap: "anywhere" }}>
          {(title.cardRender ?? title.render)(row)}
        </Text>
      )}
      <SimpleGrid cols={2} spacing={4} verticalSpacing={2}>
        {rest.map((c) => (
          <Pair key={c.key} label={c.label} value={(c.cardRender ?? c.render)(row)} bold={strong} wide={c.wide ?? false} />
        ))}
      </SimpleGrid>
      {actions}
    </Stack>
  );
}

function Pair({ label, value, bold, wide }: { label: ReactNode; value: ReactNode; bold: boolean; wide: boolean }) {
  return (
    <Box miw={0} style={wide ? { gridColumn: "1 / -1" } : undefined}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={bold ? 700 : undefined} component="div" style={{ overflowWrap: "anywhere" }}>
        {value}
      </Text>
    </Box>
  );
}
