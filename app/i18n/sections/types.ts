/** A section's English catalogue must have the shape of its Dutch one, with any strings. */
export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
