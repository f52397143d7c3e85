"""LossLab's model: the maths, the state and the session files, in pure numpy (no Qt)."""
