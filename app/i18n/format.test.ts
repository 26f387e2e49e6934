import { describe, expect, it } from "vitest";
import { countMessage, formatDate, formatDateTime, formatSize, interpolate } from "./format";

describe("interpolate", () => {
  it("fills the placeholders it is given and leaves the others visible", () => {
    expect(interpolate("Dossier {number} van {name}", { number: "OMA-2026-0001" })).toBe(
      "Dossier OMA-2026-0001 van {name}",
    );
  });

  it("never fills a placeholder from the object's prototype", () => {
    expect(interpolate("{constructor} {toString}", {})).toBe("{constructor} {toString}");
  });
});

describe("dates", () => {
  it("shows a calendar date as the same day whatever the server's time zone", () => {
    expect(formatDate("2026-12-31", "nl")).toBe("31 december 2026");
    expect(formatDate("2026-03-29", "en", true)).toBe("Sunday 29 March 2026");
  });

  it("shows an instant in Amsterdam time (winter and summer)", () => {
    expect(formatDateTime("2026-01-15T23:30:00Z", "nl")).toContain("16 januari 2026");
    expect(formatDateTime("2026-07-01T22:15:00Z", "en")).toContain("00:15");
  });

  it("chooses the singular only for one", () => {
    expect(countMessage(1, "1 dag", "{count} dagen")).toBe("1 dag");
    expect(countMessage(0, "1 dag", "{count} dagen")).toBe("0 dagen");
  });
});

describe("formatSize", () => {
  it("shows kilobytes and megabytes in the reader's notation, never 0 KB", () => {
    expect(formatSize(10, "nl")).toBe("1 KB");
    expect(formatSize(2.5 * 1048576, "nl")).toBe("2,5 MB");
    expect(formatSize(2.5 * 1048576, "en")).toBe("2.5 MB");
  });
});
