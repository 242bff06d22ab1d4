"""The engine's action handlers: one module per family of Senlin actions."""
