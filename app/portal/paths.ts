/** The portal's URLs for a request, for routes, components and mails alike. */
export const portalRequestPath = (number: string, requestId: string) =>
  `/gemeente/dossiers/${encodeURIComponent(number)}/verzoeken/${requestId}`;

/** Where the answer's uploader sends its calls (register, sign, transfer, verify, remove). */
export const portalUploadPath = (number: string, requestId: string) => `${portalRequestPath(number, requestId)}/upload`;
