"""CLI of liquidity from an LSP (bLIP-52 JIT channels):

    kite daemon --lsp [MIN_FEE_MSAT,PPM]      serve JIT channels (default 2000000,5000)
    kite lsp info [--json]                    the LSP's fee offers
    kite lsp known [--json]                   LSPs Kite knows of (suggestions; none used
                                              unless chosen with --lsp-peer or Settings)
    kite lsp buy-inbound AMOUNT_SAT [--yes] [--max-fee SAT] [--json]
                                              buy a channel in advance (LSPS1): the fee
                                              is shown and confirmed, then paid over
                                              Lightning
    kite lsp buy-inbound AMOUNT_SAT --onchain [--fee-rate SAT_VB] [--yes] [--max-fee SAT]
                                              the same, paid on-chain (bLIP-51 3.3): the
                                              order's total and the network fee are shown
                                              and confirmed; the channel opens once the
                                              payment has the confirmations the LSP asks
    kite lsp order ID [--json]                how an order stands at the LSP (and our
                                              on-chain payment of it, a refund)
    kite invoice AMOUNT_SAT [DESC] [--no-lsp] [--max-lsp-fee SAT]

`kite invoice` buys a JIT channel by itself when the channels cannot receive the amount
and an LSP is configured (`kite daemon --lsp-peer`, else the network's trampoline if it
sells them);
it says so, with the fee and what will arrive, on stderr (stdout stays the invoice).
`--no-lsp` refuses instead. `--lsp` and `--lsp-peer` are daemon options
(daemon_command.py).
"""

from __future__ import annotations

import argparse
import sys

from wallet.cli.common import daemon_call, print_json
from wallet.lsp.known import known_lsps


def _sat(msat: int) -> str:
    whole, part = divmod(msat, 1000)
    return f"{whole:,}" + (f".{part:03d}".rstrip("0") if part else "") + " sat"


def register(sub: argparse._SubParsersAction) -> None:
    q = sub.add_parser("lsp", help="liquidity from an LSP (JIT channels)")
    lsp_sub = q.add_subparsers(dest="lsp_command", required=True)
    info = lsp_sub.add_parser("info", help="the LSP's offers for just-in-time channels")
    info.add_argument("--json", action="store_true")
    info.set_defaults(func=cmd_info)
    known = lsp_sub.add_parser("known", help="LSPs Kite knows of on this network "
                                             "(suggestions, none required)")
    known.add_argument("--json", action="store_true")
    known.set_defaults(func=cmd_known)
    buy = lsp_sub.add_parser("buy-inbound", help="buy inbound capacity: a channel the LSP "
                                                  "opens to this wallet (LSPS1)")
    buy.add_argument("amount_sat", type=int, metavar="AMOUNT_SAT")
    buy.add_argument("--yes", action="store_true", help="pay the fee without asking (a "
                                                          "high network fee is still refused)")
    buy.add_argument("--max-fee", type=int, metavar="SAT", help="refuse a higher LSP fee")
    buy.add_argument("--onchain", action="store_true",
                     help="pay the order on-chain instead of over Lightning")
    buy.add_argument("--fee-rate", type=float, metavar="SAT_VB",
                     help="the on-chain payment's fee rate (default: the servers' estimate)")
    buy.add_argument("--json", action="store_true")
    buy.set_defaults(func=cmd_buy_inbound)
    order = lsp_sub.add_parser("order", help="how an order of inbound capacity stands")
    order.add_argument("order_id", metavar="ID")
    order.add_argument("--json", action="store_true")
    order.set_defaults(func=cmd_order)
    invoice = sub.choices.get("invoice")
    if invoice is not None:
        invoice.add_argument("--no-lsp", action="store_true",
                             help="never use a JIT channel: refuse when the channels cannot "
                                  "receive the amount")
        invoice.add_argument("--max-lsp-fee", type=int, metavar="SAT",
                             help="refuse a JIT channel costing more than this")
        invoice.set_defaults(func=cmd_invoice)


