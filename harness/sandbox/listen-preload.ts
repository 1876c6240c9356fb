// How a sandboxed service listens on its PORT without a forwarder in the way: the harness binds 127.0.0.1:PORT on
// the host and hands the listening socket to the process as file descriptor 3; this preload, given to node with
// --import, makes the process's first listen on PORT (net.Server, which http, express and fastify use) listen on
// that descriptor instead. Every request then goes through the kernel alone, as without a sandbox, and the
// sandbox's own network stays closed: it holds a socket that only accepts. The preload removes itself from
// process.execArgv, so processes the service forks do not load it.

/** The file descriptor the socket is handed on (the first after stdin, stdout and stderr). */
export const listenFd = 3;

/** The preload as a data: URL (nothing to mount), for the process that is to listen on `port`. */
export function listenPreloadUrl(port: number): string {
  const source = `
import net from 'node:net';
const port = ${JSON.stringify(port)}, fd = ${listenFd}, self = import.meta.url;
const at = process.execArgv.findIndex((arg, i) => arg === self || (arg === '--import' && process.execArgv[i + 1] === self) || arg === '--import=' + self);
if (at >= 0) process.execArgv.splice(at, process.execArgv[at] === '--import' ? 2 : 1);
const listen = net.Server.prototype.listen;
let handed = false;
const portOf = (first) => (first !== null && typeof first === 'object' ? first.port : first);
net.Server.prototype.listen = function (...args) {
  const asked = portOf(args[0]);
  if (handed || typeof asked === 'function' || asked === undefined || asked === null || Number(asked) !== port) return listen.apply(this, args);
  handed = true;
  const callback = args.findLast((arg) => typeof arg === 'function');
  return callback ? listen.call(this, { fd }, callback) : listen.call(this, { fd });
};
`;
  return `data:text/javascript,${encodeURIComponent(source)}`;
}
