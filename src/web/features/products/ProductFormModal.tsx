// Create or change a product: code, name, unit, group, segment, list and cost price, launch date,
// active. A change sends only what differs, with If-Match (412 → reload).
import { Checkbox, Modal, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/client.js";
import { mapFieldErrors } from "../../api/problems.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { centsToEuros, eurosToCents } from "../../components/money.js";
import { VersionConflictAlert } from "../../components/VersionConflictAlert.js";
import { useCurrentUser } from "../auth/session.js";
import { MoneyInput } from "../quotes/MoneyInput.js";
import { type Product, type ProductCreateInput, useCreateProduct, useProductGroups, useSegments, useUpdateProduct } from "./products.api.js";
import { DateField } from "../../components/DateField.js";
import { FormButtons } from "../../components/FormButtons.js";

interface Values {
  code: string;
  name: string;
  unit: string;
  vatCategory: "high" | "low" | "zero";
  groupId: string | null;
  segmentId: string | null;
  listPrice: number | string;
  costPrice: number | string;
  launchDate: string;
  active: boolean;
}

const RENAMES = { listPriceCents: "listPrice", costPriceCents: "costPrice" };
const FIELDS = ["code", "name", "unit", "vatCategory", "groupId", "segmentId", "listPrice", "costPrice", "launchDate", "active"];

function valuesOf(p: Product | null): Values {
  return {
    code: p?.code ?? "",
    name: p?.name ?? "",
    unit: p?.unit ?? "stuk",
    vatCategory: p?.vatCategory ?? "high",
    groupId: p?.group ? String(p.group.id) : null,
    segmentId: p?.segment ? String(p.segment.id) : null,
    listPrice: p ? Number(centsToEuros(p.listPriceCents)) : "",
    costPrice: p?.costPriceCents == null ? "" : Number(centsToEuros(p.costPriceCents)),
    launchDate: p?.launchDate ?? "",
    active: p?.active ?? true,
  };
}

function bodyOf(v: Values, seesCost: boolean): ProductCreateInput {
  const body: ProductCreateInput = {
    code: v.code.trim(),
    name: v.name.trim(),
    unit: v.unit.trim() || "stuk",
    vatCategory: v.vatCategory,
    groupId: v.groupId === null ? null : Number(v.groupId),
    segmentId: v.segmentId === null ? null : Number(v.segmentId),
    listPriceCents: eurosToCents(v.listPrice) ?? 0,
    costPriceCents: eurosToCents(v.costPrice) ?? null,
    launchDate: v.launchDate === "" ? null : v.launchDate,
    active: v.active,
  };
  // Cost prices reveal the margin: only users who may see margins send them (the server refuses others).
  if (!seesCost) delete body.costPriceCents;
  return body;
}

export function ProductFormModal({ product, onClose, onReload }: { product: Product | null; onClose: () => void; onReload: () => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const seesCost = user.role === "admin" || user.profitResponsible;
  const groups = useProductGroups();
  const segments = useSegments();
  const create = useCreateProduct();
  const update = useUpdateProduct();
  const mutation = product ? update : create;
  const required = (v: string) => (v.trim() === "" ? t("fieldErrors.required") : null);
  const amount = (v: number | string) => (eurosToCents(v) === undefined ? t("fieldErrors.amount_invalid") : null);
  const form = useForm<Values>({
    initialValues: valuesOf(product),
    validate: { code: required, name: required, unit: required, listPrice: (v) => (v === "" ? t("fieldErrors.required") : amount(v)), costPrice: amount },
  });
  const conflict = isApiError(mutation.error, "version_conflict");
  const mapped = mapFieldErrors(t, mutation.error, FIELDS, RENAMES);
  const label = (field: string) => t(`products.fields.${field}`);
  const done = () => {
    notifications.show({ message: t("common.saved"), color: "green" });
    onClose();
  };
  const onError = (error: unknown) => form.setErrors(mapFieldErrors(t, error, FIELDS, RENAMES).byField);

  return (
    <Modal opened onClose={onClose} size="lg" title={product ? t("products.editTitle", { name: product.name }) : t("products.newTitle")}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          const body = bodyOf(values, seesCost);
          if (!product) return create.mutate(body, { onSuccess: done, onError });
          const before = bodyOf(valuesOf(product), seesCost);
          const changes = Object.fromEntries(Object.entries(body).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k as keyof ProductCreateInput])));
          if (Object.keys(changes).length === 0) return onClose();
          update.mutate({ id: product.id, version: product.version, changes }, { onSuccess: done, onError });
        })}
      >
        <Stack>
          {conflict && (
            <VersionConflictAlert
              onReload={() => {
                onReload();
                onClose();
              }}
            />
          )}
          {mutation.isError && !conflict && Object.keys(mapped.byField).length === 0 && <ErrorAlert error={mutation.error} fields={mapped.other} />}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={label("code")} required maxLength={50} {...form.getInputProps("code")} />
            <TextInput label={label("name")} required maxLength={200} {...form.getInputProps("name")} />
            <TextInput label={label("unit")} description={t("products.unitHint")} required maxLength={20} {...form.getInputProps("unit")} />
            <Select
              label={label("vatCategory")}
              data={(["high", "low", "zero"] as const).map((c) => ({ value: c, label: t(`products.vatCategories.${c}`) }))}
              allowDeselect={false}
              {...form.getInputProps("vatCategory")}
            />
            <Select label={label("groupId")} data={(groups.data ?? []).map((g) => ({ value: String(g.id), label: g.name }))} searchable clearable {...form.getInputProps("groupId")} />
            <Select label={label("segmentId")} data={(segments.data ?? []).map((s) => ({ value: String(s.id), label: s.name }))} searchable clearable {...form.getInputProps("segmentId")} />
            <DateField label={label("launchDate")} {...form.getInputProps("launchDate")} />
            <MoneyInput label={label("listPrice")} required fixedDecimalScale {...form.getInputProps("listPrice")} />
            {/* Users without profit responsibility do not see cost prices: they cannot set them either. */}
            {seesCost && <MoneyInput label={label("costPrice")} fixedDecimalScale {...form.getInputProps("costPrice")} />}
          </SimpleGrid>
          <Checkbox label={label("active")} {...form.getInputProps("active", { type: "checkbox" })} />
          <FormButtons onCancel={onClose} loading={mutation.isPending} submitLabel={t("common.save")} />
        </Stack>
      </form>
    </Modal>
  );
}