def cmd_info(args: argparse.Namespace) -> int:
    r = daemon_call(args, "lsp_info")
    if args.json:
        print_json(r)
        return 0
    print(f"LSP {r['lsp']}")
    print("protocols: " + (", ".join(f"LSPS{p}" for p in r["protocols"]) or "none"))
    for o in r["offers"]:
        print(f"JIT channel: {o['proportional_ppm'] / 10_000:g}% of the payment, at least "
              f"{_sat(o['min_fee_msat'])}; payments {_sat(o['min_payment_msat'])} to "
              f"{_sat(o['max_payment_msat'])}; offer valid until {o['valid_until']}")
    if 2 in r["protocols"] and not r["offers"]:
        print("no JIT channel offered at the moment")
    c = r.get("channels_in_advance")
    if c is not None:
        print(f"Channels in advance (kite lsp buy-inbound): {c['min_sat']:,} to "
              f"{c['max_sat']:,} sat, leased up to {c['max_lease_blocks']:,} blocks")
    return 0


def cmd_known(args: argparse.Namespace) -> int:
    """Read from the shipped list: no daemon needed, nothing contacted."""
    rows = [{"name": k.name, "node_id": k.node_id, "host": k.host, "port": k.port,
             "peer": k.peer} for k in known_lsps(args.network)]
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print(f"Kite knows no LSP on {args.network}; give one with "
              "`kite daemon --lsp-peer NODEID@HOST:PORT`.")
        return 0
    print("Known LSPs (suggestions: none is used unless you choose it with "
          "`kite daemon --lsp-peer`; Kite asks each what it sells before using it):")
    for r in rows:
        print(f"{r['name']}: {r['peer']}")
    return 0


def cmd_invoice(args: argparse.Namespace) -> int:
    params: dict[str, object] = {"amount_sat": args.amount_sat, "description": args.description,
                                 "expiry": args.expiry}
    if args.no_lsp:
        params["no_lsp"] = True
    if args.max_lsp_fee is not None:
        params["max_lsp_fee_sat"] = args.max_lsp_fee
    r = daemon_call(args, "invoice", **params)
    if args.json:
        print_json(r)
        return 0
    print(r["invoice"])
    jit = r.get("jit_channel")
    if jit is not None:
        if jit["opening_fee_msat"] is None:
            rule = jit["fee_rule"]
            print(f"Paid through a new channel from the LSP {jit['lsp'][:16]}…: its fee is "
                  f"{rule['proportional_ppm'] / 10_000:g}% of the amount, at least "
                  f"{_sat(rule['min_fee_msat'])}, taken from the payment.", file=sys.stderr)
        else:
            print(f"Paid through a new channel from the LSP {jit['lsp'][:16]}…: the payer pays "
                  f"{_sat(r['amount_msat'])}, you receive {_sat(jit['you_receive_msat'])} "
                  f"(opening fee {_sat(jit['opening_fee_msat'])}).", file=sys.stderr)
    elif r.get("warning"):
        print(f"Warning: {r['warning']}.", file=sys.stderr)
    return 0


def _order_line(r: dict) -> str:
    line = f"Order {r['order_id']}: {r['state']}"
    if r.get("payment_state"):
        line += f", payment {r['payment_state']}"
    if r.get("onchain"):
        line += f", on-chain payment {r['onchain']['state']}"
    if r.get("channel"):
        line += f"; channel {r['channel']['funding_outpoint']}"
    return line


def _blocks(n: int) -> str:
    return f"{n:,} confirmation" + ("" if n == 1 else "s")


def _ask(question: str) -> bool:
    try:
        answer = input(question).strip().lower()
    except EOFError:
        answer = ""
    return answer in ("y", "yes")


def cmd_buy_inbound(args: argparse.Namespace) -> int:
    params: dict[str, object] = {"amount_sat": args.amount_sat}
    if args.max_fee is not None:
        params["max_fee_sat"] = args.max_fee
    if getattr(args, "fee_rate", None) is not None and not getattr(args, "onchain", False):
        print("--fee-rate is for --onchain", file=sys.stderr)
        return 2
    if not args.yes and args.json:
        print("--json needs --yes (the fee cannot be confirmed here)", file=sys.stderr)
        return 2
    order = daemon_call(args, "lsp_buy", **params)
    if getattr(args, "onchain", False):
        return _buy_onchain(args, order)
    if order.get("fee_sat") is None:
        print("The LSP offers this order on-chain only; buy again with --onchain.",
              file=sys.stderr)
        return 1
    if not args.yes:
        print(f"The LSP {order['lsp'][:16]}… opens a channel of "
              f"{order['lsp_balance_sat']:,} sat to this wallet, kept open at least "
              f"{order['channel_expiry_blocks']:,} blocks, for a fee of {order['fee_sat']:,} sat "
              f"paid now over Lightning.")
        if not _ask("Pay it? [y/N] "):
            print("Not paid; the order expires by itself.")
            return 1
    r = daemon_call(args, "lsp_order_pay", order_id=order["order_id"])
    if args.json:
        print_json(r)
        return 0
    print(_order_line(r))
    if r.get("warning"):
        print(f"Warning: {r['warning']}.", file=sys.stderr)
        return 1
    if r["state"] == "CREATED":
        print(f"The channel is not open yet; see: kite lsp order {r['order_id']}")
    return 0 if r["state"] != "FAILED" else 1


