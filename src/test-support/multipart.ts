// Uploads in tests, as a browser sends them.

/** A multipart/form-data body with one file, as a browser upload sends it. */
export function multipartFile(fileName: string, content: Buffer) {
  const boundary = "----koers-test-boundary";
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}
