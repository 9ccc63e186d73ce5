// Responses are JSON text we write ourselves (exact numbers, no second serialization); response
// schemas exist for the OpenAPI document.
import type { FastifyReply } from 'fastify';

export function sendJsonText(reply: FastifyReply, status: number, text: string): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send(text);
}

export function sendJson(reply: FastifyReply, status: number, value: unknown): FastifyReply {
  return sendJsonText(reply, status, JSON.stringify(value));
}

/** Stargate wraps schema responses in {"data": …} unless raw=true. */
export function dataOrRaw(value: unknown, raw: boolean | undefined): unknown {
  return raw ? value : { data: value };
}
