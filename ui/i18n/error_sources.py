"""The wallet's error sentences on the window's paths, found with `ast` (no Qt, no imports).

Every `raise SomeError(...)` in `GUI_PATHS` must say a fixed text (a literal) or a
`Sentence("... %1 ...", value)` (wallet/sentence.py): an f-string, a `+`, `%` or
`.format()` sentence cannot be translated whole. `templates()` collects the literal texts
and the Sentence templates; `python -m ui.i18n.error_sources` writes them into
`ui/i18n/wallet_sentences.py` as `QT_TRANSLATE_NOOP` lines, where pyside6-lupdate reads them
(tests/gui/test_translations.py fails when that list is not current).
"""

from __future__ import annotations

import ast
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: wallet/ modules whose errors reach the window: send/pay/invoice/receive/offers/LNURL,
#: channel open/close, settings, backup/restore, fee bumps, fiat, servers, the wallet file
GUI_PATHS = (
    "wallet/api.py", "wallet/payment_request.py", "wallet/export.py",
    "wallet/daemon/backup_service.py", "wallet/daemon/channel_service.py",
    "wallet/daemon/label_service.py", "wallet/daemon/lnurl_service.py",
    "wallet/daemon/lsp_service.py", "wallet/daemon/offer_service.py",
    "wallet/daemon/service.py", "wallet/daemon/server_service.py",
    "wallet/daemon/recovery_setting.py", "wallet/daemon/node_link.py",
    "wallet/daemon/wallet_view.py", "wallet/daemon/rpc.py",
    "wallet/fiat/rates.py", "wallet/fiat/rate_service.py", "wallet/fiat/sources.py",
    "wallet/daemon/fiat_keeper.py",
    "wallet/lnurl/auth.py", "wallet/lnurl/http.py", "wallet/lnurl/invoice_check.py",
    "wallet/lnurl/recognise.py", "wallet/lnurl/responses.py",
    "wallet/lnurl/success_action.py", "wallet/lnurl/urls.py",
    "wallet/onchain/spend.py", "wallet/onchain/coin_selection.py",
    "wallet/onchain/addresses.py", "wallet/onchain/transactions.py",
    "wallet/ln/shell/payments.py", "wallet/ln/shell/channel_manager.py",
    "wallet/ln/shell/offer_exchange.py", "wallet/ln/shell/lsps2_client.py",
    "wallet/ln/bolt11/invoice.py",
    "wallet/bip353/resolver.py", "wallet/bip353/names.py",
    "wallet/storage/wallet_file.py", "wallet/storage/label_store.py",
    "wallet/storage/wallet_lock.py",
    "wallet/chain/server_choice.py", "wallet/chain/servers.py", "wallet/keys/bip39.py",
    # errors made deeper that the window shows inside its own (payment failure reasons,
    # offers, BIP 353 proofs, the backup file, the wallet password, channel opening)
    "wallet/ln/onion/failures.py", "wallet/lnurl/errors.py",
    "wallet/ln/recovery/backup_file.py", "wallet/storage/secrets.py",
    "wallet/ln/bolt12/offer.py", "wallet/ln/bolt12/string_format.py",
    "wallet/ln/bolt12/invoice.py", "wallet/ln/bolt12/invoice_request.py",
    "wallet/ln/bolt12/offer_text.py", "wallet/bip353/dnssec_chain.py",
    "wallet/bip353/records.py", "wallet/bip353/errors.py", "wallet/chain/node.py",
    "wallet/ln/shell/lsps0.py", "wallet/lsp/lsps2.py", "wallet/ln/features.py",
    "wallet/ln/htlc/payment_plan.py", "wallet/ln/htlc/blinded_payment_plan.py",
    "wallet/keys/lnurl_auth.py",
    "wallet/daemon/node_config.py", "wallet/ln/shell/peer.py", "wallet/ln/channel/params.py",
    "wallet/ln/channel/anchor_reserve.py", "wallet/bech32.py", "wallet/ln/shell/htlc_switch.py",
    "wallet/ln/shell/lightning_node.py", "wallet/ln/shell/onion_messenger.py",
    "wallet/ln/shell/peer_manager.py", "wallet/ln/store/payment_log.py",
    "wallet/ln/onion/trampoline.py", "wallet/keys/base58.py",
    # the chain's and the channels' own (server states, syncing, the database, reconnects)
    "wallet/chain/electrum_client.py", "wallet/chain/header_sync.py",
    "wallet/chain/chain_state.py", "wallet/chain/address_sync.py",
    "wallet/chain/script_watch.py", "wallet/chain/server_pool.py", "wallet/chain/tls_pins.py",
    "wallet/storage/database.py", "wallet/lsp/jsonrpc.py", "wallet/ln/channel/channel_update.py",
    "wallet/ln/channel/reestablish.py", "wallet/ln/enforcement/close_plan.py",
    "wallet/ln/transport.py", "wallet/ln/store/channel_store.py",
    "wallet/daemon/forward_service.py",
    # the decoders under a pasted or scanned offer, invoice or address (their errors are
    # the %1 of "this offer is malformed: %1") and a server's false proofs (Details)
    "wallet/ln/bolt12/fields.py", "wallet/ln/bolt12/describe.py", "wallet/ln/wire/tlv.py",
    "wallet/ln/wire/bigsize.py", "wallet/ln/wire/primitives.py", "wallet/ln/wire/errors.py",
    "wallet/ln/onion/blinded_path.py", "wallet/ln/bolt11/groups.py",
    "wallet/chain/merkle.py", "wallet/chain/checkpoints.py", "wallet/chain/headers.py",
    "wallet/chain/header_store.py",
    # the forwarding policy (Settings) and the blinded paths of an offer we pay or request
    "wallet/ln/htlc/relay_policy.py", "wallet/ln/onion/route_blinding.py",
    "wallet/ln/onion/trampoline_blinded.py",
    # buying inbound liquidity (LSPS1: the Buy inbound page)
    "wallet/daemon/lsps1_service.py", "wallet/ln/shell/lsps1_client.py", "wallet/lsp/lsps1.py",
    "wallet/daemon/onchain_send.py",
    # the %1 of "the channel could not be opened: %1"
    "wallet/ln/channel/opening.py",
)

