// Lookups by path in a list sorted by path, asked for in (nearly) the same order — the files
// found, the git index, the parse cache's index all list 100k records in path order: a cursor
// that moves forward answers each in a comparison or two, where a hash map of 100k paths costs
// its building and its memory. A path asked for out of order (the orders of two lists can
// differ for non-ASCII names) is answered by a map built then, so an answer is always right.
export class SortedLookup<T> {
  private at = 0;
  private map: Map<string, number> | undefined;

  constructor(private readonly paths: readonly string[], private readonly value: (index: number) => T) {}

  get size(): number {
    return this.paths.length;
  }

  get(path: string): T | undefined {
    const paths = this.paths;
    let i = this.at;
    if (i > 0 && paths[i - 1] >= path) return this.fromMap(path); // behind the cursor
    while (i < paths.length && paths[i] < path) i++;
    this.at = i;
    if (i < paths.length && paths[i] === path) {
      this.at = i + 1;
      return this.value(i);
    }
    return undefined;
  }

  private fromMap(path: string): T | undefined {
    if (this.map === undefined) {
      this.map = new Map();
      this.paths.forEach((p, i) => this.map!.set(p, i));
    }
    const i = this.map.get(path);
    return i === undefined ? undefined : this.value(i);
  }
}
