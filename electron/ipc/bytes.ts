/**
 * A plain Uint8Array covering exactly `data`. Structured clone (IPC) copies a
 * view's whole backing ArrayBuffer, so a small Buffer sliced from Node's shared
 * pool would otherwise drag unrelated memory across IPC.
 */
export function exactBytes(data: Uint8Array): Uint8Array {
  if (data.byteOffset === 0 && data.byteLength === data.buffer.byteLength) {
    return new Uint8Array(data.buffer, 0, data.byteLength);
  }
  return new Uint8Array(data);
}
