"""`kite status`: the node at a glance, with the recovery of channels after a restore (it
starts by itself when the node starts; `kite channel recover` asks the peers again now);
`kite recoverable-channels [on|off]`; `kite backup export FILE` / `kite backup import FILE`:
the encrypted channel backup file (written 0600, atomically; read with a size cap)."""

from __future__ import annotations

import argparse
import base64
from pathlib import Path

from wallet.cli.common import daemon_call as _call
from wallet.cli.common import print_json
from wallet.daemon import recovery_setting
from wallet.daemon.backup_service import read_capped, write_private


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("status", help="the node's state, and the channels being recovered")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("recoverable-channels",
                       help="show or set whether the seed words alone recover channels",
                       description=f"{recovery_setting.COST} {recovery_setting.ON_MEANS} "
                                   f"{recovery_setting.OFF_MEANS}")
    p.add_argument("value", nargs="?", choices=("on", "off"), help="turn it on or off")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_recoverable)

    p = sub.add_parser("backup", help="the encrypted channel backup file")
    bsub = p.add_subparsers(dest="backup_command", metavar="ACTION", required=True)
    q = bsub.add_parser("export", help="write the channel backup file (encrypted with a key "
                        "from the seed words)")
    q.add_argument("file", metavar="FILE")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_backup_export)
    q = bsub.add_parser("import", help="read a channel backup file and recover its channels "
                        "(their peers are asked to close)")
    q.add_argument("file", metavar="FILE")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_backup_import)




def status_lines(r: dict) -> list[str]:
    """The human form of the `status` answer."""
    lines = [f"network:  {r['network']}", f"node id:  {r['node_id']}",
             f"height:   {r['height']}" + ("" if r.get("synced") else " (not synced yet)")]
    recovery = r.get("recovery") or {}
    if recovery.get("channels"):
        lines.append(f"recovery: {recovery['text']}")
    elif recovery.get("done"):
        lines.append(f"recovery: done ({recovery['done']} channels)")
    return lines


def cmd_status(args: argparse.Namespace) -> int:
    r = _call(args, "status")
    if args.json:
        print_json(r)
    else:
        print("\n".join(status_lines(r)))
    return 0


def cmd_recoverable(args: argparse.Namespace) -> int:
    params = {} if args.value is None else {"on": args.value}
    r = _call(args, "recoverable_channels", **params)
    if args.json:
        print_json(r)
    else:
        print(f"recoverable channels: {'on' if r['on'] else 'off'}\n{r['means']}\n"
              f"Cost: {r['cost']}")
    return 0


def cmd_backup_export(args: argparse.Namespace) -> int:
    r = _call(args, "backup_export")
    path = Path(args.file).expanduser()
    write_private(path, base64.b64decode(r["file"]))
    result = {"file": str(path), "channels": r["channels"]}
    if args.json:
        print_json(result)
    else:
        print(f"Wrote the backup of {r['channels']} channel(s) to {path}.")
    return 0


def cmd_backup_import(args: argparse.Namespace) -> int:
    data = read_capped(Path(args.file).expanduser())
    r = _call(args, "backup_import", file=base64.b64encode(data).decode())
    if args.json:
        print_json(r)
    else:
        print(f"The file holds {r['channels']} channel(s); {len(r['added'])} are being "
              "recovered (their peers are asked to close).")
    return 0
