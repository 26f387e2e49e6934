import { describe, expect, it } from "vitest";
import { closingExplanation, describeEvent } from "./history";

describe("describeEvent", () => {
  it("names the statuses of a change, and the outcome with its finding or reason when the dossier closed", () => {
    expect(describeEvent("status_changed", { from: "received", to: "intake", outcome: null, detail: null })).toEqual({
      code: "status",
      from: "received",
      to: "intake",
      outcome: null,
      detail: null,
    });
    expect(
      describeEvent("status_changed", {
        from: "investigation",
        to: "closed",
        outcome: "report_with_finding",
        detail: "well_founded",
      }),
    ).toMatchObject({
      outcome: "report_with_finding",
      detail: { kind: "finding", code: "well_founded" },
    });
    expect(
      describeEvent("status_changed", { from: "intake", to: "closed", outcome: "not_taken_up", detail: "9:8_1_a" }),
    ).toMatchObject({
      detail: { kind: "reason", code: "9:8_1_a" },
    });
    // An outcome without a detail kind (withdrawn) keeps no detail, even if one was stored.
    expect(
      describeEvent("status_changed", { from: "intake", to: "closed", outcome: "withdrawn", detail: "x" }),
    ).toMatchObject({ outcome: "withdrawn", detail: null });
  });

  it("says who a dossier was assigned to, and nothing when the name is missing", () => {
    expect(describeEvent("assigned", { toName: "Sanne" })).toEqual({ code: "assigned", name: "Sanne" });
    expect(describeEvent("assigned", { to: "id-only" })).toBeNull();
  });

  it("marks the first contact with the resident", () => {
    expect(describeEvent("contact_recorded", { channel: "phone", contactedOn: "2026-04-22", first: true })).toEqual({
      code: "contact",
      channel: "phone",
      date: "2026-04-22",
      first: true,
    });
    expect(
      describeEvent("contact_recorded", { channel: "email", contactedOn: "2026-04-23", first: "yes" }),
    ).toMatchObject({ first: false });
  });

  it("describes documents, visibility, the clock and mail from their stored facts", () => {
    expect(describeEvent("document_added", { fileName: "brief.pdf", visibility: "internal" })).toEqual({
      code: "document",
      fileName: "brief.pdf",
      visibility: "internal",
    });
    expect(describeEvent("visibility_changed", { fileName: "brief.pdf", from: "internal", to: "shared" })).toEqual({
      code: "visibility",
      fileName: "brief.pdf",
      visibility: "shared",
      reason: "",
    });
    expect(
      describeEvent("visibility_changed", { fileName: "a.pdf", from: "shared", to: "internal", reason: "Awb 9:31" }),
    ).toMatchObject({ code: "visibility", reason: "Awb 9:31" });
    expect(describeEvent("request_sent", { kind: "information", dueOn: "2026-12-28" })).toEqual({
      code: "request",
      kind: "information",
      date: "2026-12-28",
      count: "0",
    });
    expect(
      describeEvent("request_sent", { kind: "findings", dueOn: "2027-01-04", attachmentIds: ["a", "b"] }),
    ).toMatchObject({ code: "request", kind: "findings", count: "2" });
    expect(describeEvent("clock_paused", { reason: "waiting_for_resident", startedOn: "2026-04-25" })).toEqual({
      code: "pause",
      reason: "waiting_for_resident",
      date: "2026-04-25",
    });
    expect(describeEvent("clock_resumed", { endedOn: "2026-05-02", days: 7 })).toEqual({
      code: "resume",
      date: "2026-05-02",
      days: "7",
    });
    expect(describeEvent("clock_resumed", { endedOn: "2026-05-02" })).toMatchObject({ days: "0" });
    expect(describeEvent("mail_sent", { subject: "Uw klacht", to: "a@example.nl" })).toEqual({
      code: "mail",
      subject: "Uw klacht",
      to: "a@example.nl",
    });
  });

  it("keeps the explanation written with a status change, also one in between", () => {
    expect(
      describeEvent("status_changed", { from: "intake", to: "intervention", explanation: "De gemeente wil praten." }),
    ).toMatchObject({ code: "status", explanation: "De gemeente wil praten." });
    expect(describeEvent("status_changed", { from: "intake", to: "intervention" })).not.toHaveProperty("explanation");
  });

  it("names the file given to the resident or taken back", () => {
    expect(describeEvent("document_given_to_resident", { attachmentId: "a", fileName: "Bevindingen.pdf" })).toEqual({
      code: "file",
      fileName: "Bevindingen.pdf",
    });
    expect(describeEvent("document_taken_from_resident", { fileName: 42 })).toEqual({ code: "file", fileName: "42" });
  });

  it("reads a value of the wrong type as empty, and has nothing to add to other events", () => {
    expect(describeEvent("clock_paused", { reason: { nested: true }, startedOn: null })).toEqual({
      code: "pause",
      reason: "",
      date: "",
    });
    expect(describeEvent("submitted", { channel: "online" })).toBeNull();
    expect(describeEvent("note_added", { noteId: "n1" })).toBeNull();
  });
});

describe("closingExplanation", () => {
  it("is the explanation of the last closing, if it had one", () => {
    const events = [
      { type: "status_changed", details: { to: "closed", explanation: "Eerste keer" } },
      { type: "note_added", details: {} },
      { type: "status_changed", details: { to: "closed", explanation: "Tweede keer" } },
      { type: "status_changed", details: { to: "intake", explanation: "Niet dit" } },
    ];
    expect(closingExplanation(events)).toBe("Tweede keer");
    expect(closingExplanation([{ type: "status_changed", details: { to: "closed", explanation: null } }])).toBeNull();
    expect(closingExplanation([])).toBeNull();
  });
});

describe("describeEvent for four eyes and reopening", () => {
  it("names who asked and who approved a close, a send-back's reason, and a reopening's reason", () => {
    expect(
      describeEvent("status_changed", {
        from: "intake",
        to: "closed",
        outcome: "referred",
        approvedByName: "Karim",
        askedByName: "Sanne",
      }),
    ).toMatchObject({ code: "status", approval: { approver: "Karim", asker: "Sanne" } });
    expect(
      describeEvent("approval_decided", {
        kind: "close",
        decision: "sent_back",
        reason: "Bel eerst.",
        approvedByName: "Karim",
        askedByName: "Sanne",
      }),
    ).toEqual({
      code: "approval",
      kind: "close",
      decision: "sent_back",
      approver: "Karim",
      asker: "Sanne",
      reason: "Bel eerst.",
    });
    expect(describeEvent("approval_requested", { kind: "override" })).toMatchObject({ decision: "requested" });
    expect(describeEvent("reopened", { reason: "Afspraak niet nagekomen." })).toEqual({
      code: "reopened",
      reason: "Afspraak niet nagekomen.",
    });
  });
});
