// A product's arguments (unique selling points), each tagged with the customer requirement it
// answers. The quote shows only the arguments whose requirement the relation has, so the tag is what
// counts: a short label like "milieuvriendelijk" that the relation's requirements use too.
// Everyone reads them; those who edit products change them (the whole list is saved at once).
import { ActionIcon, Button, Group, Modal, Paper, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { type Product, type ProductArgument, useProductArguments, useSaveProductArguments } from "./products.api.js";

export function ProductArgumentsModal({ product, canWrite, onClose }: { product: Product; canWrite: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const wide = useMediaQuery("(min-width: 48em)") ?? true;
  const saved = useProductArguments(product.id);
  return (
    <Modal opened onClose={onClose} size="lg" fullScreen={!wide} title={t("products.arguments.title", { name: product.name })}>
      {saved.isError ? (
        <ErrorAlert error={saved.error} reveal={false} />
      ) : saved.isPending ? (
        <PageLoader />
      ) : canWrite ? (
        <ArgumentsForm productId={product.id} initial={saved.data} onClose={onClose} />
      ) : (
        <ArgumentsList items={saved.data} />
      )}
    </Modal>
  );
}

function ArgumentsList({ items }: { items: ProductArgument[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return <Text>{t("products.arguments.none")}</Text>;
  return (
    <Stack gap="xs" data-testid="product-arguments">
      {items.map((a) => (
        <Text key={`${a.requirement}\n${a.text}`} size="sm" style={{ overflowWrap: "anywhere" }}>
          <b>{a.requirement}</b>: {a.text}
        </Text>
      ))}
    </Stack>
  );
}

type Row = ProductArgument & { key: number };

function ArgumentsForm({ productId, initial, onClose }: { productId: number; initial: ProductArgument[]; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveProductArguments(productId);
  // Each row keeps a local key, so removing one does not move the typing of the others.
  const [rows, setRows] = useState<Row[]>(() => initial.map((a, i) => ({ ...a, key: i })));
  const [nextKey, setNextKey] = useState(initial.length);
  const [tried, setTried] = useState(false);
  const change = (i: number, field: "requirement" | "text", value: string) => setRows(rows.map((r, j) => (j === i ? { ...r, [field]: value } : r)));
  const blank = (v: string) => (tried && v.trim() === "" ? t("fieldErrors.required") : null);
  const submit = () => {
    setTried(true);
    if (rows.some((r) => r.requirement.trim() === "" || r.text.trim() === "")) return;
    save.mutate(
      rows.map((r) => ({ requirement: r.requirement.trim(), text: r.text.trim() })),
      {
        onSuccess: () => {
          notifications.show({ message: t("common.saved"), color: "green" });
          onClose();
        },
      },
    );
  };
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t("products.arguments.hint")}
      </Text>
      {save.isError && <ErrorAlert error={save.error} />}
      {rows.map((r, i) => (
        <Paper key={r.key} withBorder p="xs">
          <Stack gap="xs">
            <Group gap="xs" align="end" wrap="nowrap">
              <TextInput
                style={{ flex: 1, minWidth: 0 }}
                label={t("products.arguments.requirement")}
                placeholder={t("products.arguments.requirementPlaceholder")}
                maxLength={100}
                value={r.requirement}
                error={blank(r.requirement)}
                onChange={(e) => change(i, "requirement", e.currentTarget.value)}
              />
              <ActionIcon variant="subtle" color="red" size="lg" mb={2} aria-label={t("products.arguments.remove")} title={t("products.arguments.remove")} onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                ×
              </ActionIcon>
            </Group>
            <Textarea label={t("products.arguments.text")} autosize minRows={2} maxLength={500} value={r.text} error={blank(r.text)} onChange={(e) => change(i, "text", e.currentTarget.value)} />
          </Stack>
        </Paper>
      ))}
      {rows.length < 50 && (
        <Group>
          <Button variant="default" onClick={() => {
              setRows([...rows, { requirement: "", text: "", key: nextKey }]);
              setNextKey(nextKey + 1);
            }}>
            {t("products.arguments.add")}
          </Button>
        </Group>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t("common.cancel")}
        </Button>
        <Button onClick={submit} loading={save.isPending}>
          {t("common.save")}
        </Button>
      </Group>
    </Stack>
  );
}
