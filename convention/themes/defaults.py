"""Bounds the themes engine and the app share; importable without numpy (the web process reads them)."""
K_MIN, K_MAX = 2, 12    # the number of themes is chosen in this range unless told otherwise
MAX_THEMES = 30         # the most a form or the command line may ask for
