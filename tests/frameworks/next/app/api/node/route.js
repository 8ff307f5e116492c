export { GET } from "../handler";

export const dynamic = "force-dynamic";
