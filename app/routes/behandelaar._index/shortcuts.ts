import { useEffect, useState } from "react";

/** Typing in any of these is text, never a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement)
    return !["checkbox", "radio", "button", "submit", "reset"].includes(target.type);
  return false;
}

/**
 * The queue's keys: `/` to the search field; `j` and `k` to the next and previous row's link
 * (focus moves to the link, and `announce` says which row it is). Never while typing in a field,
 * nor with Ctrl, Alt or Meta (the browser's and the screen reader's own keys).
 */
export function useQueueShortcuts({
  searchId,
  describe,
}: {
  searchId: string;
  describe: (index: number, total: number) => string;
}): string {
  const [announcement, setAnnouncement] = useState("");
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey || isTyping(event.target)) return;
      if (event.key === "/") {
        const search = document.getElementById(searchId);
        if (!(search instanceof HTMLInputElement)) return;
        event.preventDefault();
        search.focus();
        search.select();
        return;
      }
      if (event.key !== "j" && event.key !== "k") return;
      const links = [...document.querySelectorAll<HTMLAnchorElement>("a[data-queue-row]")];
      if (links.length === 0) return;
      const active = document.activeElement;
      const current = links.findIndex((link) => link === active || link.closest("tr")?.contains(active));
      const next =
        event.key === "j"
          ? current < 0
            ? 0
            : Math.min(links.length - 1, current + 1)
          : current < 0
            ? 0
            : Math.max(0, current - 1);
      event.preventDefault();
      links[next]!.focus();
      setAnnouncement(describe(next, links.length));
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [searchId, describe]);
  return announcement;
}
