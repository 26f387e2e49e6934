import { z } from "zod";
import type { Messages } from "#app/i18n/catalogue.server";
import { interpolate } from "#app/i18n/format";
import { isValidIsoDate, type IsoDate } from "#app/utils/calendar-date";
import type { AnswerStatus, Answers, ComplaintDetails, ContactDetails, RepresentedPerson, Topic } from "./journey";
import { OTHER_ORGANISATION } from "./journey";
import { countCharacters } from "./text";

export { countCharacters };

/**
 * One Zod schema per step of the complaint form. Each turns the posted fields into the
 * step's part of the answers, with Dutch (or English) messages a resident understands.
 * The same schemas re-check the whole draft at submit.
 */

type T = Messages["intake"];

export const COMPLAINT_MAX = 2000;
const DESIRED_MAX = 1000;
const SHORT_MAX = 200;

const text = () =>
  z.preprocess((v) => (typeof v === "string" ? v.trim() : v === undefined || v === null ? "" : v), z.string());

const choice = <V extends string>(values: readonly V[], message: string) =>
  z.preprocess((v) => (v === "" ? undefined : v), z.enum(values as unknown as [V, ...V[]], { error: message }));

export const DATE_PARTS = ["day", "month", "year"] as const;
export type DatePart = (typeof DATE_PARTS)[number];
const PART_PATTERN: Record<DatePart, RegExp> = {
  day: /^(0?[1-9]|[12]\d|3[01])$/,
  month: /^(0?[1-9]|1[0-2])$/,
  year: /^\d{4}$/,
};

/** Day, month and year inputs (GOV.UK date pattern) to one calendar date. */
export function dateFromParts(
  parts: { day: string; month: string; year: string },
  ctx: z.RefinementCtx,
  t: T["date"],
  today: IsoDate,
  options: { allowFuture?: boolean } = {},
): IsoDate | undefined {
  const { day, month, year } = parts;
  // Each part in error gets the message (GOV.UK: only the wrong boxes are marked); the summary shows it once.
  const issue = (message: string, wrong: readonly DatePart[] = DATE_PARTS) => {
    for (const part of wrong) ctx.addIssue({ code: "custom", message, path: [part] });
    return undefined;
  };
  if (!day && !month && !year) return issue(t.required);
  if (!day || !month || !year)
    return issue(
      t.incomplete,
      DATE_PARTS.filter((p) => !parts[p]),
    );
  const wrong = DATE_PARTS.filter((p) => !PART_PATTERN[p].test(parts[p]));
  if (wrong.length > 0) return issue(t.invalid, wrong);
  const iso = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  // Each part fits on its own: the day does not exist in that month (31 April, 29 February).
  if (!isValidIsoDate(iso)) return issue(t.invalid, ["day"]);
  if (iso < "1900-01-01") return issue(t.tooOld, ["year"]);
  if (!options.allowFuture && iso > today) return issue(t.inFuture);
  return iso;
}

const dateParts = { day: text(), month: text(), year: text() };

// Building a Zod schema costs far more than using one, so each is built once per language
// and arguments (the functions passed along only format dates in that language).
const built = new WeakMap<T, Map<string, unknown>>();
function memo<A extends unknown[], R>(name: string, build: (t: T, ...args: A) => R): (t: T, ...args: A) => R {
  return (t, ...args) => {
    let forLocale = built.get(t);
    if (!forLocale) built.set(t, (forLocale = new Map()));
    const key = `${name}|${args.map((a) => (typeof a === "function" ? "" : JSON.stringify(a))).join("|")}`;
    let schema = forLocale.get(key) as R | undefined;
    if (!schema) {
      if (forLocale.size > 1000) forLocale.clear();
      schema = build(t, ...args);
      forLocale.set(key, schema);
    }
    return schema;
  };
}

function buildMunicipalitySchema(t: T, affiliatedIds: string[]) {
  return z
    .object({ municipalityId: choice([...affiliatedIds, OTHER_ORGANISATION], t.municipality.required) })
    .transform((v): Partial<Answers> => ({ municipalityId: v.municipalityId }));
}

function buildTopicSchema(t: T) {
  const topics: Topic[] = ["conduct", "decision", "public_space", "damages", "care_provider"];
  return z.object({ topic: choice(topics, t.topic.required) }).transform((v): Partial<Answers> => ({ topic: v.topic }));
}

function buildCourtSchema(t: T) {
  return z
    .object({ courtCase: choice(["yes", "no"] as const, t.court.required) })
    .transform((v): Partial<Answers> => v);
}

function buildFirstLineSchema(t: T) {
  return z
    .object({ complainedFirst: choice(["yes", "no"] as const, t.firstLine.required) })
    .transform((v): Partial<Answers> => v);
}

