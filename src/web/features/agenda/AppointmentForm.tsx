// Plan or change an appointment: relation, whose agenda (inside sales plans for its reps), visit type,
// persons met, date (dd-mm-jjjj) and time on the Amsterdam clock, duration, place, notes. Warnings of
// the server (an overlap naming the other appointment, hours outside the working day) are shown after
// saving; refusals (a dead relation, a bad time) beside their field.
import { MultiSelect, NumberInput, Select, SimpleGrid, Stack, TextInput, Textarea } from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import "@mantine/dates/styles.css";
import "dayjs/locale/nl";
import "dayjs/locale/en-gb";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/client.js";
import { mapFieldErrors } from "../../api/problems.js";
import type { Ref } from "../../api/types.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { VersionConflictAlert } from "../../components/VersionConflictAlert.js";
import { currentLanguage } from "../../i18n/index.js";
import { RelationPicker } from "../quotes/RelationPicker.js";
import { useCurrentUser } from "../auth/session.js";
import { type Appointment, type AppointmentPatchBody, useAgendaUsers, useCreateAppointment, useRelationPersons, useUpdateAppointment } from "./agenda.api.js";
import { amsterdamToInstant } from "./agenda-dates.js";
import { FormButtons } from "../../components/FormButtons.js";

export const VISIT_TYPES = ["first_visit", "follow_up", "demo_expert", "demo_layman", "quote_discussion", "closing", "after_sales"] as const;
const PLACE_KINDS = ["visit_address", "postal_address", "other"] as const;

interface Values {
  relation: Ref | null;
  forUserId: string;
  visitType: string;
  personIds: string[];
  date: string;
  time: string;
  durationMinutes: number;
  placeKind: string;
  placeText: string;
  notes: string;
}

const FORM_FIELDS = ["relationId", "forUserId", "visitType", "personIds", "start", "durationMinutes", "placeKind", "placeText", "notes"];

interface Props {
  appointment: Appointment | null;
  /** Prefilled date and time of a new appointment (the slot clicked). */
  initial?: { date: string; time: string; forUserId?: number };
  onSaved: (saved: Appointment) => void;
  onCancel: () => void;
  onReload: () => void;
}

