"""The bottom layer: text primitives that every other layer uses and that import nothing from the package."""
