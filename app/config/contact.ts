/** The ombudsman's public contact details, shown on pages, in mail and in letters. */
export const OMBUDSMAN_PHONE = "020 625 9999";
export const OMBUDSMAN_PHONE_HREF = "tel:+31206259999";

/**
 * Where residents write to, as printed on a letter (sender and "send your answer to"): the lines
 * of the address under the name. To be confirmed by the office before go-live: not yet checked
 * against the ombudsman's own letterhead.
 */
export const OMBUDSMAN_POSTAL_ADDRESS = ["Postbus 0000", "1000 AA Amsterdam"] as const;
