// TEMPORARY (issue 11): the dossier page route still imports CharacterCount from here; the coordinator points it at
// #app/components/character-count and deletes this file.
export { CharacterCount } from "#app/components/character-count";
