"""What-if budgets of a region: inputs, figures, variants and the comparison of scenarios."""
