"""Generated chain data (checkpoints, default servers); see scripts/gen_chain_data.py."""
