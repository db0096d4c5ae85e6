// The project in the editor: several files, one active. Text lives here, so nothing the user
// typed depends on the editor or the engine staying alive.
import { freshPath, pathProblem, type ProjectFile } from '../project/files.ts';
import { STARTER_FILES } from '../defaults.ts';
import type { Text } from '../i18n/text.ts';

export { STARTER_FILES };

export class ProjectState {
  files = $state<ProjectFile[]>(STARTER_FILES.map((f) => ({ ...f })));
  activePath = $state(STARTER_FILES[0].path);
  /** Where the editor puts its cursor once it shows the file (a link's start); it clears it. */
  pendingCursor = $state.raw<{ path: string; offset: number } | null>(null);

  /** Replaces every file (a share link or autosave being restored); the caller validated them. */
  replace(files: readonly ProjectFile[], activePath: string): void {
    if (files.length === 0) return;
    this.files = files.map((f) => ({ path: f.path, text: f.text }));
    this.activePath = files.some((f) => f.path === activePath) ? activePath : files[0].path;
  }

  get active(): ProjectFile {
    return this.files.find((f) => f.path === this.activePath) ?? this.files[0];
  }

  get paths(): string[] {
    return this.files.map((f) => f.path);
  }

  /** The other files, for repository-level context. */
  others(): ProjectFile[] {
    return this.files.filter((f) => f.path !== this.activePath);
  }

  setText(path: string, text: string): void {
    const f = this.files.find((x) => x.path === path);
    if (f && f.text !== text) f.text = text;
  }

  add(path = freshPath(this.paths)): Text | null {
    const problem = pathProblem(path, this.paths);
    if (problem) return problem;
    this.files.push({ path: path.trim(), text: '' });
    this.activePath = path.trim();
    return null;
  }

  /** Shows `text` as the file at `path`, adding the file or replacing its text. */
  open(path: string, text: string): Text | null {
    if (!this.paths.includes(path)) {
      const problem = this.add(path);
      if (problem) return problem;
    }
    this.setText(path, text);
    this.activePath = path;
    return null;
  }

  rename(from: string, to: string): Text | null {
    const problem = pathProblem(to, this.paths, from);
    if (problem) return problem;
    const f = this.files.find((x) => x.path === from);
    if (!f) return { key: 'path_missing', params: { path: from } };
    f.path = to.trim();
    if (this.activePath === from) this.activePath = f.path;
    return null;
  }

  remove(path: string): void {
    if (this.files.length <= 1) return;
    const i = this.files.findIndex((f) => f.path === path);
    if (i < 0) return;
    this.files.splice(i, 1);
    if (this.activePath === path) this.activePath = this.files[Math.max(0, i - 1)].path;
  }
}