function buildAnswerSchema(t: T) {
  const statuses: AnswerStatus[] = ["answered", "not_answered", "postponed"];
  return z
    .object({ answerStatus: choice(statuses, t.answer.required) })
    .transform((v): Partial<Answers> => ({ answerStatus: v.answerStatus }));
}

function buildForWhomSchema(t: T) {
  return z
    .object({ forWhom: choice(["self", "other"] as const, t.forWhom.required) })
    .transform((v): Partial<Answers> => v);
}

const POSTCODE = /^[1-9][0-9]{3} ?(?!SA|SD|SS)[A-Z]{2}$/;
const HOUSE_NUMBER = /^[1-9][0-9]{0,4}(?:[ -]?[A-Za-z0-9]{1,6})?$/;

type AddressMessages = Pick<
  T["contact"],
  "nameRequired" | "streetRequired" | "houseNumberRequired" | "postcodeRequired" | "cityRequired"
>;

/** The address fields; `m` says whose address it is ("uw straat", or the represented person's). */
function addressFields(t: T["contact"], m: AddressMessages) {
  const max = (field: string, n: number) => interpolate(t.tooLong, { field, max: n });
  return {
    name: text().pipe(z.string().min(1, m.nameRequired).max(SHORT_MAX, max(t.name, SHORT_MAX))),
    street: text().pipe(z.string().min(1, m.streetRequired).max(SHORT_MAX, max(t.street, SHORT_MAX))),
    houseNumber: text().pipe(z.string().min(1, m.houseNumberRequired).regex(HOUSE_NUMBER, t.houseNumberInvalid)),
    postcode: text()
      .pipe(z.string().min(1, m.postcodeRequired))
      .transform((v) => v.toUpperCase().replace(/\s+/g, " "))
      .pipe(z.string().regex(POSTCODE, t.postcodeInvalid))
      .transform((v) => `${v.slice(0, 4)} ${v.slice(-2)}`),
    city: text().pipe(z.string().min(1, m.cityRequired).max(100, max(t.city, 100))),
  };
}

/** Dutch numbers (06…, 020…, +31…) or international numbers with a country code. */
export function normalisePhone(raw: string): string | null {
  const compact = raw.replace(/[\s().-]/g, "");
  if (/^(?:\+31|0031)[1-9]\d{8}$/.test(compact)) return `+31${compact.slice(-9)}`;
  if (/^0[1-9]\d{8}$/.test(compact)) return compact;
  if (/^\+(?!31)[1-9]\d{7,14}$/.test(compact)) return compact;
  return null;
}

function buildContactSchema(t: T) {
  const c = t.contact;
  const str = (v: unknown) => (typeof v === "string" ? v.trim() : "");
  return (
    z
      .object({
        ...addressFields(c, c),
        email: text().pipe(z.union([z.literal(""), z.email(c.emailInvalid).max(254, c.emailInvalid)])),
        phone: text(),
        preferredChannel: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["email", "phone"]).optional()),
      })
      // `when`: these run even when another field failed, so one submit shows every problem.
      .superRefine(
        (v, ctx) => {
          const email = str(v.email);
          const phone = str(v.phone);
          if (phone && !normalisePhone(phone))
            ctx.addIssue({ code: "custom", path: ["phone"], message: c.phoneInvalid });
          if (!email && !phone) ctx.addIssue({ code: "custom", path: ["email"], message: c.reachRequired });
          if (!v.preferredChannel)
            ctx.addIssue({ code: "custom", path: ["preferredChannel"], message: c.preferredRequired });
          else if (v.preferredChannel === "email" && !email && phone)
            ctx.addIssue({ code: "custom", path: ["email"], message: c.preferredEmailMissing });
          else if (v.preferredChannel === "phone" && !phone && email)
            ctx.addIssue({ code: "custom", path: ["phone"], message: c.preferredPhoneMissing });
        },
        { when: () => true },
      )
      .transform((v): Partial<Answers> => {
        const contact: ContactDetails = {
          name: v.name,
          street: v.street,
          houseNumber: v.houseNumber,
          postcode: v.postcode,
          city: v.city,
          email: v.email ? v.email.toLowerCase() : undefined,
          phone: v.phone ? (normalisePhone(v.phone) ?? undefined) : undefined,
          preferredChannel: v.preferredChannel ?? "email",
        };
        return { contact };
      })
  );
}

function buildRepresentedSchema(t: T) {
  return z.object(addressFields(t.contact, t.represented)).transform((v): Partial<Answers> => {
    const represented: RepresentedPerson = { ...v };
    return { represented };
  });
}

