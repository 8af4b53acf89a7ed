"""Check a built bundle (dist/kite): every library its programs load is either in the bundle
or comes from a Debian package the .deb depends on.

Run by build.sh after PyInstaller: a Qt library dropped by the spec's size trimming while a
kept plugin still needs it, or a system library the .deb forgets to depend on, fails the
build here instead of on a user's machine.

    python packaging/check_bundle.py dist/kite
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from deb import DEPENDS, LIBRARY_PACKAGES  # noqa: E402


def elf_files(bundle: Path) -> list[Path]:
    """The executable and every shared object in the bundle (symlinks skipped)."""
    found = []
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as f:
                if f.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def library_links(path: Path, env: dict[str, str]) -> list[tuple[str, str | None]]:
    """(soname, resolved path or None) for each library `path` needs, as ldd sees them."""
    out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env).stdout
    links = []
    for line in out.splitlines():
        name, arrow, rest = line.strip().partition(" => ")
        if not arrow:
            continue
        target = rest.split(" (")[0].strip()
        links.append((name, None if target == "not found" else target))
    return links


def package_of(path: str) -> str | None:
    result = subprocess.run(["dpkg", "-S", path], capture_output=True, text=True)
    if result.returncode != 0:
        real = os.path.realpath(path)
        result = subprocess.run(["dpkg", "-S", real], capture_output=True, text=True)
        if result.returncode != 0:
            return None
    return result.stdout.split(":", 1)[0].strip()


def problems(bundle: Path) -> list[str]:
    """One sentence per library that neither the bundle nor a declared dependency gives."""
    internal = bundle / "_internal"
    env = dict(os.environ, LD_LIBRARY_PATH=f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}")
    depends = {d.split()[0] for d in DEPENDS}
    found: list[str] = []
    system: dict[str, set[str]] = {}
    for path in elf_files(bundle):
        for name, target in library_links(path, env):
            where = str(path.relative_to(bundle))
            if target is None:
                package = LIBRARY_PACKAGES.get(name)
                if package is None:
                    found.append(f"{where}: needs {name}, which is neither bundled nor known")
                elif package not in depends:
                    found.append(f"{where}: needs {name} from {package}, not in Depends")
            elif not Path(target).resolve().is_relative_to(bundle.resolve()):
                system.setdefault(target, set()).add(where)
    for target, users in sorted(system.items()):
        package = package_of(target)
        if package is None:
            found.append(f"{sorted(users)[0]}: needs {target}, which no Debian package owns")
        elif package.split(":")[0] not in depends:
            found.append(f"{sorted(users)[0]}: needs {target} from {package}, not in Depends")
    return found


def main(argv: list[str]) -> int:
    bundle = Path(argv[0] if argv else "dist/kite")
    if not (bundle / "kite").is_file():
        print(f"check_bundle: no bundle at {bundle}", file=sys.stderr)
        return 1
    found = problems(bundle)
    for line in found:
        print(f"check_bundle: {line}", file=sys.stderr)
    print(f"check_bundle: {len(elf_files(bundle))} programs and libraries, "
          f"{len(found)} problems")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
