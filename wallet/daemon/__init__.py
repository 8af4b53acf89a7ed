"""The node process: `kite daemon` and the local JSON-RPC socket the CLI talks to."""