function buildComplaintSchema(t: T, today: IsoDate) {
  const c = t.complaint;
  return (
    z
      .object({
        // The text is kept as typed (no trim inside): the counter counts what the resident sees.
        text: z.preprocess((v) => (typeof v === "string" ? v.replace(/\r\n?/g, "\n").trimEnd() : ""), z.string()),
        place: text().pipe(
          z
            .string()
            .min(1, c.placeRequired)
            .max(SHORT_MAX, interpolate(c.placeTooLong, { max: SHORT_MAX })),
        ),
        people: text().pipe(z.string().max(SHORT_MAX * 2, interpolate(c.peopleTooLong, { max: SHORT_MAX * 2 }))),
        desiredOutcome: text().pipe(z.string().max(DESIRED_MAX, interpolate(c.desiredTooLong, { max: DESIRED_MAX }))),
        ...dateParts,
      })
      // `when`: the text and the date are checked even when another field failed, so one submit shows every problem.
      .superRefine(
        (v, ctx) => {
          const value = typeof v.text === "string" ? v.text : "";
          const count = countCharacters(value);
          if (value.trim().length === 0) ctx.addIssue({ code: "custom", path: ["text"], message: c.textRequired });
          else if (count > COMPLAINT_MAX)
            ctx.addIssue({
              code: "custom",
              path: ["text"],
              message: interpolate(c.textTooLong, { count, max: COMPLAINT_MAX }),
            });
          const str = (x: unknown) => (typeof x === "string" ? x.trim() : "");
          dateFromParts({ day: str(v.day), month: str(v.month), year: str(v.year) }, ctx, t.date, today);
        },
        { when: () => true },
      )
      .transform((v): Partial<Answers> => {
        const complaint: ComplaintDetails = {
          text: v.text,
          place: v.place,
          date: `${v.year}-${v.month.padStart(2, "0")}-${v.day.padStart(2, "0")}`,
          people: v.people || undefined,
          desiredOutcome: v.desiredOutcome || undefined,
        };
        return { complaint };
      })
  );
}

function buildConsentSchema(t: T) {
  return z.object({ consent: z.literal("ja", { error: t.review.consentRequired }) });
}

/** The answers a date step shows again in its three inputs. */
export function dateValues(iso: string | undefined): { day: string; month: string; year: string } {
  if (!iso || !isValidIsoDate(iso)) return { day: "", month: "", year: "" };
  return { day: String(Number(iso.slice(8, 10))), month: String(Number(iso.slice(5, 7))), year: iso.slice(0, 4) };
}

export const MunicipalitySchema = memo("MunicipalitySchema", buildMunicipalitySchema);
export const TopicSchema = memo("TopicSchema", buildTopicSchema);
export const CourtSchema = memo("CourtSchema", buildCourtSchema);
export const FirstLineSchema = memo("FirstLineSchema", buildFirstLineSchema);
export const AnswerSchema = memo("AnswerSchema", buildAnswerSchema);
export const ForWhomSchema = memo("ForWhomSchema", buildForWhomSchema);
export const ContactSchema = memo("ContactSchema", buildContactSchema);
export const RepresentedSchema = memo("RepresentedSchema", buildRepresentedSchema);
export const ComplaintSchema = memo("ComplaintSchema", buildComplaintSchema);
export const ConsentSchema = memo("ConsentSchema", buildConsentSchema);

// The date part is built once per language; the per-draft comparison is a thin wrapper around
// it, because a full schema per receipt date would be rebuilt for nearly every request.
const DatePartsSchema = memo("DateParts", () => z.object(dateParts));

export function AnswerDateSchema(
  t: T,
  today: IsoDate,
  receivedOn: IsoDate | undefined,
  formatDate: (d: IsoDate) => string,
) {
  return DatePartsSchema(t).transform((v, ctx): Partial<Answers> => {
    const date = dateFromParts(v, ctx, t.date, today);
    if (date && receivedOn && date < receivedOn) {
      const message = interpolate(t.answerDate.beforeReceipt, { received: formatDate(receivedOn) });
      for (const part of DATE_PARTS) ctx.addIssue({ code: "custom", path: [part], message });
      return {};
    }
    return date ? { answeredOn: date } : {};
  });
}

/** A postponement must lie after the municipality's own (rolled-forward) term. */
export function PostponedDateSchema(
  t: T,
  today: IsoDate,
  computedTerm: IsoDate | undefined,
  formatDate: (d: IsoDate) => string,
) {
  return DatePartsSchema(t).transform((v, ctx): Partial<Answers> => {
    const date = dateFromParts(v, ctx, t.date, today, { allowFuture: true });
    if (date && computedTerm && date <= computedTerm) {
      const message = interpolate(t.postponedDate.notAfterTerm, { deadline: formatDate(computedTerm) });
      for (const part of DATE_PARTS) ctx.addIssue({ code: "custom", path: [part], message });
      return {};
    }
    return date ? { postponedUntil: date } : {};
  });
}

export function ReceivedOnSchema(t: T, today: IsoDate) {
  return DatePartsSchema(t).transform((v, ctx): Partial<Answers> => {
    const date = dateFromParts(v, ctx, t.date, today);
    return date ? { complaintReceivedOn: date } : {};
  });
}
