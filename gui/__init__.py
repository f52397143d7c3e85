"""Qt widgets and plots (the model never imports this package)."""
