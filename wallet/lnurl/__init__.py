"""LNURL (pay, withdraw, auth) and Lightning addresses, as the lnurl/luds documents define
them. Pure modules: `recognise` (every written form -> the address to call), `urls` (which
addresses may be called), `responses` (services' answers, checked field by field),
`invoice_check`, `success_action`, `auth`, `receive_room`. The one I/O shell: `http`.
The flows over the node: `wallet/daemon/lnurl_service.py`."""