SENTENCES_FILE = ROOT / "ui" / "i18n" / "wallet_sentences.py"
BEGIN = "# BEGIN generated by `python -m ui.i18n.error_sources` (do not edit by hand)"
END = "# END generated"
CONTEXT = "WalletSentences"


def _is_sentence_call(node: ast.AST) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id == "Sentence" and bool(node.args)
            and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str))


def _is_template_call(node: ast.AST) -> bool:
    """`template("...")` (wallet/sentence.py): a template chosen by the caller."""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id == "template" and len(node.args) == 1
            and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str))


def _untranslatable(node: ast.AST) -> bool:
    """A text glued from pieces: an f-string with values, `+`/`%` on text, `.format()`
    (either branch of an `x if c else y`)."""
    if isinstance(node, ast.IfExp):
        return _untranslatable(node.body) or _untranslatable(node.orelse)
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.FormattedValue) for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return any(isinstance(side, ast.Constant | ast.JoinedStr) and _texty(side)
                   for side in (node.left, node.right))
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "format" and isinstance(node.func.value, ast.Constant))


def _texty(node: ast.AST) -> bool:
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant)
                                               and isinstance(node.value, str))


def _called(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _raised_texts(tree: ast.AST) -> list[tuple[int, ast.AST]]:
    """(line, first argument) of each error made: `raise X(...)`, a call of a class named
    ...Error or ...Exception (an error made to be raised later), `super().__init__(...)`
    in an error class."""
    found, seen = [], set()
    for node in ast.walk(tree):
        call = None
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            call = node.exc
        elif isinstance(node, ast.Call) and (_called(node).endswith(("Error", "Exception"))
                                             or _called(node) == "__init__"):
            call = node
        if call is not None and call.args and id(call) not in seen:
            seen.add(id(call))
            found.append((call.lineno, call.args[0]))
    return found


def untranslatable(path: Path) -> list[tuple[int, str]]:
    """(line, source) of each error raised in `path` with a text that cannot be translated."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    return [(line, ast.get_source_segment(source, arg) or "")
            for line, arg in _raised_texts(tree) if _untranslatable(arg)]


def _has_words(node: ast.AST) -> bool:
    """`node` holds an English word as a literal: a "%1" the window cannot translate.
    A format spec (`format(x, ",")`), a separator (`", ".join(...)`) and a key
    (`meta.get("version")`, `row["name"]`) are not words."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get":
        return _has_words(node.func.value)
    if isinstance(node, ast.Subscript):
        return _has_words(node.value)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "format":
        return any(_has_words(a) for a in node.args[:1])
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "join":
        return any(_has_words(a) for a in node.args)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return re.search(r"[A-Za-z]{3,}", node.value) is not None
    return any(_has_words(child) for child in ast.iter_child_nodes(node))


def english_values(path: Path) -> list[tuple[int, str]]:
    """(line, source) of each Sentence in `path` given an English word as a value (e.g.
    `Sentence("no channel %1", "matches" if ... else ...)`): say each case as its own
    template instead."""
    source = path.read_text(encoding="utf-8")
    return [(node.lineno, ast.get_source_segment(source, node) or "")
            for node in ast.walk(ast.parse(source))
            if _is_sentence_call(node) and any(_has_words(v) for v in node.args[1:])]  # type: ignore[attr-defined]


#: functions whose text value names a protocol detail, not words to translate: an Electrum
#: server's malformed reply ("malformed reply: %1"), shown only under Details
PROTOCOL_DETAIL = ("_expect",)


def _prose(node: ast.AST) -> bool:
    """A literal of English words (two or more, spaced); a name such as "server.version"
    or "TXT" is an identifier."""
    if _is_sentence_call(node) or _is_template_call(node):
        return False  # a sentence of its own, translated as a value
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return re.search(r"[A-Za-z]{2,} +[A-Za-z]{2,}", node.value) is not None
    return any(_prose(child) for child in ast.iter_child_nodes(node))


def words_passed_in(path: Path) -> list[tuple[int, str]]:
    """(line, source) of each call in `path` that passes English words to a function of the
    same module which puts that parameter into a Sentence as a value (e.g.
    `_positive_int(x, "the amount")` into `Sentence("%1 must be positive", what)`)."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    flowing: dict[str, list[int]] = {}  # function -> positions of parameters put in values
    for fn in ast.walk(tree):
        if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef) or fn.name in PROTOCOL_DETAIL:
            continue
        params = [a.arg for a in fn.args.args]
        skip = 1 if params[:1] in (["self"], ["cls"]) else 0
        used = {x.id for n in ast.walk(fn) if _is_sentence_call(n)
                for v in n.args[1:] for x in ast.walk(v) if isinstance(x, ast.Name)}  # type: ignore[attr-defined]
        positions = [i - skip for i, name in enumerate(params) if name in used and i >= skip]
        if positions:
            flowing[fn.name] = positions
    found = []
    for call in ast.walk(tree):
        if isinstance(call, ast.Call) and _called(call) in flowing:
            given = [call.args[i] for i in flowing[_called(call)] if i < len(call.args)]
            if any(_prose(a) for a in given):
                found.append((call.lineno, ast.get_source_segment(source, call) or ""))
    return found


def _event_messages(tree: ast.AST) -> list[str]:
    """Texts a node event shows as an error: `{"message": "literal", ...}`, or a module
    constant `NAME = "literal"` used as `{"message": NAME}`."""
    constants = {t.id: node.value.value for node in getattr(tree, "body", [])
                 if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
                 and isinstance(node.value.value, str)
                 for t in node.targets if isinstance(t, ast.Name)}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Dict):
            continue
        for key, value in zip(node.keys, node.values, strict=True):
            if not (isinstance(key, ast.Constant) and key.value == "message"):
                continue
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                found.append(value.value)
            elif isinstance(value, ast.Name) and value.id in constants:
                found.append(constants[value.id])
    return found


def templates(paths: list[Path]) -> list[str]:
    """Every text raised as a literal, every Sentence template and every error event's
    message in `paths`, in order, once each."""
    seen: dict[str, None] = {}
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        texts = []
        for _, arg in _raised_texts(tree):
            texts += [arg.body, arg.orelse] if isinstance(arg, ast.IfExp) else [arg]
        for arg in texts:
            if isinstance(arg, ast.JoinedStr) and not _untranslatable(arg):  # f"no values"
                arg = ast.Constant("".join(v.value for v in arg.values  # type: ignore[attr-defined]
                                           if isinstance(v, ast.Constant)))
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value:
                seen.setdefault(arg.value)
        for node in ast.walk(tree):
            if _is_sentence_call(node) or _is_template_call(node):
                seen.setdefault(node.args[0].value)  # type: ignore[attr-defined]
        for text in _event_messages(tree):
            seen.setdefault(text)
    return list(seen)


def gui_paths() -> list[Path]:
    return [ROOT / p for p in GUI_PATHS]


def block(texts: list[str]) -> str:
    """The generated lines of wallet_sentences.py for `texts`."""
    lines = [BEGIN, "ERRORS = ("]
    lines += [f'    QT_TRANSLATE_NOOP("{CONTEXT}", {json.dumps(t, ensure_ascii=False)}),'
              for t in texts]
    lines += [")", END]
    return "\n".join(lines)


def current_block(text: str) -> str:
    """The generated part of wallet_sentences.py as it is now."""
    start, end = text.index(BEGIN), text.index(END) + len(END)
    return text[start:end]


def write() -> None:
    text = SENTENCES_FILE.read_text(encoding="utf-8")
    SENTENCES_FILE.write_text(text.replace(current_block(text), block(templates(gui_paths()))),
                              encoding="utf-8")


if __name__ == "__main__":
    write()
    sys.exit(0)
