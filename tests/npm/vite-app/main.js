import { Verifier, sign } from "hookguard";
const d = sign({ provider: "insigner", secret: "s3cret", event: "document.completed", timestamp: 1780065000 });
const r = new Verifier({ provider: "insigner", secret: "s3cret" }).verify(d.headers, d.body, { now: 1780065000 });
document.getElementById("out").textContent = `verified ${r.event}`;
