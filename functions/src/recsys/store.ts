import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { AppError } from "../shared/errors";
import { FILES, type ModelFiles } from "./artifacts";

/**
 * Where model versions live. A version is a set of files under `<prefix>/<version>/`; it counts as
 * complete once its metadata.json exists, which save() writes last, so a reader never sees half a model.
 * Version ids sort by time (see newVersionId), so "latest" is the greatest complete one.
 */
export interface ModelStore {
  /** Writes every file of a version, metadata.json last. */
  save(version: string, files: ModelFiles): Promise<void>;
  /** Reads every file of a complete version; not-found when it does not exist. */
  load(version: string): Promise<ModelFiles>;
  /** Complete versions, oldest first. */
  listVersions(): Promise<string[]>;
  /** The newest complete version; not-found when there is none. */
  latestVersion(): Promise<string>;
  /** Removes a version (no error when absent). */
  delete(version: string): Promise<void>;
  /** Keeps the newest `keep` versions (and any in `protect`), deletes the rest; returns what it deleted. */
  deleteOldVersions(keep: number, protect?: readonly string[]): Promise<string[]>;
}

const VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** A sortable version id: UTC time to the millisecond plus a short suffix, e.g. 20260512T050700123Z-k3f9. */
export function newVersionId(now = new Date(), suffix = Math.random().toString(36).slice(2, 6)): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(".", "");
  return `${stamp}-${suffix}`;
}

function checkVersion(version: string): void {
  if (!VERSION_PATTERN.test(version)) throw new AppError("invalid-argument", `invalid model version "${version}"`);
}

function checkFileName(name: string): void {
  if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new AppError("invalid-argument", `invalid model file name "${name}"`);
}

function ordered(files: ModelFiles): [string, Uint8Array][] {
  const entries = Object.entries(files);
  if (!files[FILES.metadata]) throw new AppError("invalid-argument", "model files lack metadata.json");
  return [...entries.filter(([n]) => n !== FILES.metadata), [FILES.metadata, files[FILES.metadata]]];
}

/** Shared version bookkeeping for both stores. */
abstract class BaseModelStore implements ModelStore {
  abstract save(version: string, files: ModelFiles): Promise<void>;
  abstract load(version: string): Promise<ModelFiles>;
  abstract listVersions(): Promise<string[]>;
  abstract delete(version: string): Promise<void>;

  async latestVersion(): Promise<string> {
    const versions = await this.listVersions();
    const last = versions[versions.length - 1];
    if (last === undefined) throw new AppError("not-found", "no model version has been saved");
    return last;
  }

  async deleteOldVersions(keep: number, protect: readonly string[] = []): Promise<string[]> {
    if (!Number.isInteger(keep) || keep < 1) throw new AppError("invalid-argument", "keep must be a positive integer");
    const versions = await this.listVersions();
    const doomed = versions.slice(0, Math.max(0, versions.length - keep)).filter((v) => !protect.includes(v));
    for (const v of doomed) await this.delete(v);
    return doomed;
  }
}

/** A folder on disk: `<root>/<version>/<file>`. For the CLI, local runs and tests. */
export class LocalModelStore extends BaseModelStore {
  constructor(private readonly root: string) {
    super();
  }

  async save(version: string, files: ModelFiles): Promise<void> {
    checkVersion(version);
    const dir = path.join(this.root, version);
    await mkdir(dir, { recursive: true });
    for (const [name, bytes] of ordered(files)) {
      checkFileName(name);
      // Write then rename, so a crash never leaves a truncated file under its final name.
      const target = path.join(dir, name);
      await writeFile(`${target}.tmp`, bytes);
      await rename(`${target}.tmp`, target);
    }
  }

  async load(version: string): Promise<ModelFiles> {
    checkVersion(version);
    const dir = path.join(this.root, version);
    if (!(await exists(path.join(dir, FILES.metadata)))) {
      throw new AppError("not-found", `model version ${version} not found`);
    }
    const files: ModelFiles = {};
    for (const name of await readdir(dir)) {
      if (name.endsWith(".tmp")) continue;
      files[name] = new Uint8Array(await readFile(path.join(dir, name)));
    }
    return files;
  }

  async listVersions(): Promise<string[]> {
    let entries: string[];
    try {
      entries = await readdir(this.root);
    } catch (e: unknown) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw e;
    }
    const complete: string[] = [];
    for (const v of entries) {
      if (VERSION_PATTERN.test(v) && (await exists(path.join(this.root, v, FILES.metadata)))) complete.push(v);
    }
    return complete.sort();
  }

  async delete(version: string): Promise<void> {
    checkVersion(version);
    await rm(path.join(this.root, version), { recursive: true, force: true });
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/** The part of a Cloud Storage bucket (`getStorage().bucket()` from firebase-admin) the store uses. */
export interface BucketLike {
  file(name: string): {
    save(data: Buffer, options?: { resumable?: boolean; contentType?: string }): Promise<unknown>;
    download(): Promise<[Buffer]>;
    exists(): Promise<[boolean]>;
  };
  getFiles(query: { prefix: string; autoPaginate?: boolean }): Promise<[{ name: string }[], ...unknown[]]>;
  deleteFiles(query: { prefix: string }): Promise<unknown>;
}

/**
 * Cloud Storage: objects `<prefix>/<version>/<file>` in a bucket, by default the project's default bucket
 * (`getStorage().bucket()`). Same contract as LocalModelStore; only the transport differs.
 */
export class GcsModelStore extends BaseModelStore {
  constructor(
    private readonly bucket: BucketLike,
    private readonly prefix = "recommender/models",
  ) {
    super();
  }

  /** A store on the default bucket of the initialised firebase-admin app. */
  static async defaultBucket(prefix?: string): Promise<GcsModelStore> {
    const { getStorage } = await import("firebase-admin/storage");
    return new GcsModelStore(getStorage().bucket() as unknown as BucketLike, prefix);
  }

  private key(version: string, name = ""): string {
    return `${this.prefix}/${version}/${name}`;
  }

  async save(version: string, files: ModelFiles): Promise<void> {
    checkVersion(version);
    for (const [name, bytes] of ordered(files)) {
      checkFileName(name);
      const contentType = name.endsWith(".json") ? "application/json" : "application/octet-stream";
      await this.bucket.file(this.key(version, name)).save(Buffer.from(bytes), { resumable: false, contentType });
    }
  }

  async load(version: string): Promise<ModelFiles> {
    checkVersion(version);
    const [present] = await this.bucket.file(this.key(version, FILES.metadata)).exists();
    if (!present) throw new AppError("not-found", `model version ${version} not found`);
    const [objects] = await this.bucket.getFiles({ prefix: this.key(version) });
    const files: ModelFiles = {};
    await Promise.all(
      objects.map(async (o) => {
        const [data] = await this.bucket.file(o.name).download();
        files[o.name.slice(this.key(version).length)] = new Uint8Array(data);
      }),
    );
    return files;
  }

  async listVersions(): Promise<string[]> {
    const [objects] = await this.bucket.getFiles({ prefix: `${this.prefix}/` });
    const versions = new Set<string>();
    for (const o of objects) {
      const rest = o.name.slice(this.prefix.length + 1).split("/");
      if (rest.length === 2 && rest[1] === FILES.metadata && VERSION_PATTERN.test(rest[0] as string)) versions.add(rest[0] as string);
    }
    return [...versions].sort();
  }

  async delete(version: string): Promise<void> {
    checkVersion(version);
    await this.bucket.deleteFiles({ prefix: this.key(version) });
  }
}
