// What request.url is under next start (the test compares it with what was sent).
export async function POST(request) {
  return Response.json({ url: request.url, host: request.headers.get("host") });
}