def _buy_onchain(args: argparse.Namespace, order: dict) -> int:
    """Price the on-chain payment, show it (order total + network fee), pay it on a yes
    with that fee rate and that fee (another fee is refused by the daemon)."""
    if "onchain" not in order.get("pay_with", []):
        print("The LSP offers no on-chain payment for this order; buy without --onchain.",
              file=sys.stderr)
        return 1
    quote: dict[str, object] = {"order_id": order["order_id"], "onchain": True}
    if args.fee_rate is not None:
        quote["fee_rate"] = args.fee_rate
    q = daemon_call(args, "lsp_order_pay", dry_run=True, **quote)["onchain_quote"]
    confirmed = False
    if not args.yes:
        print(f"The LSP {order['lsp'][:16]}… opens a channel of "
              f"{order['lsp_balance_sat']:,} sat to this wallet, kept open at least "
              f"{order['channel_expiry_blocks']:,} blocks, for a fee of "
              f"{order['onchain']['fee_sat']:,} sat paid on-chain: {q['order_total_sat']:,} sat "
              f"to {q['address']} plus a network fee of {q['network_fee_sat']:,} sat "
              f"({q['feerate']:g} sat/vB), {q['total_sat']:,} sat in all. The channel opens "
              f"after {_blocks(q['confirmations'])} of the payment.")
        if q.get("high_fee"):
            print(f"Note: {q['high_fee']}.")
        if not _ask("Pay it? [y/N] "):
            print("Not paid; the order expires by itself.")
            return 1
        confirmed = True
    r = daemon_call(args, "lsp_order_pay", order_id=order["order_id"], onchain=True,
                    fee_rate=q["target_feerate"], expected_fee_sat=q["network_fee_sat"],
                    confirm_high_fee=confirmed)
    if args.json:
        print_json(r)
        return 0
    print(f"Paid on-chain: transaction {r['paid_onchain']} sends {q['order_total_sat']:,} sat "
          f"to {q['address']}.")
    print(f"The LSP opens the channel after {_blocks(q['confirmations'])} of the payment; "
          f"see: kite lsp order {r['order_id']}")
    return 0


def cmd_order(args: argparse.Namespace) -> int:
    r = daemon_call(args, "lsp_order", order_id=args.order_id)
    if args.json:
        print_json(r)
        return 0
    print(_order_line(r))
    onchain = r.get("onchain") or {}
    fee = r["fee_sat"] if r.get("fee_sat") is not None else onchain.get("fee_sat")
    print(f"{r['lsp_balance_sat']:,} sat of inbound capacity for {fee:,} sat")
    paid = r.get("onchain_payment")
    if paid is not None:
        depth = paid["confirmations"]
        seen = ("not seen by this wallet yet" if depth is None
                else f"{_blocks(depth)}, the LSP waits for {onchain.get('confirmations', 1):,}")
        print(f"Paid on-chain: transaction {paid['txid']}, {seen}")
    refund = onchain.get("refund_address") or "this wallet's refund address"
    if onchain.get("state") == "REFUNDED":
        print(f"The LSP refunded the on-chain payment to {refund} (an address of this "
              f"wallet: the refund shows in the on-chain balance).")
    elif r["state"] == "FAILED" and onchain.get("state") == "PAID":
        print(f"The order FAILED: the LSP must refund the on-chain payment to {refund}.")
    if r.get("pay_with"):
        ways = {"lightning": "over Lightning", "onchain": "on-chain"}
        print("It can be paid " + " or ".join(ways[w] for w in r["pay_with"]) + ".")
    if r.get("warning"):
        print(f"Warning: {r['warning']}.", file=sys.stderr)
        return 1
    return 0
