/** The probe's former address, kept for existing monitors: the same answer as `/readyz`. */
export { loader } from "./readyz";
