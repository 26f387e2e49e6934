/** Where the status page's uploader sends its calls (register, sign, transfer, verify, remove). */
export const RESIDENT_UPLOAD_PATH = "/mijn-klacht/upload";
