// TEMPORARY (issue 11): app/dossiers/casework.server.ts and app/routes/behandelaar.dossiers.$number.tsx still import
// these from here; the coordinator points them at #app/uploads/policy and deletes this file.
export { ACCEPT_ATTRIBUTE, cleanFileName } from "#app/uploads/policy";
