import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { SandboxControl } from './control';
import { InstagramApi } from './instagram';
import { send } from './routes';
import { type SandboxOptions, type SandboxPost, SandboxStore } from './state';
import { XApi } from './x';

export type { SandboxOptions, SandboxPost } from './state';

/**
 * A sandbox Instagram (Graph API) and X (API v2) on one HTTP server, reached by base URL:
 * `<sandbox>/instagram` and `<sandbox>/x`. It keeps what was posted on disk, answers with the platforms'
 * shapes (including their error bodies and rate-limit headers), fetches Instagram image URLs as Meta does,
 * sends signed webhooks for comments, and can be told to inject faults. `GET /_sandbox/posts` lists posts.
 *
 * The parts: `state` (what it holds, on disk), `control` (`/_sandbox/...`), `instagram` and `x`, each
 * dispatching through a route table (`routes`).
 */
export class Sandbox {
  readonly server: Server;
  private readonly store: SandboxStore;
  private readonly instagram: InstagramApi;
  private readonly x: XApi;
  private readonly control: SandboxControl;

  constructor(options: SandboxOptions) {
    this.store = new SandboxStore(options);
    this.instagram = new InstagramApi(this.store);
    this.x = new XApi(this.store);
    this.control = new SandboxControl(this.store, this.instagram, this.x);
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) send(res, 500, { error: 'sandbox failure', detail: String(error) });
      });
    });
  }

  load(): Promise<void> {
    return this.store.load();
  }

  get posts(): readonly SandboxPost[] {
    return this.store.state.posts;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    const path = url.pathname;
    const request = { method: req.method ?? 'GET', url, req, res };
    if (path.startsWith('/_sandbox/')) return this.control.handle(request, path);
    if (path.startsWith('/instagram/') || path.startsWith('/x/')) {
      // Every platform call, by route shape (ids folded), for benchmarks and tests.
      this.store.count(`${request.method} ${path.replace(/\/\d{5,}(?=\/|$)/g, '/{id}')}`);
    }
    if (path.startsWith('/instagram/'))
      return this.instagram.handle(request, path.slice('/instagram'.length));
    if (path.startsWith('/x/')) return this.x.handle(request, path.slice('/x'.length));
    send(res, 404, { error: 'not found' });
  }
}
