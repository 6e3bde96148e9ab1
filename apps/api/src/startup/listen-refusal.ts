/**
 * The one line for a port the service cannot have, naming the port and PORT; null for an error
 * that is not the operator's to fix this way (it is then thrown as it is).
 */
export function listenRefusal(code: string | undefined, port: number): string | null {
  if (code === 'EADDRINUSE')
    return `port ${port} is already in use: stop what listens on it, or choose another port with PORT`;
  if (code === 'EACCES') return `port ${port} needs privileges this process lacks: choose a port above 1023 with PORT`;
  return null;
}
