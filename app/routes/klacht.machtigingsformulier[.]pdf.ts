import { mandateFormPdf } from "#app/intake/mandate-form.server";

const MANDATE_FORM_FILENAME = "machtigingsformulier-ombudsman-metropool-amsterdam.pdf";

/** The blank mandate form. Public: anyone may download it, with or without a session or draft. */
export async function loader() {
  const pdf = await mandateFormPdf();
  return new Response(pdf, {
    status: 200,
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${MANDATE_FORM_FILENAME}"`,
      "Content-Length": String(pdf.byteLength),
      "Cache-Control": "private, max-age=86400",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
