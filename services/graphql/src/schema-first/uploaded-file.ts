// A file part of a GraphQL multipart request, put in place of its variable before execution
// (the Upload scalar only accepts these).
export class UploadedFile {
  constructor(
    readonly filename: string,
    private readonly bytes: Buffer,
  ) {}

  /** The contents, decoded as UTF-8. */
  text(): string {
    return this.bytes.toString('utf8');
  }
}
