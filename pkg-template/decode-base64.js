// The .wasm's bytes from the base64 that travels inside a bundle (see browser-wasm-source.js, the
// module that carries it).
export function decodeBase64(base64) {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
