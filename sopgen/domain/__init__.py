"""Pure domain logic: step graphs, flowchart layout, capaian formulas."""
