// In-memory store for HTML being printed. Each page gets an unguessable token and
// is served once-per-print at app://print/<token> (a separate origin from the app,
// so the page can never read Margin's IndexedDB). Nothing touches the disk, so no
// patient data is left behind in temp folders.

export class PrintPageStore {
  private readonly pages = new Map<string, string>();

  constructor(private readonly newToken: () => string) {}

  add(html: string): string {
    const token = this.newToken();
    if (!/^[A-Za-z0-9-]{16,64}$/.test(token) || this.pages.has(token)) throw new Error("bad print token");
    this.pages.set(token, html);
    return token;
  }

  get(token: string): string | undefined {
    return this.pages.get(token);
  }

  delete(token: string): void {
    this.pages.delete(token);
  }

  get size(): number {
    return this.pages.size;
  }
}
