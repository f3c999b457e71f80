"""The IZA transformation funds: milestones, schedules, repayment risk and the transformation grant."""
