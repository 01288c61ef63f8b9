import * as api from "hookguard/verify";
import { handler } from "./handler.mjs";

export default handler(api);
