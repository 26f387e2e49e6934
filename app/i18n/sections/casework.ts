import type { Widen } from "./types";

export const caseworkNl = {
  title: "…",
} as const;

export const caseworkEn: Widen<typeof caseworkNl> = {
  title: "…",
};
