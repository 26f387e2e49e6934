/** The ombudsman's public contact details, shown on pages, in mail and in letters. */
export const OMBUDSMAN_PHONE = "020 625 9999";
export const OMBUDSMAN_PHONE_HREF = "tel:+31206259999";
