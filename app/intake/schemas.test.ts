import { describe, expect, it } from "vitest";
import { messagesFor } from "#app/i18n/catalogue.server";
import { parseForm } from "#app/utils/forms.server";
import { ComplaintSchema, ContactSchema, ReceivedOnSchema, RepresentedSchema } from "./schemas.server";

const t = messagesFor("nl").intake;
const en = messagesFor("en").intake;
const TODAY = "2026-03-29";
const errorsOf = (result: ReturnType<typeof parseForm>) => (result.success ? {} : result.errors);

describe("a date in three boxes", () => {
  it("marks only the box that is wrong", () => {
    const wrongMonth = errorsOf(parseForm(ReceivedOnSchema(t, TODAY), { day: "12", month: "13", year: "2025" }));
    expect(wrongMonth).toEqual({ month: t.date.invalid });
    const missingYear = errorsOf(parseForm(ReceivedOnSchema(t, TODAY), { day: "12", month: "3", year: "" }));
    expect(missingYear).toEqual({ year: t.date.incomplete });
    // 31 April: each box fits on its own, the day does not exist in that month.
    const april31 = errorsOf(parseForm(ReceivedOnSchema(t, TODAY), { day: "31", month: "4", year: "2025" }));
    expect(april31).toEqual({ day: t.date.invalid });
  });

  it("marks all three boxes when the whole date is wrong", () => {
    const future = errorsOf(parseForm(ReceivedOnSchema(t, TODAY), { day: "1", month: "4", year: "2026" }));
    expect(future).toEqual({ day: t.date.inFuture, month: t.date.inFuture, year: t.date.inFuture });
  });
});

describe("messages that say which field they are about", () => {
  const long = "x".repeat(201);
  const contact = {
    name: "Joost de Vries",
    street: long,
    houseNumber: "1",
    postcode: "1012 JS",
    city: "Amsterdam",
    email: "j@example.test",
    phone: "",
    preferredChannel: "email",
  };

  it("names the field that is too long", () => {
    expect(errorsOf(parseForm(ContactSchema(t), contact)).street).toBe("Straat: gebruik hoogstens 200 tekens.");
    expect(errorsOf(parseForm(ContactSchema(en), contact)).street).toBe("Street: use at most 200 characters.");
    const complaint = { text: "Iets", place: long, people: "", desiredOutcome: "", day: "1", month: "3", year: "2026" };
    expect(errorsOf(parseForm(ComplaintSchema(t, TODAY), complaint)).place).toBe(
      "Beschrijf in hoogstens 200 tekens waar het gebeurde.",
    );
  });

  it("asks for the represented person's address, not the resident's own", () => {
    const errors = errorsOf(
      parseForm(RepresentedSchema(t), { name: "A. Bakker", street: "", houseNumber: "", postcode: "", city: "" }),
    );
    expect(errors).toEqual({
      street: "Vul de straat in van de persoon voor wie u klaagt.",
      houseNumber: "Vul het huisnummer in van de persoon voor wie u klaagt.",
      postcode: "Vul de postcode in van de persoon voor wie u klaagt.",
      city: "Vul de woonplaats in van de persoon voor wie u klaagt.",
    });
    expect(Object.values(errors).join(" ")).not.toMatch(/\buw\b/);
  });
});
