import type { Municipality } from "./schema/municipalities";

type MunicipalitySeed = Omit<Municipality, "createdAt" | "updatedAt">;

/**
 * The municipalities affiliated with the Ombudsman Metropool Amsterdam.
 * Only Amstelveen's joining date is in our sources; the others joined before it and are
 * recorded as 2014-01-01, the ombudsman's start under its current name. Coordinators own
 * this data; the seed only inserts rows that do not exist yet.
 */
export const MUNICIPALITIES: MunicipalitySeed[] = [
  {
    id: "amsterdam",
    name: "Amsterdam",
    joinedOn: "2014-01-01",
    leftOn: null,
    website: "https://www.amsterdam.nl",
    complaintsUrl: "https://www.amsterdam.nl/contact/klacht-indienen/",
    objectionUrl: "https://www.amsterdam.nl/bezwaar-maken/",
    publicSpaceReportUrl: "https://www.amsterdam.nl/meldingen/",
    damagesUrl: "https://www.amsterdam.nl/schade-melden/",
    handlingWeeks: 6,
  },
  {
    id: "almere",
    name: "Almere",
    joinedOn: "2014-01-01",
    leftOn: null,
    website: "https://www.almere.nl",
    complaintsUrl: "https://www.almere.nl/contact/klacht-indienen",
    objectionUrl: "https://www.almere.nl/bezwaar-maken",
    publicSpaceReportUrl: "https://www.almere.nl/melding-openbare-ruimte",
    damagesUrl: "https://www.almere.nl/schade-melden",
    handlingWeeks: 6,
  },
  {
    id: "amstelveen",
    name: "Amstelveen",
    joinedOn: "2016-07-01",
    leftOn: null,
    website: "https://www.amstelveen.nl",
    complaintsUrl: "https://www.amstelveen.nl/klacht-over-de-gemeente",
    objectionUrl: "https://www.amstelveen.nl/bezwaar-maken",
    publicSpaceReportUrl: "https://www.amstelveen.nl/melding-openbare-ruimte",
    damagesUrl: "https://www.amstelveen.nl/schade-melden",
    handlingWeeks: 6,
  },
  {
    id: "diemen",
    name: "Diemen",
    joinedOn: "2014-01-01",
    leftOn: null,
    website: "https://www.diemen.nl",
    complaintsUrl: "https://www.diemen.nl/klacht",
    objectionUrl: "https://www.diemen.nl/bezwaar-maken",
    publicSpaceReportUrl: "https://www.diemen.nl/melding-openbare-ruimte",
    damagesUrl: "https://www.diemen.nl/schade-melden",
    handlingWeeks: 6,
  },
  {
    id: "landsmeer",
    name: "Landsmeer",
    joinedOn: "2014-01-01",
    leftOn: null,
    website: "https://www.landsmeer.nl",
    complaintsUrl: "https://www.landsmeer.nl/klacht",
    objectionUrl: "https://www.landsmeer.nl/bezwaar-maken",
    publicSpaceReportUrl: "https://www.landsmeer.nl/melding-openbare-ruimte",
    damagesUrl: "https://www.landsmeer.nl/schade-melden",
    handlingWeeks: 6,
  },
  {
    id: "waterland",
    name: "Waterland",
    joinedOn: "2014-01-01",
    leftOn: null,
    website: "https://www.waterland.nl",
    complaintsUrl: "https://www.waterland.nl/klacht",
    objectionUrl: "https://www.waterland.nl/bezwaar-maken",
    publicSpaceReportUrl: "https://www.waterland.nl/melding-openbare-ruimte",
    damagesUrl: "https://www.waterland.nl/schade-melden",
    handlingWeeks: 6,
  },
  {
    id: "ouder-amstel",
    name: "Ouder-Amstel",
    joinedOn: "2014-01-01",
    leftOn: null,
    website: "https://www.ouder-amstel.nl",
    complaintsUrl: "https://www.ouder-amstel.nl/klacht",
    objectionUrl: "https://www.ouder-amstel.nl/bezwaar-maken",
    publicSpaceReportUrl: "https://www.ouder-amstel.nl/melding-openbare-ruimte",
    damagesUrl: "https://www.ouder-amstel.nl/schade-melden",
    handlingWeeks: 6,
  },
  {
    id: "zaanstad",
    name: "Zaanstad",
    joinedOn: "2014-01-01",
    leftOn: null,
    website: "https://www.zaanstad.nl",
    complaintsUrl: "https://www.zaanstad.nl/klacht",
    objectionUrl: "https://www.zaanstad.nl/bezwaar-maken",
    publicSpaceReportUrl: "https://www.zaanstad.nl/melding-openbare-ruimte",
    damagesUrl: "https://www.zaanstad.nl/schade-melden",
    handlingWeeks: 6,
  },
];

/** Years of holidays the seed writes; a coordinator extends the table for later years. */
export const HOLIDAY_YEARS = { from: 2015, to: 2040 } as const;