export function AppointmentForm({ appointment, initial, onSaved, onCancel, onReload }: Props) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const users = useAgendaUsers();
  const create = useCreateAppointment();
  const update = useUpdateAppointment();
  const mutation = appointment ? update : create;
  const [relation, setRelation] = useState<Ref | null>(appointment ? { id: appointment.relation.id, name: appointment.relation.name } : null);
  const form = useForm<Values>({
    initialValues: {
      relation,
      forUserId: String(appointment?.forUser.id ?? initial?.forUserId ?? me.id),
      visitType: appointment?.visitType ?? "first_visit",
      personIds: (appointment?.persons ?? []).map((p) => String(p.id)),
      date: appointment?.date ?? initial?.date ?? "",
      time: appointment?.startTime ?? initial?.time ?? "09:00",
      durationMinutes: appointment?.durationMinutes ?? 60,
      placeKind: appointment?.placeKind ?? "visit_address",
      placeText: appointment?.placeText ?? "",
      notes: appointment?.notes ?? "",
    },
    validate: {
      relation: (v) => (v ? null : t("fieldErrors.required")),
      date: (v) => (v ? null : t("fieldErrors.required")),
      time: (v) => (/^\d{2}:\d{2}$/.test(v) ? null : t("fieldErrors.required")),
      placeText: (v, values) => (values.placeKind === "other" && v.trim() === "" ? t("fieldErrors.required") : null),
    },
  });
  const persons = useRelationPersons(relation?.id ?? null);
  const personOptions = (persons.data?.items ?? []).filter((p) => p.active || form.values.personIds.includes(String(p.id))).map((p) => ({ value: String(p.id), label: p.displayName }));
  const userOptions = (users.data?.items ?? []).filter((u) => u.mayPlan || String(u.id) === form.values.forUserId).map((u) => ({ value: String(u.id), label: u.name }));
  if (appointment && !userOptions.some((o) => o.value === String(appointment.forUser.id))) userOptions.push({ value: String(appointment.forUser.id), label: appointment.forUser.name });

  const conflict = isApiError(mutation.error, "version_conflict");
  const mapped = mapFieldErrors(t, mutation.error, FORM_FIELDS);
  const errorOf = (field: string) => (form.errors[field] as string | undefined) ?? mapped.byField[field];

  const submit = (v: Values) => {
    if (!v.relation) return;
    const body = {
      relationId: v.relation.id,
      forUserId: Number(v.forUserId),
      visitType: v.visitType as Appointment["visitType"],
      personIds: v.personIds.map(Number),
      start: amsterdamToInstant(v.date, v.time),
      durationMinutes: v.durationMinutes,
      placeKind: v.placeKind as (typeof PLACE_KINDS)[number],
      placeText: v.placeKind === "other" ? v.placeText : null,
      notes: v.notes,
    };
    if (appointment) {
      const changes: AppointmentPatchBody = {};
      if (body.relationId !== appointment.relation.id) changes.relationId = body.relationId;
      if (body.forUserId !== appointment.forUser.id) changes.forUserId = body.forUserId;
      if (body.visitType !== appointment.visitType) changes.visitType = body.visitType as AppointmentPatchBody["visitType"];
      if (body.personIds.join() !== appointment.persons.map((p) => p.id).join()) changes.personIds = body.personIds;
      if (body.start !== appointment.start) changes.start = body.start;
      if (body.durationMinutes !== appointment.durationMinutes) changes.durationMinutes = body.durationMinutes;
      if (body.placeKind !== appointment.placeKind) changes.placeKind = body.placeKind;
      if ((body.placeText ?? "") !== (appointment.placeText ?? "")) changes.placeText = body.placeText;
      if (body.notes !== (appointment.notes ?? "")) changes.notes = body.notes;
      if (Object.keys(changes).length === 0) return onCancel();
      update.mutate({ id: appointment.id, version: appointment.version, changes }, { onSuccess: onSaved });
      return;
    }
    create.mutate(body as Parameters<typeof create.mutate>[0], { onSuccess: onSaved });
  };

  return (
    <form noValidate onSubmit={form.onSubmit(submit)} aria-label={appointment ? t("agenda.editTitle") : t("agenda.newTitle")}>
      <Stack>
        {conflict && (
          <VersionConflictAlert
            onReload={() => {
              update.reset();
              onReload();
            }}
          />
        )}
        {mutation.isError && !conflict && <ErrorAlert error={mutation.error} fields={mapped.other} reveal={false} />}
        <RelationPicker
          value={relation?.id ?? null}
          current={relation}
          required
          error={errorOf("relation") ?? errorOf("relationId")}
          onChange={(r) => {
            setRelation(r);
            form.setFieldValue("relation", r);
            form.setFieldValue("personIds", []);
          }}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select label={t("agenda.fields.visitType")} data={VISIT_TYPES.map((v) => ({ value: v, label: t(`agenda.visitType.${v}`) }))} allowDeselect={false} required {...form.getInputProps("visitType")} error={errorOf("visitType")} />
          <Select label={t("agenda.fields.forUser")} data={userOptions} allowDeselect={false} searchable required {...form.getInputProps("forUserId")} error={errorOf("forUserId")} />
        </SimpleGrid>
        <MultiSelect
          label={t("agenda.fields.persons")}
          data={personOptions}
          searchable
          disabled={!relation}
          nothingFoundMessage={t("agenda.noPersons")}
          {...form.getInputProps("personIds")}
          error={errorOf("personIds")}
        />
        <SimpleGrid cols={{ base: 1, xs: 3 }}>
          <DatePickerInput
            label={t("agenda.fields.date")}
            locale={currentLanguage() === "en" ? "en-gb" : "nl"}
            valueFormat={currentLanguage() === "en" ? "DD/MM/YYYY" : "DD-MM-YYYY"}
            placeholder={t("agenda.datePlaceholder")}
            value={form.values.date || null}
            onChange={(d) => form.setFieldValue("date", d ? String(d).slice(0, 10) : "")}
            error={errorOf("date") ?? errorOf("start")}
            required
            popoverProps={{ withinPortal: true }}
          />
          <TextInput type="time" label={t("agenda.fields.time")} required {...form.getInputProps("time")} />
          <NumberInput label={t("agenda.fields.duration")} suffix={` ${t("agenda.minutes")}`} min={5} max={720} step={15} allowDecimal={false} {...form.getInputProps("durationMinutes")} error={errorOf("durationMinutes")} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select label={t("agenda.fields.place")} data={PLACE_KINDS.map((p) => ({ value: p, label: t(`agenda.place.${p}`) }))} allowDeselect={false} {...form.getInputProps("placeKind")} error={errorOf("placeKind")} />
          {form.values.placeKind === "other" && <TextInput label={t("agenda.fields.placeText")} maxLength={500} required {...form.getInputProps("placeText")} error={errorOf("placeText")} />}
        </SimpleGrid>
        <Textarea label={t("agenda.fields.notes")} autosize minRows={2} maxRows={8} maxLength={5000} {...form.getInputProps("notes")} />
        <FormButtons onCancel={onCancel} loading={mutation.isPending} submitLabel={appointment ? t("common.save") : t("agenda.plan")} />
      </Stack>
    </form>
  );
}
