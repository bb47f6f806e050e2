// Add or change a user: name, e-mail, role, rayons, profit responsibility, home address and working
// hours. A change sends only what differs, with If-Match (412 → reload).
import { Checkbox, Modal, MultiSelect, Select, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { TimePicker } from "@mantine/dates";
import "@mantine/dates/styles.css";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { ROLES, type Role } from "../../../domain/roles.js";
import { minutesOfDay } from "../../../domain/working-hours.js";
import { isApiError } from "../../api/client.js";
import { mapFieldErrors } from "../../api/problems.js";
import { useRayons } from "../../api/reference.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { VersionConflictAlert } from "../../components/VersionConflictAlert.js";
import { type UserAccount, type UserAccountChanges, useCreateUserAccount, useUpdateUserAccount } from "./users.api.js";
import { FormButtons } from "../../components/FormButtons.js";

interface Values {
  name: string;
  email: string;
  role: Role;
  rayonIds: string[];
  profitResponsible: boolean;
  homeAddress: string;
  homePostcode: string;
  homeCity: string;
  workStart: string;
  workEnd: string;
}

const FIELDS = ["name", "email", "role", "rayonIds", "profitResponsible", "homeAddress", "homePostcode", "homeCity", "workStart", "workEnd", "active"];

function valuesOf(u: UserAccount | null): Values {
  return {
    name: u?.name ?? "",
    email: u?.email ?? "",
    role: u?.role ?? "field_sales",
    rayonIds: (u?.rayons ?? []).map((r) => String(r.id)),
    profitResponsible: u?.profitResponsible ?? false,
    homeAddress: u?.homeAddress ?? "",
    homePostcode: u?.homePostcode ?? "",
    homeCity: u?.homeCity ?? "",
    workStart: u?.workStart ?? "08:30",
    workEnd: u?.workEnd ?? "17:00",
  };
}

function bodyOf(v: Values) {
  return {
    name: v.name.trim(),
    email: v.email.trim(),
    role: v.role,
    rayonIds: v.rayonIds.map(Number).sort((a, b) => a - b),
    profitResponsible: v.profitResponsible,
    homeAddress: v.homeAddress.trim() || null,
    homePostcode: v.homePostcode.trim() || null,
    homeCity: v.homeCity.trim() || null,
    workStart: v.workStart,
    workEnd: v.workEnd,
  };
}

export function UserFormModal({ user, onClose }: { user: UserAccount | null; onClose: () => void }) {
  const { t } = useTranslation();
  const rayons = useRayons();
  const create = useCreateUserAccount();
  const update = useUpdateUserAccount();
  const mutation = user ? update : create;
  const form = useForm<Values>({
    initialValues: valuesOf(user),
    validate: {
      name: (v) => (v.trim() === "" ? t("fieldErrors.required") : null),
      email: (v) => (v.trim() === "" ? t("fieldErrors.required") : /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()) ? null : t("fieldErrors.email_invalid")),
      workStart: (v) => (minutesOfDay(v) === null ? t("fieldErrors.time_invalid") : null),
      workEnd: (v, all) => {
        const end = minutesOfDay(v);
        if (end === null) return t("fieldErrors.time_invalid");
        const start = minutesOfDay(all.workStart);
        return start !== null && end <= start ? t("fieldErrors.work_hours_order") : null;
      },
    },
  });
  const conflict = isApiError(mutation.error, "version_conflict");
  const mapped = mapFieldErrors(t, mutation.error, FIELDS);
  const label = (field: string) => t(`users.fields.${field}`);
  const done = () => {
    notifications.show({ message: t("common.saved"), color: "green" });
    onClose();
  };
  const onError = (error: unknown) => form.setErrors(mapFieldErrors(t, error, FIELDS).byField);

  return (
    <Modal opened onClose={onClose} size="lg" title={user ? t("users.editTitle", { name: user.name }) : t("users.newTitle")}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          const body = bodyOf(values);
          if (!user) return create.mutate(body, { onSuccess: done, onError });
          const before = bodyOf(valuesOf(user)) as Record<string, unknown>;
          const changes = Object.fromEntries(Object.entries(body).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k]))) as UserAccountChanges;
          if (Object.keys(changes).length === 0) return onClose();
          update.mutate({ id: user.id, version: user.version, changes }, { onSuccess: done, onError });
        })}
      >
        <Stack>
          {conflict && <VersionConflictAlert onReload={onClose} />}
          {mutation.isError && !conflict && <ErrorAlert error={mutation.error} fields={mapped.other} fieldLabel={label} />}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={label("name")} required maxLength={200} {...form.getInputProps("name")} />
            <TextInput label={label("email")} type="email" required maxLength={254} {...form.getInputProps("email")} />
            <Select
              label={label("role")}
              required
              allowDeselect={false}
              data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              {...form.getInputProps("role")}
            />
            <MultiSelect
              label={label("rayonIds")}
              data={(rayons.data ?? []).map((r) => ({ value: String(r.id), label: r.name }))}
              searchable
              clearable
              {...form.getInputProps("rayonIds")}
            />
          </SimpleGrid>
          <Checkbox label={label("profitResponsible")} {...form.getInputProps("profitResponsible", { type: "checkbox" })} />
          <div>
            <Title order={3} size="h5">
              {t("users.home")}
            </Title>
            <Text size="sm" c="dimmed">
              {t("users.homeHint")}
            </Text>
          </div>
          <TextInput label={label("homeAddress")} maxLength={200} {...form.getInputProps("homeAddress")} />
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <TextInput label={label("homePostcode")} maxLength={12} {...form.getInputProps("homePostcode")} />
            <TextInput label={label("homeCity")} maxLength={100} {...form.getInputProps("homeCity")} />
            {/* 24-hour clock whatever the browser's language (a native time input follows the OS). */}
            <TimePicker
              label={label("workStart")}
              required
              hoursInputLabel={t("users.hoursOf", { field: label("workStart") })}
              minutesInputLabel={t("users.minutesOf", { field: label("workStart") })}
              {...form.getInputProps("workStart")}
            />
            <TimePicker
              label={label("workEnd")}
              required
              hoursInputLabel={t("users.hoursOf", { field: label("workEnd") })}
              minutesInputLabel={t("users.minutesOf", { field: label("workEnd") })}
              {...form.getInputProps("workEnd")}
            />
          </SimpleGrid>
          {user && (
            <Text size="sm" c="dimmed">
              {t("users.sessionsNote")}
            </Text>
          )}
          <FormButtons onCancel={onClose} loading={mutation.isPending} submitLabel={t("common.save")} />
        </Stack>
      </form>
    </Modal>
  );
}
