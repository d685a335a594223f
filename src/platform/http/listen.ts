import type { Server } from './server.ts';

/** Starts listening and returns the base URL actually bound (port 0 picks a free port). */
export async function listen(server: Server, host = '127.0.0.1', port = 0): Promise<string> {
  await server.listen({ host, port });
  const address = server.server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
}
