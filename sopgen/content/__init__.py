"""Reading a site folder: YAML with positions, validation, references."""
