export * from "./municipalities";
export * from "./holidays";
export * from "./users";
export * from "./audit";
export * from "./mail";
export * from "./intake";
export * from "./dossiers";
export * from "./uploads";
