export { GET } from "../handler";

export const runtime = "edge";
