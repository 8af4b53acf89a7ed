"""Install Kite's translation for the user's language before the QML loads.

The sources are Qt's `.ts` files in resources/translations (kite_<language>.ts, made with
pyside6-lupdate from the QML and the models' `tr()` calls); Qt reads compiled `.qm` files.
`scripts/setup.sh` and `packaging/build.sh` compile them next to the sources; a checkout
where the `.qm` is missing or older than its `.ts` compiles it at start into the user's
cache folder (pyside6-lrelease comes with PySide6). The language is $KITE_LANG (e.g.
"de"; "en" for none), else the one chosen in Settings, else the system's. English is the
source language: no file. Dates and numbers Qt formats follow the language shown.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QStandardPaths, QTranslator

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "translations"
LANG_ENV = "KITE_LANG"
_installed: list[QTranslator] = []  # kept alive as long as the application


SYSTEM = "system"  # the setting that follows the system's language


def _code(name: str) -> str:
    code = name.split("_")[0].split(".")[0].lower()
    return "en" if code in ("", "c", "posix") else code


def wanted_language(setting: str = SYSTEM) -> str:
    """"de", "fr", ... from $KITE_LANG, else `setting` (Settings' choice), else the system
    locale ("en" means no translation)."""
    name = os.environ.get(LANG_ENV) or (setting if setting and setting != SYSTEM else "")
    return _code(name or QLocale.system().name())


def shown_language(setting: str = SYSTEM) -> str:
    """The language the window will show for `setting`: the wanted one when Kite ships it,
    else English."""
    language = wanted_language(setting)
    return language if language in available_languages() else "en"


def env_chooses() -> bool:
    """$KITE_LANG is set: it wins over the setting."""
    return bool(os.environ.get(LANG_ENV))


def available_languages(folder: Path = TRANSLATIONS_DIR) -> list[str]:
    return sorted({p.stem.removeprefix("kite_") for p in folder.glob("kite_*.ts")}
                  | {p.stem.removeprefix("kite_") for p in folder.glob("kite_*.qm")})


def _lrelease() -> str | None:
    beside = Path(sys.executable).with_name("pyside6-lrelease")
    return str(beside) if beside.exists() else shutil.which("pyside6-lrelease")


def compiled(language: str, folder: Path = TRANSLATIONS_DIR) -> Path | None:
    """The .qm for `language`: the shipped one when current, else one compiled now into the
    cache folder; None when there is no translation (or it cannot be compiled)."""
    ts, qm = folder / f"kite_{language}.ts", folder / f"kite_{language}.qm"
    if qm.exists() and (not ts.exists() or qm.stat().st_mtime >= ts.stat().st_mtime):
        return qm
    if not ts.exists():
        return None
    cache = Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.CacheLocation) or Path.home() / ".cache" / "kite")
    target = cache / "translations" / qm.name
    if target.exists() and target.stat().st_mtime >= ts.stat().st_mtime:
        return target
    tool = _lrelease()
    stale_qm = qm if qm.exists() else None  # older than its source, but better than none
    if tool is None:
        log.warning("no pyside6-lrelease to compile %s", ts.name)
        return stale_qm
    target.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([tool, str(ts), "-qm", str(target)], capture_output=True, timeout=60)
    if done.returncode != 0 or not target.exists():
        log.warning("could not compile %s", ts.name)
        return stale_qm
    return target


def install(app: QCoreApplication, language: str | None = None) -> str:
    """Install the translation of `language` (default: `wanted_language()`); the language
    now shown ("en" when there is none for it)."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    language = language or wanted_language()
    shown = "en"
    if language != "en":
        path = compiled(language)
        translator = QTranslator(app)
        if path is not None and translator.load(str(path)):
            app.installTranslator(translator)
            _installed.append(translator)
            shown = language
    # month names and number formats in the language shown (the system's own formats
    # when that is the system's language)
    system = QLocale.system()
    QLocale.setDefault(system if _code(system.name()) == shown else QLocale(shown))
    return shown
