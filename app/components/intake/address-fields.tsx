import { TextField } from "#app/components/forms";
import { useT } from "#app/i18n/i18n";

type Values = Partial<Record<"name" | "street" | "houseNumber" | "postcode" | "city", string>>;

/** Name and Dutch postal address, with the autocomplete tokens browsers and password managers understand. */
export function AddressFields({
  values,
  errors,
  nameLabel,
  own,
}: {
  values: Values;
  errors?: Record<string, string> | null;
  nameLabel: string;
  own: boolean;
}) {
  const t = useT().intake.contact;
  const ac = (token: string) => (own ? token : "off");
  return (
    <>
      <TextField
        name="name"
        label={nameLabel}
        autoComplete={ac("name")}
        defaultValue={values.name}
        error={errors?.name}
      />
      <TextField
        name="street"
        label={t.street}
        autoComplete={ac("address-line1")}
        defaultValue={values.street}
        error={errors?.street}
      />
      <TextField
        name="houseNumber"
        label={t.houseNumber}
        width="short"
        autoComplete="off"
        defaultValue={values.houseNumber}
        error={errors?.houseNumber}
      />
      <TextField
        name="postcode"
        label={t.postcode}
        description={t.postcodeHint}
        width="short"
        autoComplete={ac("postal-code")}
        spellCheck={false}
        defaultValue={values.postcode}
        error={errors?.postcode}
      />
      <TextField
        name="city"
        label={t.city}
        width="medium"
        autoComplete={ac("address-level2")}
        defaultValue={values.city}
        error={errors?.city}
      />
    </>
  );
}
