import type { IncomingMessage } from 'node:http';

// Slack's external file upload, the three steps `filesUploadV2` takes: `files.getUploadURLExternal`
// (name and byte length → an upload URL and a file id), a POST of the bytes to that URL (raw, or
// multipart as @slack/web-api sends them), then `files.completeUploadExternal` (file ids with titles,
// and where to share them). A file is shared only when its bytes arrived and match the declared length.

/** Slack caps an image's alt text at 1000 characters. */
export const ALT_TEXT_MAX = 1000;

export interface PendingUpload {
  id: string;
  filename: string;
  length: number;
  altText: string | undefined;
  /** The bytes posted to the upload URL; undefined until they arrive. */
  bytes: Buffer | undefined;
}

/** A file shared into a channel by `files.completeUploadExternal`. */
export interface SharedFile {
  id: string;
  filename: string;
  title: string | undefined;
  altText: string | undefined;
  bytes: Buffer;
  channel: string;
  threadTs: string | undefined;
  initialComment: string | undefined;
}

export interface FileStore {
  pending: Map<string, PendingUpload>;
  shared: SharedFile[];
  nextId(): string;
}

export function createFileStore(): FileStore {
  let sequence = 0;
  return { pending: new Map(), shared: [], nextId: () => `F${String(++sequence).padStart(8, '0')}` };
}

export function readRaw(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The uploaded bytes: the body itself, or the one file part of a multipart form. */
export async function uploadedBytes(req: IncomingMessage, raw: Buffer): Promise<Buffer | null> {
  const contentType = req.headers['content-type'] ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) return raw;
  // The platform's own multipart parser, as a server framework would use.
  const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': contentType }, body: raw }).formData();
  const files = [...form.values()].filter((value) => typeof value !== 'string');
  const [file] = files;
  return files.length === 1 && file ? Buffer.from(await file.arrayBuffer()) : null;
}
