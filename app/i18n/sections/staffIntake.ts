import type { Widen } from "./types";

export const staffIntakeNl = {
  title: "…",
} as const;

export const staffIntakeEn: Widen<typeof staffIntakeNl> = {
  title: "…",
};
