"""Liquidity service providers (bLIP-50 LSPS0 transport, bLIP-52 LSPS2 JIT channels).

Pure protocol code: `jsonrpc.py` (the LSPS0 codec), `lsps2.py` (fee menus, promises, the
opening fee, buy checks, the JIT invoice's hint). The asyncio side lives in
`wallet.ln.shell.lsps0` (requests over a peer connection) and its users.
"""
