"""Qt Quick GUI over the wallet facade. The only package that imports Qt."""
