import type { Widen } from "./types";

export const overviewNl = {
  title: "…",
} as const;

export const overviewEn: Widen<typeof overviewNl> = {
  title: "…",
};
