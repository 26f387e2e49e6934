import type { Widen } from "./types";

export const queueNl = {
  title: "…",
} as const;

export const queueEn: Widen<typeof queueNl> = {
  title: "…",
};
