import * as api from "hookguard";
import { handler } from "./handler.mjs";

export default handler(api);
