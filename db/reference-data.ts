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
    handlingWeeks: 6,
  },
  {
    id: "almere",
    name: "Almere",
    joinedOn: "2014-01-01",
    leftOn: null,
    website: "https://www.almere.nl",
    complaintsUrl: "https://www.almere.nl/contact/klacht-indienen",
    handlingWeeks: 6,
  },
  {
    id: "amstelveen",
    name: "Amstelveen",
    joinedOn: "2016-07-01",
    leftOn: null,
    website: "https://www.amstelveen.nl",
    complaintsUrl: "https://www.amstelveen.nl/klacht-over-de-gemeente",
    handlingWeeks: 6,
  },
  {
    id: "diemen",
    name: "Diemen",
    joinedOn: "2014-01-01",
    leftOn: null,
    website: "https://www.diemen.nl",
    complaintsUrl: "https://www.diemen.nl/klacht",
    handlingWeeks: 6,
  },
  {
    id: "landsmeer",
    name: "Landsmeer",
    joinedOn: "2014-01-01",
    leftOn: null,
    website: "https://www.landsmeer.nl",
    complaintsUrl: "https://www.landsmeer.nl/klacht",
    handlingWeeks: 6,
  },
  {
    id: "waterland",
    name: "Waterland",
    joinedOn: "2014-01-01",
    leftOn: null,
    website: "https://www.waterland.nl",
    complaintsUrl: "https://www.waterland.nl/klacht",
    handlingWeeks: 6,
  },
  {
    id: "ouder-amstel",
    name: "Ouder-Amstel",
    joinedOn: "2014-01-01",
    leftOn: null,
    website: "https://www.ouder-amstel.nl",
    complaintsUrl: "https://www.ouder-amstel.nl/klacht",
    handlingWeeks: 6,
  },
  {
    id: "zaanstad",
    name: "Zaanstad",
    joinedOn: "2014-01-01",
    leftOn: null,
    website: "https://www.zaanstad.nl",
    complaintsUrl: "https://www.zaanstad.nl/klacht",
    handlingWeeks: 6,
  },
];

/** Years of holidays the seed writes; a coordinator extends the table for later years. */
export const HOLIDAY_YEARS = { from: 2015, to: 2040 } as const;
