"""The desktop entry and AppStream metadata in packaging/linux/: valid for the freedesktop
and AppStream validators (from Debian; scripts/setup.sh installs them), and consistent with
each other and with the app (id, links handled, version)."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import wallet
from tests.conftest import ROOT
from ui.app import APP_ID
from wallet.payment_request import LINK_SCHEMES

LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"


def _tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian package {package}; scripts/setup.sh "
                    f"installs it)")
    return path


def _desktop_validate(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([_tool("desktop-file-validate", "desktop-file-utils"), str(path)],
                          capture_output=True, text=True)


def _appstream_validate(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([_tool("appstreamcli", "appstream"), "validate", "--no-net",
                           "--no-color", str(path)], capture_output=True, text=True)


def test_desktop_entry_is_valid():
    result = _desktop_validate(DESKTOP)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_desktop_validator_catches_a_broken_entry(tmp_path):
    broken = tmp_path / DESKTOP.name
    broken.write_text(DESKTOP.read_text().replace("Type=Application\n", "")
                      + "SomeKey=1\n")
    assert _desktop_validate(broken).returncode != 0


def test_metainfo_is_valid():
    result = _appstream_validate(METAINFO)
    assert result.returncode == 0, result.stdout + result.stderr


def test_metainfo_validator_catches_broken_metadata(tmp_path):
    broken = tmp_path / METAINFO.name
    text = METAINFO.read_text()
    start, end = text.index("<summary>"), text.index("</summary>") + len("</summary>")
    broken.write_text(text[:start] + "<project_license>not a licence</project_license>"
                      + text[end:])
    assert _appstream_validate(broken).returncode != 0


#: what the desktop opens with Kite: exactly the schemes `kite LINK` takes
LINKS = {f"x-scheme-handler/{scheme}" for scheme in LINK_SCHEMES}


def test_desktop_entry_opens_bitcoin_and_lightning_links():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(DESKTOP)
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"] == "kite %u"  # one link per launch, as a URL
    assert set(desktop["MimeType"].strip(";").split(";")) == LINKS
    assert desktop["Icon"] == APP_ID


def test_metainfo_matches_the_app():
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.find("provides").findtext("binary") == "kite"
    media = {m.text for m in root.find("provides").findall("mediatype")}
    assert media == LINKS
    versions = [r.get("version") for r in root.find("releases").findall("release")]
    assert versions[0] == wallet.__version__, "add a <release> for the new version"
