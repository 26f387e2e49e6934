/** Characters as a person counts them: code points, with a line break (CRLF or LF) as one. */
export function countCharacters(text: string): number {
  return [...text.replace(/\r\n?/g, "\n")].length;
}
