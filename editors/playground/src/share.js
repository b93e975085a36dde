// A map in a link: JSON of {name, text, files}, deflated (CompressionStream, built into the
// browser) and written in base64url, for the URL's fragment, which browsers never send to a
// server.

/** Links longer than this are refused with a message: chat and mail programs cut longer ones. */
export const SHARE_LIMIT = 32000;

function toBase64Url(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text) {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function pipe(bytes, transform) {
  const stream = new Blob([bytes]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function encodeShare({ name, text, files }) {
  const json = JSON.stringify({ v: 1, name, text, files });
  return toBase64Url(await pipe(new TextEncoder().encode(json), new CompressionStream("deflate-raw")));
}

export async function decodeShare(fragment) {
  const json = new TextDecoder().decode(await pipe(fromBase64Url(fragment), new DecompressionStream("deflate-raw")));
  const shared = JSON.parse(json);
  if (!shared || shared.v !== 1 || typeof shared.text !== "string") throw new Error("not a map link");
  const files = {};
  for (const [name, body] of Object.entries(shared.files || {})) if (typeof body === "string") files[String(name)] = body;
  return { name: typeof shared.name === "string" ? shared.name : "map.arg", text: shared.text, files };
}
