"""One package per external capability, one module per provider (see docs/architecture.md)."""
