import Foundation
import PackagePlugin

/// Writes `BuildInfo+Commit.swift` into the target it is applied to before every build:
/// the commit of the git checkout the package is built from, or `nil` when the package
/// is not a git checkout (a source tarball) or `git` is not installed.
///
/// It runs `/bin/sh` rather than `git` itself, so that a missing `git`, a missing `.git`
/// or a failing `git` leaves a file saying so instead of failing the build, and it
/// rewrites the file only when its contents change, so that a build with nothing new
/// compiles nothing.
@main
struct BuildInfoPlugin: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let output = context.pluginWorkDirectoryURL.appending(path: "BuildInfo")
    let file = output.appending(path: "BuildInfo+Commit.swift")
    return [
      .prebuildCommand(
        displayName: "Recording the git commit of \(context.package.displayName)",
        executable: URL(filePath: "/bin/sh"),
        arguments: ["-c", Self.script, "sh", context.package.directoryURL.path, file.path],
        outputFilesDirectory: output)
    ]
  }

  /// `$1`: the package folder; `$2`: the Swift file to write. Only a package folder that
  /// is itself the top of a checkout (`.git` there, a folder or a worktree's file) counts,
  /// so a tarball unpacked inside another repository does not take that repository's
  /// commit. `-dirty` marks tracked files changed since the commit.
  static let script = #"""
    set -u
    commit=""
    if [ -e "$1/.git" ] && command -v git >/dev/null 2>&1; then
      commit=$(git -C "$1" --no-optional-locks rev-parse HEAD 2>/dev/null) || commit=""
      if [ -n "$commit" ] && ! git -C "$1" --no-optional-locks diff --quiet HEAD -- 2>/dev/null; then
        commit="$commit-dirty"
      fi
    fi
    case "${commit%-dirty}" in
      "" | *[!0-9a-f]*) commit="" ;;
    esac
    if [ -n "$commit" ]; then value="\"$commit\""; else value="nil"; fi
    text="// Written by BuildInfoPlugin before each build; not kept in the repository.
    extension BuildInfo {
      /// The git commit built, with \`-dirty\` when tracked files had changed; \`nil\` when
      /// not built from a git checkout.
      public static let commit: String? = $value
    }"
    mkdir -p "$(dirname "$2")"
    if [ ! -f "$2" ] || [ "$(cat "$2")" != "$text" ]; then
      printf '%s\n' "$text" > "$2.tmp" && mv "$2.tmp" "$2"
    fi
    """#
}
