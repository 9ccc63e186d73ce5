// proto-loader groups the file descriptors it builds by package (stargate.proto, google_protobuf.proto,
// google_rpc.proto) and leaves every file's `dependency` list empty. Reflection clients such as grpcurl
// then cannot resolve `.google.protobuf.StringValue` from stargate.proto ("cannot resolve type"), so
// `grpcurl describe` and every call fail (grpc/grpc-node#2595). This declares, for each file, the files
// whose types it uses, names map entry types as protoc does, and hands back the same package
// definition with the repaired descriptors.
import type * as protoLoader from '@grpc/proto-loader';
import descriptor from 'protobufjs/ext/descriptor/index.js';

interface MessageProto {
  name?: string;
  field?: Array<{ name?: string; typeName?: string }>;
  nestedType?: MessageProto[];
  enumType?: Array<{ name?: string }>;
  options?: { mapEntry?: boolean };
}

interface FileProto {
  name?: string;
  package?: string;
  dependency?: string[];
  messageType?: MessageProto[];
  enumType?: Array<{ name?: string }>;
  service?: Array<{ name?: string; method?: Array<{ inputType?: string; outputType?: string }> }>;
}

interface DescriptorCodec {
  decode(bytes: Uint8Array): unknown;
  toObject(message: unknown, options: object): FileProto;
  fromObject(object: FileProto): unknown;
  encode(message: unknown): { finish(): Uint8Array };
}

const FileDescriptorProto = (descriptor as unknown as { FileDescriptorProto: DescriptorCodec })
  .FileDescriptorProto;

export function withDeclaredDependencies(
  definition: protoLoader.PackageDefinition,
): protoLoader.PackageDefinition {
  const files = new Map<string, FileProto>();
  for (const entry of Object.values(definition)) {
    for (const bytes of (entry as { fileDescriptorProtos?: Buffer[] }).fileDescriptorProtos ?? []) {
      const file = FileDescriptorProto.toObject(FileDescriptorProto.decode(bytes), { defaults: false });
      if (!file.name || files.has(file.name)) continue;
      for (const m of file.messageType ?? []) nameMapEntries(m);
      files.set(file.name, file);
    }
  }
  const owner = new Map<string, string>(); // 'pkg.Type' → file name
  for (const [name, file] of files) {
    const prefix = file.package ? `${file.package}.` : '';
    for (const e of file.enumType ?? []) owner.set(`${prefix}${e.name}`, name);
    for (const m of file.messageType ?? []) indexMessage(m, prefix, name, owner);
  }
  const encoded = new Map<string, Buffer>();
  for (const [name, file] of files) {
    const used: Reference[] = [];
    const scope = file.package ?? '';
    for (const m of file.messageType ?? [])
      collectFieldTypes(m, scope ? `${scope}.${m.name}` : `${m.name}`, used);
    for (const s of file.service ?? []) {
      for (const method of s.method ?? []) {
        if (method.inputType) used.push({ name: method.inputType, scope });
        if (method.outputType) used.push({ name: method.outputType, scope });
      }
    }
    const dependencies = new Set(file.dependency ?? []);
    for (const reference of used) {
      const from = resolve(reference, owner);
      if (from && from !== name) dependencies.add(from);
    }
    const repaired = { ...file, dependency: [...dependencies].sort() };
    encoded.set(
      name,
      Buffer.from(FileDescriptorProto.encode(FileDescriptorProto.fromObject(repaired)).finish()),
    );
  }
  const all = [...encoded.values()];
  const result: protoLoader.PackageDefinition = {};
  for (const [key, entry] of Object.entries(definition)) {
    result[key] =
      'fileDescriptorProtos' in entry ? ({ ...entry, fileDescriptorProtos: all } as typeof entry) : entry;
  }
  return result;
}

/**
 * protobufjs names a map field's entry type after the field ("Fields"); protoc, and clients that check
 * descriptors (Go's protobuf, so grpcurl), require the field's CamelCase name + "Entry" ("FieldsEntry").
 */
function nameMapEntries(message: MessageProto): void {
  for (const nested of message.nestedType ?? []) nameMapEntries(nested);
  for (const field of message.field ?? []) {
    const entry = message.nestedType?.find((n) => n.options?.mapEntry && n.name === field.typeName);
    if (!entry || !field.name) continue;
    const name = `${field.name.replace(/(?:^|_)([a-z])/g, (_, c: string) => c.toUpperCase())}Entry`;
    entry.name = name;
    field.typeName = name;
  }
}

function indexMessage(message: MessageProto, prefix: string, file: string, owner: Map<string, string>): void {
  const fullName = `${prefix}${message.name}`;
  owner.set(fullName, file);
  for (const e of message.enumType ?? []) owner.set(`${fullName}.${e.name}`, file);
  for (const nested of message.nestedType ?? []) indexMessage(nested, `${fullName}.`, file, owner);
}

/** A type name as a descriptor writes it: '.pkg.Type' (absolute) or relative to the scope it appears in. */
interface Reference {
  name: string;
  scope: string;
}

function collectFieldTypes(message: MessageProto, fullName: string, used: Reference[]): void {
  for (const field of message.field ?? [])
    if (field.typeName) used.push({ name: field.typeName, scope: fullName });
  for (const nested of message.nestedType ?? [])
    collectFieldTypes(nested, `${fullName}.${nested.name}`, used);
}

/** The file defining a referenced type, by protobuf's scoping rules (innermost scope first). */
function resolve(reference: Reference, owner: Map<string, string>): string | undefined {
  if (reference.name.startsWith('.')) return owner.get(reference.name.slice(1));
  let scope = reference.scope;
  for (;;) {
    const found = owner.get(scope ? `${scope}.${reference.name}` : reference.name);
    if (found || scope === '') return found;
    const dot = scope.lastIndexOf('.');
    scope = dot < 0 ? '' : scope.slice(0, dot);
  }
}
