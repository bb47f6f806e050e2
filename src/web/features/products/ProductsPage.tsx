// /quotes/products: the products quotes are made of, searchable on code and name, with create and edit.
import { Anchor, Button, Center, Checkbox, Group, Stack, Table, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { can } from "../../../domain/roles.js";
import { DebouncedTextInput } from "../../components/DebouncedTextInput.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { formatCents, formatDate } from "../../i18n/format.js";
import { useCurrentUser } from "../auth/session.js";
import { QuotesNav } from "../quotes/QuotesNav.js";
import { ProductArgumentsModal } from "./ProductArgumentsModal.js";
import { ProductFormModal } from "./ProductFormModal.js";
import { type Product, useProductsList } from "./products.api.js";

const right = { textAlign: "right" as const, whiteSpace: "nowrap" as const };

export function ProductsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [q, setQ] = useState("");
  const [inactive, setInactive] = useState(false);
  const [editing, setEditing] = useState<Product | "new" | null>(null);
  const [arguing, setArguing] = useState<Product | null>(null);
  const list = useProductsList(q, inactive);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const canWrite = can(user.role, "crm.write");
  const seesCost = user.role === "admin" || user.profitResponsible;

  return (
    <Stack>
      <QuotesNav />
      <Group justify="space-between">
        <Title order={1}>{t("products.title")}</Title>
        {canWrite && <Button onClick={() => setEditing("new")}>{t("products.new")}</Button>}
      </Group>
      <Group align="end">
        <DebouncedTextInput label={t("common.search")} placeholder={t("products.search")} type="search" value={q} onCommit={setQ} maxLength={100} miw={320} />
        <Checkbox label={t("products.showInactive")} checked={inactive} onChange={(e) => setInactive(e.currentTarget.checked)} mb={8} />
      </Group>
      {list.isError && <ErrorAlert error={list.error} reveal={false} />}
      {list.isPending ? (
        <PageLoader />
      ) : rows.length === 0 ? (
        !list.isError && <Text>{t("products.noResults")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                {["code", "name", "unit", "groupId", "segmentId"].map((c) => (
                  <Table.Th key={c}>{t(`products.fields.${c}`)}</Table.Th>
                ))}
                <Table.Th style={right}>{t("products.fields.listPrice")}</Table.Th>
                {seesCost && <Table.Th style={right}>{t("products.fields.costPrice")}</Table.Th>}
                <Table.Th>{t("products.fields.launchDate")}</Table.Th>
                <Table.Th>{t("products.fields.active")}</Table.Th>
                <Table.Th>{t("products.arguments.column")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    {canWrite ? (
                      <Anchor component="button" type="button" size="sm" onClick={() => setEditing(p)} title={t("products.editTitle", { name: p.name })}>
                        {p.code}
                      </Anchor>
                    ) : (
                      p.code
                    )}
                  </Table.Td>
                  <Table.Td>{p.name}</Table.Td>
                  <Table.Td>{p.unit}</Table.Td>
                  <Table.Td>{p.group?.name ?? ""}</Table.Td>
                  <Table.Td>{p.segment?.name ?? ""}</Table.Td>
                  <Table.Td style={right}>{formatCents(p.listPriceCents)}</Table.Td>
                  {seesCost && <Table.Td style={right}>{p.costPriceCents == null ? t("common.empty") : formatCents(p.costPriceCents)}</Table.Td>}
                  <Table.Td>{formatDate(p.launchDate)}</Table.Td>
                  <Table.Td>{p.active ? t("common.yes") : t("common.no")}</Table.Td>
                  <Table.Td>
                    <Anchor component="button" type="button" size="sm" onClick={() => setArguing(p)} aria-label={t("products.arguments.title", { name: p.name })}>
                      {t("products.arguments.open")}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.hasNextPage && (
        <Center>
          <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t("products.loadMore")}
          </Button>
        </Center>
      )}
      {arguing !== null && <ProductArgumentsModal product={arguing} canWrite={canWrite} onClose={() => setArguing(null)} />}
      {editing !== null && (
        <ProductFormModal product={editing === "new" ? null : editing} onClose={() => setEditing(null)} onReload={() => void list.refetch()} />
      )}
    </Stack>
  );
}
